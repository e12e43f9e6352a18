"""The SQLite event store, checking a save's reads (see ``application.read_checks``) and keeping
request receipts in a table beside the events (see ``application.kernel.receipts``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, StoredEvent
from eventsourcing.sqlite import (
    SQLITE3_DEFAULT_LOCK_TIMEOUT,
    SQLiteApplicationRecorder,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteFactory,
    SQLiteTransaction,
)

from sharemarket.adapters.sqlite_files import is_file_path, sqlite_file_problem
from sharemarket.adapters.sqlite_receipts import COLUMNS
from sharemarket.adapters.sqlite_rows import MAX_ROWS, RowStatements, chunks, padded
from sharemarket.application.kernel.read_checks import READS, ReadChanged
from sharemarket.application.kernel.receipts import (
    OLD_RECEIPTS_MARK,
    RECEIPTS,
    StoredReceipts,
    receipts_table,
)

#: Prepared statements each connection keeps (sqlite3's own default).
STATEMENT_CACHE = 128


class _Transaction(SQLiteTransaction):
    """eventsourcing's SQLite transaction, with a failed BEGIN converted like any failure.

    eventsourcing 9.5.6 turns sqlite3's errors into its own (``OperationalError``, ...) when a
    transaction ends, but BEGIN runs as it starts, so a BEGIN that fails (a disk error, a
    corrupt file) escaped as a raw ``sqlite3.OperationalError`` (found by the fault-injection
    tests). Here it goes through the same ending: rolled back and converted.
    """

    def __enter__(self) -> SQLiteCursor:
        try:
            return super().__enter__()
        except sqlite3.Error as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)  # rolls back, converts, raises
            raise


class MarketSQLiteConnection(SQLiteConnection):
    """eventsourcing's SQLite connection, its transactions begun with :class:`_Transaction`."""

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[SQLiteCursor]:
        with _Transaction(self, commit=commit) as cursor, cursor:
            yield cursor

    @classmethod
    def wrapping(
        cls, connection: SQLiteConnection, max_age: float | None
    ) -> MarketSQLiteConnection:
        """The same sqlite3 connection, with this class's transactions."""
        return cls(sqlite_conn=connection._sqlite_conn, max_age=max_age)


class SQLiteMarketConnectionPool(SQLiteConnectionPool):
    """eventsourcing's connection pool, with each connection keeping its prepared statements.

    eventsourcing 9.5.6 opens its connections with ``cached_statements=True``, which sqlite3
    reads as a cache of one statement: a command's BEGIN, INSERT and read check then evict one
    another and each is compiled again every time. This pool opens them exactly as eventsourcing
    does (same settings, same write-ahead-log setup) but with sqlite3's default cache.
    """

    def _create_connection(self) -> SQLiteConnection:
        try:
            c = sqlite3.connect(
                database=self.db_name,
                uri=True,
                check_same_thread=False,
                isolation_level=None,  # Auto-commit mode: transactions begin explicitly.
                cached_statements=STATEMENT_CACHE,
                timeout=self.lock_timeout or SQLITE3_DEFAULT_LOCK_TIMEOUT,
            )
        except (sqlite3.Error, TypeError) as e:
            raise InterfaceError(e) from e
        if not self.is_sqlite_memory_mode and not self.is_journal_mode_wal:
            cursor = c.cursor()
            try:  # the first read of the file: where "file is not a database" is raised
                cursor.execute("PRAGMA journal_mode;")
                if cursor.fetchone()[0].lower() != "wal":
                    cursor.execute("PRAGMA journal_mode=WAL;")
                    self.journal_mode_was_changed_to_wal = True
            except sqlite3.Error as e:
                c.close()
                problem = is_file_path(self.db_name) and sqlite_file_problem(
                    self.db_name, "the market"
                )
                if problem:
                    raise problem from None
                raise InterfaceError(e) from e
            self.is_journal_mode_wal = True
        c.row_factory = sqlite3.Row
        return MarketSQLiteConnection(sqlite_conn=c, max_age=self.max_age)


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
    checks_reads = True
    keeps_receipts = True

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        self.receipts_table_name = receipts_table(events_table_name)
        super().__init__(datastore, events_table_name)
        self._rows = RowStatements(self.events_table_name, self.receipts_table_name)
        self._select_receipt = f"SELECT state FROM {self.receipts_table_name} WHERE receipt_id = ?"

    def construct_create_table_statements(self) -> list[str]:
        statements = super().construct_create_table_statements()
        statements.append(f"CREATE TABLE IF NOT EXISTS {self.receipts_table_name} {COLUMNS}")
        return statements

    def _create_table(self, c: SQLiteCursor) -> None:
        """The tables; a store that had events before its receipts table is marked as holding
        receipts written as aggregates (``application.kernel.receipts``)."""
        c.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
            (self.receipts_table_name,),
        )
        had_receipts_table = c.fetchone() is not None
        super()._create_table(c)
        if not had_receipts_table:
            c.execute(f"SELECT 1 FROM {self.events_table_name} LIMIT 1")
            if c.fetchone() is not None:
                # OR IGNORE: two processes opening such a store at once both mark it.
                c.execute(
                    f"INSERT OR IGNORE INTO {self.receipts_table_name} VALUES (?, ?)",
                    (OLD_RECEIPTS_MARK.hex, b""),
                )

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """The events, the receipts and the read checks in a few statements (``sqlite_rows``).

        A multi-row INSERT gives its rows consecutive rowids (the table has no AUTOINCREMENT
        and this transaction holds the write lock; SQLite picks rowids at random only past
        2**63 - 1, where eventsourcing's notification log would not work either), so each
        row's notification id is counted back from the statement's last rowid.
        """
        notification_ids: list[int] = []
        done = 0
        for rows in chunks(len(stored_events)):
            params: list[Any] = []
            for s in stored_events[done : done + rows]:
                originator_id = s.originator_id
                if isinstance(originator_id, UUID):
                    originator_id = originator_id.hex
                params += (originator_id, s.originator_version, s.topic, s.state)
            c.execute(self._rows.insert_events(rows), params)
            last = c.lastrowid
            notification_ids.extend(range(last - rows + 1, last + 1))
            done += rows
        # A request id already taken violates the table's key: IntegrityError, rolled back.
        receipts: StoredReceipts = kwargs.get(RECEIPTS) or ()
        done = 0
        for rows in chunks(len(receipts)):
            params = []
            for receipt_id, state in receipts[done : done + rows]:
                params += (receipt_id.hex, state)
            c.execute(self._rows.insert_receipts(rows), params)
            done += rows
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
        return notification_ids

    def select_receipt(self, receipt_id: UUID) -> bytes | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self._select_receipt, (receipt_id.hex,))
            row = c.fetchone()
        return None if row is None else bytes(row["state"])

    def holds_old_receipts(self) -> bool:
        return self.select_receipt(OLD_RECEIPTS_MARK) is not None
