"""The PostgreSQL event store, checking a save's reads (see ``application.read_checks``), keeping
request receipts in a table beside the events (see ``application.kernel.receipts``) and writing
snapshots in their command's transaction (``application.kernel.snapshots``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError, Recorder, StoredEvent
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresDatastore,
)
from eventsourcing.utils import retry
from psycopg.abc import Query
from psycopg.sql import SQL, Composable, Identifier

from sharemarket.adapters.postgres_connections import check_connection
from sharemarket.adapters.postgres_functions import insert_function, insert_through_function
from sharemarket.adapters.postgres_read_checks import (
    ReadCheckStatements,
    failed_check,
    parameters,
    read_changed,
)
from sharemarket.application.kernel.read_checks import READS, ReadVersions
from sharemarket.application.kernel.receipts import (
    OLD_RECEIPTS_MARK,
    RECEIPTS,
    StoredReceipts,
    receipts_table,
)
from sharemarket.application.kernel.snapshots import SNAPSHOTS


class PostgresMarketRecorder(PostgresApplicationRecorder):
    keeps_receipts = True

    def __init__(
        self, datastore: PostgresDatastore, events_table_name: str = "stored_events"
    ) -> None:
        check_connection(datastore, "the market", schema_must_exist=True)
        super().__init__(datastore, events_table_name=events_table_name)
        self._table = SQL("{schema}.{table}").format(
            schema=Identifier(datastore.schema), table=Identifier(self.events_table_name)
        )
        self.receipts_table_name = receipts_table(self.events_table_name)
        self.check_identifier_length(self.receipts_table_name)
        self._receipts = SQL("{schema}.{table}").format(
            schema=Identifier(datastore.schema), table=Identifier(self.receipts_table_name)
        )
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {receipts} "
                "(receipt_id uuid PRIMARY KEY, state bytea NOT NULL)"
            ).format(receipts=self._receipts)
        )
        # Statements a save executes, rendered to text once: psycopg renders a composed
        # statement again at every execution, 5 to 20 us each (about 80 us a command).
        self._insert_receipt = (
            SQL("INSERT INTO {receipts} VALUES (%s, %s)")
            .format(receipts=self._receipts)
            .as_string(None)
        )
        self._select_receipt = (
            SQL("SELECT state FROM {receipts} WHERE receipt_id = %s")
            .format(receipts=self._receipts)
            .as_string(None)
        )
        self._locks = [_text(statement) for statement in self.lock_table_statements]
        self._notify = SQL("NOTIFY {0}").format(Identifier(self.channel_name)).as_string(None)
        self._insert_rows = self.insert_events_statement.as_string(None)
        self._read_checks = ReadCheckStatements(self._table)
        self._snapshots: PostgresAggregateRecorder | None = None
        if datastore.enable_db_functions:
            index = self.create_insert_function_statement_index
            self.sql_create_statements[index] = insert_function(self)

    def _insert_stored_events(
        self, curs: psycopg.Cursor[Any], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        """eventsourcing's: the table lock, the notification, the rows (composite values
        through ``unnest``), with the statements rendered once (``__init__``)."""
        for lock in self._locks:
            curs.execute(lock, prepare=True)
        curs.execute(self._notify)
        rows = [
            self.construct_pg_stored_event(s.originator_id, s.originator_version, s.topic, s.state)
            for s in stored_events
        ]
        curs.execute(self._insert_rows, (rows,))

    def create_table(self) -> None:
        """The tables; a store that had events before its receipts table is marked as holding
        receipts written as aggregates (``application.kernel.receipts``)."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                "SELECT to_regclass(%s) AS found",
                (f'"{self.datastore.schema}"."{self.receipts_table_name}"',),
            )
            row = curs.fetchone()
        had_receipts_table = row is not None and row["found"] is not None
        super().create_table()
        if not had_receipts_table:
            with self.datastore.transaction(commit=True) as curs:
                curs.execute(
                    SQL(
                        "INSERT INTO {receipts} SELECT %s, %s "
                        "WHERE EXISTS (SELECT 1 FROM {table}) ON CONFLICT DO NOTHING"
                    ).format(receipts=self._receipts, table=self._table),
                    (OLD_RECEIPTS_MARK, b""),
                )

    def select_receipt(self, receipt_id: UUID) -> bytes | None:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self._select_receipt, (receipt_id,), prepare=True)
            row = curs.fetchone()
        return None if row is None else bytes(row["state"])

    def holds_old_receipts(self) -> bool:
        return self.select_receipt(OLD_RECEIPTS_MARK) is not None

    @property
    def checks_reads(self) -> bool:
        # With POSTGRES_ENABLE_DB_FUNCTIONS, eventsourcing inserts through a database function
        # of its own, which this recorder does not extend: the application asks before deciding.
        return not self.datastore.enable_db_functions

    @staticmethod
    @contextmanager
    def _transaction(conn: psycopg.Connection[Any]) -> Iterator[None]:
        """A transaction in a pipeline of its own, sent in one round trip: ``BEGIN``, what the
        block executes, ``COMMIT``, and one sync.

        psycopg's ``conn.transaction()`` inside a pipeline syncs when it begins, when the inner
        pipeline it opens ends, and when it commits; with the outer pipeline's own sync that
        makes five round trips a save (as eventsourcing's insert makes), two of them while the
        save holds the table lock. Here psycopg's own transaction is entered inside the
        pipeline, without the inner pipeline, and the block does not sync: the server runs the
        statements and commits, and the client waits once, for all of it. A statement that
        fails aborts the transaction on the server, which then skips the rest, ``COMMIT``
        included.

        The sync is asked for inside the pipeline, after the transaction's ``COMMIT`` is
        queued: it raises the statement's own error. Left to the pipeline's exit, psycopg can
        raise ``PipelineAborted`` for the skipped ``COMMIT`` instead (when the error reaches
        the client before it has sent everything), an ``OperationalError`` that would be
        retried and would hide a refused read. The failed transaction is then rolled back here
        (which also forgets the statements psycopg prepared in it), leaving the connection idle
        for the pool, or for the caller to ask more on it. Results are read from the cursors
        after the block.
        """
        try:
            with conn.pipeline() as pipeline:
                with psycopg.Transaction(conn):
                    yield
                pipeline.sync()
        except BaseException:
            with suppress(psycopg.Error):  # a broken connection: the pool discards it
                conn.rollback()
            raise

    def keep_snapshots_of(self, snapshots: Recorder) -> bool:
        """Write a save's snapshots with its events, in the same round trip, when ``snapshots``'
        table is in this database (not through eventsourcing's database function)."""
        self._snapshots = None
        if (
            isinstance(snapshots, PostgresAggregateRecorder)
            and snapshots.datastore is self.datastore
            and not self.datastore.enable_db_functions
        ):
            self._snapshots = snapshots
        return self._snapshots is not None

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """eventsourcing's pipelined insert, with the receipts, the snapshots and the reads
        checked, and the commit, in one round trip (``_transaction``).

        The table lock first, then the notification, the inserts (events, receipts, snapshots)
        and the check, which fails on the server if a read aggregate has a newer event
        (``postgres_read_checks``); then ``COMMIT``. Every row is written under the lock, which
        eventsourcing's own insert and its database function also take before any row: no two
        savers can each hold what the other waits for (receipts or snapshots written before the
        lock deadlocked against a saver holding it and writing the same request id). The lock
        comes before the check, so no other writer can commit between the check and our
        commit; the inserts do not disturb the check, since what a save reads excludes what it
        writes. A request id already taken violates the receipts' key, an event's version the
        events' key: ``IntegrityError``, nothing recorded. A failed check raises
        ``ReadChanged`` naming the aggregate, nothing recorded.
        """
        reads: ReadVersions = kwargs.get(READS) or {}
        receipts: StoredReceipts = kwargs.get(RECEIPTS) or ()
        snapshots: Sequence[StoredEvent] = kwargs.get(SNAPSHOTS) or ()
        if self.datastore.enable_db_functions:
            assert not snapshots, "snapshots given to a store writing them after its command"
            if not receipts:
                unchecked: Sequence[int] | None = super().insert_events(stored_events, **kwargs)
                return unchecked
            return insert_through_function(self, stored_events, receipts, self._insert_receipt)
        if not receipts and not snapshots and (not reads or not stored_events):
            unchecked = super().insert_events(stored_events, **kwargs)
            return unchecked
        with (
            self.datastore.get_connection() as conn,
            conn.cursor() as written,
            conn.cursor() as curs,
            conn.cursor() as check,
        ):
            try:
                with self._transaction(conn):
                    if stored_events:
                        self._insert_stored_events(curs, stored_events, **kwargs)
                    if receipts:
                        written.executemany(self._insert_receipt, receipts)
                    if snapshots:
                        assert self._snapshots is not None, (
                            "snapshots given to a store not keeping them"
                        )
                        self._snapshots._insert_stored_events(written, snapshots)
                    if reads:
                        check.execute(
                            self._read_checks.failing(len(reads)), parameters(reads), prepare=True
                        )
            except psycopg.Error as exc:
                if reads and failed_check(exc):
                    raise read_changed(conn, self._read_checks, reads) from None
                raise
            if not stored_events:
                return None
            return self._fetch_ids_after_insert_events(curs, stored_events, **kwargs)


def _text(statement: Query) -> str:
    """A statement as text, for psycopg to send without composing it again."""
    if isinstance(statement, Composable):
        return statement.as_string(None)
    if isinstance(statement, bytes):
        return statement.decode()
    if isinstance(statement, str):
        return statement
    raise TypeError(f"cannot render {type(statement).__name__} statements once")
