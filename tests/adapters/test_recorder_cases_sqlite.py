"""eventsourcing's own recorder test cases, run on the SQLite store's recorders.

As eventsourcing runs them on its SQLite recorders (its tests/persistence_tests/test_sqlite.py
and test_noninterleaving_notification_ids.py), on the recorders the market's SQLite store
builds: every one of them goes through ``SQLiteMarketFactory``'s connections and transactions,
so the aggregate (snapshots), tracking and process recorders run the cases as well as the
application recorder (as is, and with reads checked, see ``recorder_cases``). The views are
tracking recorders on connections of their own (``ViewDatastore``). As in eventsourcing, the
concurrent cases also run on a shared in-memory database.

Not run, as in eventsourcing: the subscription case (SQLite has no subscriptions; that it says
so is checked here), and eventsourcing's "text originator id" variants (a datastore option the
market never sets: its ids are UUIDs).
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import (
    AggregateRecorder,
    ApplicationRecorder,
    ProcessRecorder,
    TrackingRecorder,
)
from eventsourcing.sqlite import (
    SQLiteAggregateRecorder,
    SQLiteProcessRecorder,
    SQLiteTrackingRecorder,
)
from eventsourcing.tests import persistence as cases
from eventsourcing.utils import Environment

from sharemarket.adapters.sqlite_connections import MarketSQLiteConnection
from sharemarket.adapters.sqlite_recorder import SQLiteMarketFactory, SQLiteMarketRecorder
from sharemarket.adapters.sqlite_sharing import open_sqlite_sharing
from sharemarket.adapters.sqlite_views import open_sqlite_views
from sharemarket.application.stores import sqlite_env
from tests.adapters.recorder_cases import (
    ReadCheckedSQLiteRecorder,
    ReadsCheckedCase,
    construct_factory,
)

#: eventsourcing's shared in-memory database, for its concurrent cases.
SHARED_MEMORY = "file::memory:?cache=shared"
READ_CHECKED = f"{ReadCheckedSQLiteRecorder.__module__}:{ReadCheckedSQLiteRecorder.__name__}"


class SQLiteCase:
    """A temporary folder per test, and the market's SQLite factory on a file in it."""

    #: The database the recorders of the next ``factory()`` use (``None``: a file).
    db_name: str | None = None
    recorder_topic: str | None = None

    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)  # type: ignore[attr-defined]
        self.folder = Path(folder.name)
        self.threads_before = set(threading.enumerate())

    def factory(self) -> SQLiteMarketFactory:
        env: dict[str, Any] = sqlite_env(self.folder / "market.sqlite")
        if self.db_name is not None:  # refused by sqlite_env, which is for files
            env["SQLITE_DBNAME"] = self.db_name
        if self.recorder_topic is not None:
            env["APPLICATION_RECORDER_TOPIC"] = self.recorder_topic
        factory = construct_factory(env)
        assert isinstance(factory, SQLiteMarketFactory)
        self.addCleanup(factory.close)  # type: ignore[attr-defined]
        # Run before the close: eventsourcing's concurrent case leaves its reader threads to
        # stop by themselves, and closing an SQLite connection a thread still reads crashes.
        self.addCleanup(self.join_threads)  # type: ignore[attr-defined]
        return factory

    def join_threads(self) -> None:
        # (The daemon threads are the pool's own, which stop as it closes.)
        for thread in set(threading.enumerate()) - self.threads_before:
            if not thread.daemon:
                thread.join(timeout=30)


class TestSQLiteAggregateRecorder(SQLiteCase, cases.AggregateRecorderTestCase):
    """The recorder the SQLite store keeps snapshots in."""

    def create_recorder(self) -> AggregateRecorder:
        return self.factory().aggregate_recorder("snapshots")


class TestSQLiteMarketRecorder(SQLiteCase, cases.ApplicationRecorderTestCase[SQLiteMarketRecorder]):
    def create_recorder(self) -> SQLiteMarketRecorder:
        recorder = self.factory().application_recorder()
        assert isinstance(recorder, SQLiteMarketRecorder)
        return recorder

    def test_concurrent_no_conflicts_in_memory_db(self) -> None:
        self.db_name = SHARED_MEMORY
        self.test_concurrent_no_conflicts()

    def test_concurrent_throughput_in_memory_db(self) -> None:
        self.db_name = SHARED_MEMORY
        self.test_concurrent_throughput()

    def test_has_no_subscriptions(self) -> None:
        # Why the optional subscription case is not run here (as in eventsourcing).
        with pytest.raises(NotImplementedError):
            self.create_recorder().subscribe(0)


class TestSQLiteMarketRecorderWithReadsChecked(ReadsCheckedCase, TestSQLiteMarketRecorder):
    recorder_topic = READ_CHECKED

    def create_recorder(self) -> SQLiteMarketRecorder:
        recorder = super().create_recorder()
        assert isinstance(recorder, ReadCheckedSQLiteRecorder)
        return recorder


class TestSQLiteTrackingRecorder(SQLiteCase, cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        return self.factory().tracking_recorder()


class TestSQLiteJournalView(SQLiteCase, cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        journal, audit = open_sqlite_views(self.folder / "views")
        audit.close()
        self.addCleanup(journal.close)  # type: ignore[attr-defined]
        return journal


class TestSQLiteAuditView(SQLiteCase, cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        journal, audit = open_sqlite_views(self.folder / "views")
        journal.close()
        self.addCleanup(audit.close)  # type: ignore[attr-defined]
        return audit


class TestSQLiteSharingView(SQLiteCase, cases.TrackingRecorderTestCase):
    def create_recorder(self) -> TrackingRecorder:
        sharing = open_sqlite_sharing(self.folder)
        self.addCleanup(sharing.close)  # type: ignore[attr-defined]
        return sharing


class TestSQLiteProcessRecorder(SQLiteCase, cases.ProcessRecorderTestCase):
    def create_recorder(self) -> ProcessRecorder:
        return self.factory().process_recorder()


class TestNonInterleavingSQLiteFile(SQLiteCase, cases.NonInterleavingNotificationIDsBaseCase):
    insert_num = 10_000  # as eventsourcing's own SQLite cases

    def create_recorder(self) -> ApplicationRecorder:
        return self.factory().application_recorder()


class TestNonInterleavingSQLiteInMemory(TestNonInterleavingSQLiteFile):
    db_name = SHARED_MEMORY


class TestNonInterleavingSQLiteFileWithReadsChecked(TestNonInterleavingSQLiteFile):
    recorder_topic = READ_CHECKED


class TestNonInterleavingSQLiteInMemoryWithReadsChecked(TestNonInterleavingSQLiteFile):
    db_name = SHARED_MEMORY
    recorder_topic = READ_CHECKED


class TestSQLiteMarketFactory(cases.InfrastructureFactoryTestCase[SQLiteMarketFactory]):
    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.env = Environment("TestCase", sqlite_env(Path(folder.name) / "market.sqlite"))
        super().setUp()

    def expected_factory_class(self) -> type[SQLiteMarketFactory]:
        return SQLiteMarketFactory

    def expected_aggregate_recorder_class(self) -> type[AggregateRecorder]:
        return SQLiteAggregateRecorder

    def expected_application_recorder_class(self) -> type[ApplicationRecorder]:
        return SQLiteMarketRecorder

    def expected_tracking_recorder_class(self) -> type[TrackingRecorder]:
        return SQLiteTrackingRecorder

    def tracking_recorder_subclass(self) -> type[TrackingRecorder]:
        return TrackingRecorderSubclass

    def expected_process_recorder_class(self) -> type[ProcessRecorder]:
        return SQLiteProcessRecorder

    def test_connections_are_the_markets(self) -> None:
        # What makes every recorder of this factory the market's: its connections.
        with self.factory.datastore.get_connection(commit=False) as connection:
            assert isinstance(connection, MarketSQLiteConnection)


class TrackingRecorderSubclass(SQLiteTrackingRecorder):
    pass
