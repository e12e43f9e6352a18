"""eventsourcing's own recorder test cases, run on the PostgreSQL store's recorders.

As eventsourcing runs them on its PostgreSQL recorders (its tests/persistence_tests/
test_postgres.py and test_noninterleaving_notification_ids.py), on the recorders the market's
PostgreSQL store builds, each test in a schema of its own (as the market's, which names one):
the application recorder as is, with reads checked (see ``recorder_cases``: its inserts then
take a path of their own, the check pipelined with them) and with eventsourcing's database
functions (``POSTGRES_ENABLE_DB_FUNCTIONS``, where it leaves the check to the application);
the aggregate (snapshots), tracking and process recorders of the same factory; and the journal,
audit and sharing views, tracking recorders of their own. The subscription case runs too.

Not run, as in eventsourcing's own runs or for want of the option: the "text originator id"
variants (a datastore option the market never sets: its ids are UUIDs).
"""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any
from unittest import TestCase, mock

import pytest
from eventsourcing.persistence import (
    AggregateRecorder,
    ApplicationRecorder,
    ProcessRecorder,
    StoredEvent,
    TrackingRecorder,
)
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresFactory,
    PostgresProcessRecorder,
    PostgresTrackingRecorder,
)
from eventsourcing.tests import persistence as cases
from eventsourcing.utils import Environment

from sharemarket.adapters.postgres_recorder import PostgresMarketRecorder
from sharemarket.adapters.postgres_sharing import open_postgres_sharing
from sharemarket.adapters.postgres_views import open_postgres_views
from sharemarket.application.kernel.read_checks import READS, ReadChanged
from sharemarket.application.kernel.receipts import RECEIPTS
from sharemarket.application.stores import postgres_env
from tests.adapters.recorder_cases import (
    ReadCheckedPostgresRecorder,
    ReadsCheckedCase,
    SubscribesWhileWriting,
    construct_factory,
)
from tests.conftest import postgres_dsn

pytestmark = pytest.mark.postgres

READ_CHECKED = f"{ReadCheckedPostgresRecorder.__module__}:{ReadCheckedPostgresRecorder.__name__}"


def new_schema(case: TestCase) -> tuple[str, str]:
    """The test server and a fresh schema on it, dropped after the case's test.

    Without a server the test is skipped, and fails in CI (``postgres_dsn``).
    """
    import psycopg

    dsn = postgres_dsn()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")

    case.addCleanup(drop)
    return dsn, schema


class PostgresCase:
    """A fresh schema per test, dropped after it, and the market's factory on it."""

    recorder_topic: str | None = None
    db_functions = False

    def setUp(self) -> None:
        self.dsn, self.schema = new_schema(self)  # type: ignore[arg-type]
        self.threads_before = set(threading.enumerate())

    def factory(self, **settings: str) -> PostgresFactory:
        env: dict[str, Any] = {**postgres_env(self.dsn, schema=self.schema), **settings}
        if self.recorder_topic is not None:
            env["APPLICATION_RECORDER_TOPIC"] = self.recorder_topic
        if self.db_functions:
            env["POSTGRES_ENABLE_DB_FUNCTIONS"] = "y"
        factory = construct_factory(env)
        assert isinstance(factory, PostgresFactory)
        self.addCleanup(factory.close)  # type: ignore[attr-defined]
        # Run before the close: eventsourcing's concurrent case leaves its reader threads to
        # stop by themselves.
        self.addCleanup(self.join_threads)  # type: ignore[attr-defined]
        return factory

    def join_threads(self) -> None:
        # (The daemon threads are the pool's own, which stop as it closes.)
        for thread in set(threading.enumerate()) - self.threads_before:
            if not thread.daemon:
                thread.join(timeout=30)


class TestPostgresAggregateRecorder(PostgresCase, cases.AggregateRecorderTestCase):
    """The recorder the PostgreSQL store keeps snapshots in."""

    def create_recorder(self) -> AggregateRecorder:
        return self.factory().aggregate_recorder("snapshots")


class TestPostgresMarketRecorder(
    PostgresCase,
    SubscribesWhileWriting,
    cases.ApplicationRecorderTestCase[PostgresMarketRecorder],
):
    def create_recorder(self) -> PostgresMarketRecorder:
        recorder = self.factory().application_recorder()
        assert isinstance(recorder, PostgresMarketRecorder)
        assert recorder.checks_reads is not self.db_functions
        return recorder

    def test_insert_subscribe(self) -> None:
        # Optional in eventsourcing's case; run for its PostgreSQL recorder, which has them.
        self.optional_test_insert_subscribe()


class TestPostgresMarketRecorderWithReadsChecked(ReadsCheckedCase, TestPostgresMarketRecorder):
    recorder_topic = READ_CHECKED

    def create_recorder(self) -> PostgresMarketRecorder:
        recorder = super().create_recorder()
        assert isinstance(recorder, ReadCheckedPostgresRecorder)
        return recorder

    def test_a_checked_insert_outlives_closed_connections(self) -> None:
        """The checked insert is retried on a new connection when the server closed the old.

        (eventsourcing checks this of its own inserts; the checked insert is ours.)
        """
        import psycopg

        # One connection, so that the next insert has only the closed one to start with.
        factory = self.factory(POSTGRES_POOL_SIZE="1", POSTGRES_MAX_OVERFLOW="0")
        recorder = factory.application_recorder()
        assert isinstance(recorder, ReadCheckedPostgresRecorder)
        recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "topic", b"{}")])
        with recorder.datastore.get_connection() as conn:
            pid = conn.info.backend_pid
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        checked = recorder.checked_inserts
        recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "topic", b"{}")])
        assert checked + 1 == recorder.checked_inserts
        assert 2 == recorder.max_notification_id()

    def test_the_check_fails_only_on_a_newer_event_however_postgresql_plans_it(self) -> None:
        """The check fails on the server by dividing by zero over the newer event it finds
        (``postgres_read_checks``): it must not fail where none is found, also once PostgreSQL
        plans the prepared statement generically (after five executions), and must fail where
        one is, naming it. Each refusal records nothing (its receipt neither), is answered on
        the save's one connection (a pool of one, none to spare), and hands that connection
        back out of its transaction: the pool finds nothing to roll back."""
        factory = self.factory(
            POSTGRES_POOL_SIZE="1", POSTGRES_MAX_OVERFLOW="0", POSTGRES_CONNECT_TIMEOUT="2"
        )
        recorder = factory.application_recorder()
        assert isinstance(recorder, ReadCheckedPostgresRecorder)
        read = uuid.uuid4()
        recorder.insert_events([StoredEvent(read, 1, "topic", b"{}")])
        for n in range(1, 9):  # current reads, and unknown ids read as missing: recorded
            recorder.insert_events(
                [StoredEvent(uuid.uuid4(), 1, "topic", b"{}")],
                **{READS: {read: 1, uuid.uuid4(): 0}},
            )
            assert 1 + n == recorder.max_notification_id()
        with self.assertNoLogs("psycopg.pool", level="WARNING"):  # type: ignore[attr-defined]
            for _ in range(3):
                written, receipt = uuid.uuid4(), uuid.uuid4()
                with pytest.raises(ReadChanged) as refused:
                    recorder.insert_events(
                        [StoredEvent(written, 1, "topic", b"{}")],
                        **{READS: {read: 0}, RECEIPTS: [(receipt, b"{}")]},
                    )
                assert (read, 0) == (refused.value.aggregate_id, refused.value.version)
                assert [] == recorder.select_events(written)
                assert recorder.select_receipt(receipt) is None
        assert 9 == recorder.max_notification_id()

    def test_a_refusal_is_raised_as_itself_when_the_server_answers_before_the_commit_is_sent(
        self,
    ) -> None:
        """A failed statement can reach the client before it has sent the ``COMMIT`` queued
        behind it; left to the pipeline's exit, psycopg would then raise ``PipelineAborted``
        for the skipped ``COMMIT``, an ``OperationalError`` that is retried and hides the
        refusal. Delayed as a thread switch would delay it, the refusal is still
        ``ReadChanged``, and the save is attempted once."""
        import psycopg

        recorder = self.create_recorder()
        read = uuid.uuid4()
        recorder.insert_events([StoredEvent(read, 1, "topic", b"{}")])
        exit_transaction = psycopg.Transaction.__exit__

        def late_exit(transaction: Any, *exc: Any) -> Any:
            time.sleep(0.01)  # the server's error arrives meanwhile
            return exit_transaction(transaction, *exc)

        attempts = [0]
        get_connection = recorder.datastore.get_connection

        def counted() -> Any:
            attempts[0] += 1
            return get_connection()

        with (
            mock.patch.object(psycopg.Transaction, "__exit__", late_exit),
            mock.patch.object(recorder.datastore, "get_connection", counted),
        ):
            for _ in range(3):
                attempts[0] = 0
                with pytest.raises(ReadChanged):
                    recorder.insert_events(
                        [StoredEvent(uuid.uuid4(), 1, "topic", b"{}")], **{READS: {read: 0}}
                    )
                assert 1 == attempts[0]


class TestPostgresMarketRecorderWithDbFunctions(TestPostgresMarketRecorder):
    db_functions = True


class TestPostgresTrackingRecorder(PostgresCase, cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        return self.factory().tracking_recorder()


class TestPostgresJournalView(PostgresCase, cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        journal, _ = open_postgres_views(self.factory().datastore)
        return journal


class TestPostgresAuditView(PostgresCase, cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        _, audit = open_postgres_views(self.factory().datastore)
        return audit


class TestPostgresSharingView(PostgresCase, cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        datastore = self.factory().datastore
        open_postgres_views(datastore)  # makes the schema the sharing view is opened in
        return open_postgres_sharing(datastore)


class TestPostgresProcessRecorder(PostgresCase, cases.ProcessRecorderTestCase):
    def create_recorder(self) -> ProcessRecorder:
        return self.factory().process_recorder()


class TestNonInterleavingPostgres(PostgresCase, cases.NonInterleavingNotificationIDsBaseCase):
    insert_num = 1000  # eventsourcing runs 100 on PostgreSQL: more, to see a race more often

    def create_recorder(self) -> ApplicationRecorder:
        return self.factory().application_recorder()


class TestNonInterleavingPostgresWithReadsChecked(TestNonInterleavingPostgres):
    recorder_topic = READ_CHECKED


class TestNonInterleavingPostgresWithDbFunctions(TestNonInterleavingPostgres):
    db_functions = True

    def test_an_insert_waits_for_another_writer(self) -> None:
        """The database function locks the table as eventsourcing's own insert does.

        (eventsourcing's function did not, so saves interleaved their notification ids: the
        case above sees it in some runs only; this shows the lock every time.) Another
        transaction holds the lock an insert takes; the function's insert waits for its commit.
        """
        import psycopg

        recorder = self.create_recorder()
        table = f"{self.schema}.{recorder.events_table_name}"
        with psycopg.connect(self.dsn) as other:
            other.execute(f"LOCK TABLE {table} IN ROW EXCLUSIVE MODE")
            commit = threading.Timer(0.5, other.commit)
            commit.start()
            started = time.perf_counter()
            recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "topic", b"{}")])
            waited = time.perf_counter() - started
            commit.join()
        assert waited >= 0.4


class TestPostgresMarketFactory(cases.InfrastructureFactoryTestCase[PostgresFactory]):
    def setUp(self) -> None:
        dsn, schema = new_schema(self)
        self.env = Environment("TestCase", postgres_env(dsn, schema=schema))
        super().setUp()

    def expected_factory_class(self) -> type[PostgresFactory]:
        return PostgresFactory

    def expected_aggregate_recorder_class(self) -> type[AggregateRecorder]:
        return PostgresAggregateRecorder

    def expected_application_recorder_class(self) -> type[ApplicationRecorder]:
        return PostgresMarketRecorder

    def expected_tracking_recorder_class(self) -> type[TrackingRecorder]:
        return PostgresTrackingRecorder

    def tracking_recorder_subclass(self) -> type[TrackingRecorder]:
        return TrackingRecorderSubclass

    def expected_process_recorder_class(self) -> type[ProcessRecorder]:
        return PostgresProcessRecorder


class TrackingRecorderSubclass(PostgresTrackingRecorder):
    pass
