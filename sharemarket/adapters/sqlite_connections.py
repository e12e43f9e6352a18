"""eventsourcing's SQLite connections, pool and transactions, as the market's stores use them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, cast

from eventsourcing.persistence import (
    ConnectionPoolClosedError,
    ConnectionUnavailableError,
    InterfaceError,
)
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

    def __init__(self, connection: SQLiteConnection, *, commit: bool, begin: str = "BEGIN"):
        super().__init__(connection, commit=commit)
        self.begin = begin

    def __enter__(self) -> SQLiteCursor:
        try:
            cursor = self.connection.cursor()
            cursor.execute(self.begin)
        except sqlite3.Error as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)  # rolls back, converts, raises
            raise
        return cursor


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

    A save's transaction does not go through the pool's queue (``writing``): on a file, saves
    write on a connection of their own, kept open, taking the pool's writer lock as any writer
    of the pool does.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The connection saves write on (``writing``), opened with the first save.
        self._saving: MarketSQLiteConnection | None = None

    @property
    def writes_directly(self) -> bool:
        """Whether saves write on the pool's saving connection (``writing``): on a file whose
        connections are not closed by age (``max_age``). An in-memory database's readers and
        writers exclude each other through the pool, so its saves go through the pool too."""
        return not self.is_sqlite_memory_mode and self.max_age is None

    def writing(self) -> Writing:
        """A write transaction on the saving connection, begun IMMEDIATE (``Writing``)."""
        return Writing(self)

    def saving_connection(self) -> MarketSQLiteConnection:
        """The connection saves write on, opened if it is not (the caller holds the writer
        lock)."""
        if self._closed:
            raise ConnectionPoolClosedError("the market's SQLite store is closed")
        connection = self._saving
        if connection is None or connection.closed:
            connection = self._saving = cast(MarketSQLiteConnection, self._create_connection())
        return connection

    def close(self) -> None:
        super().close()
        with self._put_condition:
            if self._saving is not None:
                self._saving.close()

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


class Writing:
    """A save's transaction on the pool's saving connection, without the pool's queue.

    eventsourcing's ``datastore.transaction(commit=True)`` takes a connection from the pool
    through its fairness semaphore, its writer lock and its condition, inside three generator
    context managers, and hands it back the same way: 12 us of Python a transaction in a tight
    loop, 3 to 12 % of a whole command's time on a file in tmpfs (timed in turns with this
    path), 3 % of the command path's ratio on disk (``docs/performance.md``). A save needs only
    the writer lock, which is the pool's own (a writer the pool hands out, creating tables for
    one, waits for this save and this save for it), and one connection that stays open. Its
    transaction begins IMMEDIATE: it takes SQLite's write lock at once, waiting up to the lock
    timeout for a writer in another process, where a deferred one that read first could be
    refused when it comes to write. Failures are rolled back and converted as eventsourcing
    converts them.
    """

    __slots__ = ("_cursor", "_pool", "_transaction")

    def __init__(self, pool: SQLiteMarketConnectionPool) -> None:
        self._pool = pool

    def __enter__(self) -> SQLiteCursor:
        pool = self._pool
        lock = pool._writer_lock  # eventsourcing's, shared with the writers the pool hands out
        if not lock.acquire(timeout=pool.pool_timeout):
            raise ConnectionUnavailableError("Timed out waiting for return of writer")
        try:
            self._transaction = _Transaction(
                pool.saving_connection(), commit=True, begin="BEGIN IMMEDIATE"
            )
            self._cursor = self._transaction.__enter__()
        except BaseException:
            lock.release()
            raise
        return self._cursor

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection = self._transaction.connection
        try:
            self._cursor.sqlite_cursor.close()
            self._transaction.__exit__(exc_type, exc, tb)  # commits, or rolls back and raises
        finally:
            try:
                # A COMMIT that failed without ending the transaction (SQLite ends it after an
                # I/O error or a full disk, not after every error) would fail the next BEGIN.
                if connection._sqlite_conn.in_transaction:
                    connection.rollback()
            except sqlite3.Error:
                connection.close()  # the next save opens another
            finally:
                self._pool._writer_lock.release()
