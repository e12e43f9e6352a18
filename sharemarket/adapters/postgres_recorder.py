"""The PostgreSQL event store, checking a save's reads (see ``application.read_checks``), keeping
request receipts in a table beside the events (see ``application.kernel.receipts``) and writing
snapshots in their command's transaction (``application.kernel.snapshots``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
from sharemarket.application.kernel.read_checks import READS, ReadChanged, ReadVersions
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
        self._newer_events_by_count: dict[int, str] = {}
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

    def _newer_events(self, count: int) -> str:
        """The check for ``count`` reads: the first read aggregate with a newer event, if any.

        The reads are a VALUES list, one statement per count (a save reads a handful of
        aggregates): PostgreSQL plans it once and reuses the plan. The same check over
        ``unnest`` of two arrays is re-planned at each execution and cost three times as much.
        """
        statement = self._newer_events_by_count.get(count)
        if statement is None:
            reads = SQL(", ").join([SQL("(%s::uuid, %s::bigint)")] * count)
            statement = _text(
                SQL(
                    "SELECT e.originator_id, r.version FROM (VALUES {reads}) AS r(id, version) "
                    "JOIN {table} AS e ON e.originator_id = r.id "
                    "AND e.originator_version > r.version LIMIT 1"
                ).format(reads=reads, table=self._table)
            )
            self._newer_events_by_count[count] = statement
        return statement

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
    def _transaction(conn: psycopg.Connection[Any]) -> Iterator[psycopg.Pipeline]:
        """A transaction in a pipeline of its own: ``BEGIN`` goes to the server with the block's
        first statements, and ``COMMIT`` (``ROLLBACK`` if the block raises) with the last sync.

        psycopg's ``conn.transaction()`` inside a pipeline syncs when it begins, when the inner
        pipeline it opens ends, and when it commits; with the outer pipeline's own sync that
        makes five round trips a save (as eventsourcing's insert makes), two of them while the
        save holds the table lock. Here psycopg's own transaction is entered inside the
        pipeline, without the inner pipeline: a save makes two round trips, its statements and
        then ``COMMIT``. The transaction is the same: what the block executes runs between
        ``BEGIN`` and ``COMMIT``, the table lock the block takes lasts until the commit, and a
        failure rolls back as psycopg rolls back (forgetting statements prepared meanwhile).
        The block syncs before it ends, so that an error is raised inside the transaction.
        """
        with conn.pipeline() as pipeline, psycopg.Transaction(conn):
            yield pipeline

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
        checked in the same round trip.

        ``BEGIN``, the table lock, the notification, the inserts, the receipts and the check go to
        the server together and are synchronised once; ``COMMIT`` follows (see ``_transaction``).
        The lock comes first, so no other writer can commit between the check and our commit; the
        inserts do not disturb the check, since what a save reads excludes what it writes. A
        request id already taken violates the receipts' key and raises ``IntegrityError`` at the
        sync. The check's answer is read after the sync and before the commit: raising
        ``ReadChanged`` inside the transaction rolls it back, as any error raised in the block
        does (one that failed before reaching the server included: nothing commits without it).
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
        notification_ids: Sequence[int] | None = None
        with (
            self.datastore.get_connection() as conn,
            self._transaction(conn) as pipeline,
            conn.cursor() as check,
            conn.cursor() as written,
            conn.cursor() as curs,
        ):
            if stored_events:
                self._insert_stored_events(curs, stored_events, **kwargs)
            if receipts:
                written.executemany(self._insert_receipt, receipts)
            if snapshots:
                assert self._snapshots is not None, "snapshots given to a store not keeping them"
                self._snapshots._insert_stored_events(written, snapshots)
            if reads:
                check.execute(
                    self._newer_events(len(reads)),
                    [value for read in reads.items() for value in read],
                    prepare=True,
                )
            # One sync: a version or receipt conflict raises IntegrityError here (and rolls back).
            pipeline.sync()
            if stored_events:
                notification_ids = self._fetch_ids_after_insert_events(
                    curs, stored_events, **kwargs
                )
            changed = check.fetchone() if reads else None
            if changed is not None:
                raise ReadChanged(changed["originator_id"], changed["version"])
        return notification_ids


def _text(statement: Query) -> str:
    """A statement as text, for psycopg to send without composing it again."""
    if isinstance(statement, Composable):
        return statement.as_string(None)
    if isinstance(statement, bytes):
        return statement.decode()
    if isinstance(statement, str):
        return statement
    raise TypeError(f"cannot render {type(statement).__name__} statements once")
