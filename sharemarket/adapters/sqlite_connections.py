"""eventsourcing's SQLite connections, pool and transactions, as the market's stores use them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from eventsourcing.persistence import InterfaceError
from eventsourcing.sqlite import (
    SQLITE3_DEFAULT_LOCK_TIMEOUT,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteTransaction,
)

from sharemarket.adapters.sqlite_files import is_file_path, sqlite_file_problem

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
