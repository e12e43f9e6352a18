"""The SQLite event store, checking a save's reads (see ``application.read_checks``), keeping
request receipts with the events (see ``sqlite_receipts`` and ``application.kernel.receipts``)
and writing snapshots in their command's transaction (``application.kernel.snapshots``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, Recorder, StoredEvent
from eventsourcing.sqlite import (
    SQLiteAggregateRecorder,
    SQLiteApplicationRecorder,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteFactory,
)

from sharemarket.adapters.sqlite_connections import SQLiteMarketConnectionPool
from sharemarket.adapters.sqlite_files import is_file_path, sqlite_file_problem
from sharemarket.adapters.sqlite_receipts import (
    RECEIPT_TOPIC,
    RECEIPT_VERSION,
    last_event,
    log_query,
    receipt_lookup,
    receipts_view,
)
from sharemarket.adapters.sqlite_rows import MAX_ROWS, RowStatements, chunks, padded
from sharemarket.application.kernel.read_checks import READS, ReadChanged
from sharemarket.application.kernel.receipts import (
    OLD_RECEIPTS_MARK,
    RECEIPTS,
    StoredReceipts,
    receipts_table,
)
from sharemarket.application.kernel.snapshots import SNAPSHOTS


class SQLiteMarketFactory(SQLiteFactory):
    """eventsourcing's SQLite store, its connections drawn from ``SQLiteMarketConnectionPool``."""

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        shipped = self.datastore.pool  # no connection is open yet
        problem = is_file_path(shipped.db_name) and sqlite_file_problem(
            shipped.db_name, "the market"
        )
        if problem:
            shipped.close()
            raise problem
        self.datastore.pool = SQLiteMarketConnectionPool(
            db_name=shipped.db_name,
            lock_timeout=shipped.lock_timeout,
            pool_size=shipped.pool_size,
            max_overflow=shipped.max_overflow,
            pool_timeout=shipped.pool_timeout,
            max_age=shipped.max_age,
            pre_ping=shipped.pre_ping,
        )
        shipped.close()


class SQLiteMarketRecorder(SQLiteApplicationRecorder):
    """eventsourcing's SQLite store, checking a save's reads in its transaction and keeping
    request receipts in the events table, or, on a store that has one, in its receipts table
    (``sqlite_receipts``)."""

    checks_reads = True
    keeps_receipts = True
    #: ``select_receipt`` also finds old receipt aggregates (``application.kernel.receipts``).
    finds_old_receipts = True

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        self.receipts_table_name = receipts_table(events_table_name)
        super().__init__(datastore, events_table_name)
        self._rows = RowStatements(self.events_table_name, self.receipts_table_name)
        self._receipt_in_log = receipt_lookup(self.events_table_name)
        self._receipt_in_table = (
            f"SELECT state FROM {self.receipts_table_name} WHERE receipt_id = ?"
        )
        self._last_event = last_event(self.events_table_name)
        self._view = receipts_view(self.events_table_name, self.receipts_table_name)
        # Whether receipts are rows of the events table, and whether the receipts table's name
        # is taken (by that table or by the view): found when the tables are created, or with
        # the first statement of a process that does not create them. Whether a receipts table
        # is marked as written beside old receipt aggregates: found with its first lookup.
        self._in_log: bool | None = None
        self._named = False
        self._marked: bool | None = None
        self._snapshots: SQLiteAggregateRecorder | None = None

    def _create_table(self, c: SQLiteCursor) -> None:
        """The events table; the view that takes the receipts table's name, unless the store
        has that table (``sqlite_receipts``)."""
        super()._create_table(c)
        self._in_log = None
        self._mode(c, writing=True)

    def _mode(self, c: SQLiteCursor, *, writing: bool = False) -> bool:
        """Whether receipts are rows of the events table, found with the caller's transaction.
        A store that has neither the receipts table nor its view (its tables made by a version
        before 7ccc1f1, opened with CREATE_TABLE off) gets the view with its first write."""
        if self._in_log is None or (writing and not self._named):
            c.execute("SELECT type FROM sqlite_master WHERE name = ?", (self.receipts_table_name,))
            row = c.fetchone()
            kind = None if row is None else str(row[0])
            if kind is None and writing:
                c.execute(self._view)
                kind = "view"
            self._in_log, self._named = kind != "table", kind is not None
        return self._in_log

    @property
    def receipts_in_log(self) -> bool:
        """Whether this store keeps receipts as rows of its events table."""
        if self._in_log is None:
            with self.datastore.transaction(commit=False) as c:
                return self._mode(c)
        return self._in_log

    def keep_snapshots_of(self, snapshots: Recorder) -> bool:
        """Write a save's snapshots with its events when ``snapshots``' table is in this
        database: the snapshot store's own INSERT, on this transaction's cursor."""
        self._snapshots = None
        if isinstance(snapshots, SQLiteAggregateRecorder) and snapshots.datastore is self.datastore:
            self._snapshots = snapshots
        return self._snapshots is not None

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """eventsourcing's, on the pool's saving connection where it has one
        (``SQLiteMarketConnectionPool.writing``)."""
        pool = self.datastore.pool
        if isinstance(pool, SQLiteMarketConnectionPool) and pool.writes_directly:
            with pool.writing() as c:
                return self._insert_events(c, stored_events, **kwargs)
        return super().insert_events(stored_events, **kwargs)

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """The events, the receipts and the read checks in a few statements (``sqlite_rows``).

        A multi-row INSERT gives its rows consecutive rowids (the table has no AUTOINCREMENT
        and this transaction holds the write lock; SQLite picks rowids at random only past
        2**63 - 1, where eventsourcing's notification log would not work either), so each
        row's notification id is counted back from the statement's last rowid. Receipts kept
        in the events table follow the events in the same statements.
        """
        rows: list[tuple[str, int, str, bytes]] = []
        for s in stored_events:
            originator_id = s.originator_id
            if isinstance(originator_id, UUID):
                originator_id = originator_id.hex
            rows.append((originator_id, s.originator_version, s.topic, s.state))
        events = len(rows)
        receipts: StoredReceipts = kwargs.get(RECEIPTS) or ()
        in_log = self._mode(c, writing=True)  # this transaction holds the write lock
        if in_log:
            rows += [(r.hex, RECEIPT_VERSION, RECEIPT_TOPIC, state) for r, state in receipts]
        notification_ids: list[int] = []
        done = 0
        for count in chunks(len(rows)):
            c.execute(
                self._rows.insert_events(count),
                [v for row in rows[done : done + count] for v in row],
            )
            last = c.lastrowid
            notification_ids.extend(range(last - count + 1, last + 1))
            done += count
        # A request id already taken violates the events' key (or the receipts table's):
        # IntegrityError, rolled back.
        if not in_log:
            done = 0
            for count in chunks(len(receipts)):
                params: list[Any] = []
                for receipt_id, state in receipts[done : done + count]:
                    params += (receipt_id.hex, state)
                c.execute(self._rows.insert_receipts(count), params)
                done += count
        # After the inserts this transaction holds SQLite's write lock and reads the newest
        # state: no other writer can commit between this check and our commit. Raising here
        # rolls the inserts back.
        reads = list((kwargs.get(READS) or {}).items())
        for start in range(0, len(reads), MAX_ROWS):
            chunk = reads[start : start + MAX_ROWS]
            chunk += chunk[:1] * (padded(len(chunk)) - len(chunk))  # a check twice is harmless
            params = []
            for aggregate_id, version in chunk:
                params += (aggregate_id.hex, version)
            c.execute(self._rows.newer_events(len(chunk)), params)
            changed = c.fetchone()
            if changed is not None:
                raise ReadChanged(UUID(changed[0]), changed[1])
        snapshots = kwargs.get(SNAPSHOTS)
        if snapshots:
            assert self._snapshots is not None, "snapshots given to a store not keeping them"
            self._snapshots._insert_events(c, snapshots)
        return notification_ids[:events]

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        """eventsourcing's, without the receipts kept in the events table (``sqlite_receipts``)."""
        if not self.receipts_in_log:
            return super().select_notifications(
                start, limit, stop, topics, inclusive_of_start=inclusive_of_start
            )
        statement, params = log_query(
            self.events_table_name, start, limit, stop, topics, inclusive_of_start
        )
        with self.datastore.transaction(commit=False) as c:
            c.execute(statement, params)
            return [
                Notification(
                    id=row["rowid"],
                    originator_id=self.convert_originator_id(row["originator_id"]),
                    originator_version=row["originator_version"],
                    topic=row["topic"],
                    state=row["state"],
                )
                for row in c.fetchall()
            ]

    def _max_notification_id(self, c: SQLiteCursor) -> int:
        """The last event's notification id (a receipt row is not a notification)."""
        if not self._mode(c):
            return super()._max_notification_id(c)
        c.execute(self._last_event)
        row = c.fetchone()
        return None if row is None else row[0]  # type: ignore[return-value]  # as MAX() of none

    def select_receipt(self, receipt_id: UUID) -> bytes | StoredEvent | None:
        """The receipt's stored state, or the event of an old ``RequestReceipt`` aggregate under
        that key: looked up in the events table, after the receipts table on a store that has
        one and is marked as holding old receipts (``sqlite_receipts``)."""
        in_log = self.receipts_in_log
        with self.datastore.transaction(commit=False) as c:
            if not in_log:
                row = self._table_row(c, receipt_id)
                if row is not None or not self._holds_old(c):
                    return row
            c.execute(self._receipt_in_log, (receipt_id.hex,))
            found = c.fetchone()
        if found is None:
            return None
        if found["topic"] == RECEIPT_TOPIC:
            return bytes(found["state"])
        return StoredEvent(receipt_id, RECEIPT_VERSION, found["topic"], bytes(found["state"]))

    def _table_row(self, c: SQLiteCursor, receipt_id: UUID) -> bytes | None:
        c.execute(self._receipt_in_table, (receipt_id.hex,))
        row = c.fetchone()
        return None if row is None else bytes(row["state"])

    def _holds_old(self, c: SQLiteCursor) -> bool:
        if self._marked is None:
            self._marked = self._table_row(c, OLD_RECEIPTS_MARK) is not None
        return self._marked

    def holds_old_receipts(self) -> bool:
        """Whether a new receipt must be checked against old receipt aggregates in its save (a
        receipts table marked when it was added); in the events table, the shared key refuses
        a taken request id."""
        if self.receipts_in_log:
            return False
        with self.datastore.transaction(commit=False) as c:
            return self._holds_old(c)
