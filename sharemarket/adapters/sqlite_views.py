"""The journal and the audit trail in SQLite files: one file per view (one tracking table each).

Each view is an eventsourcing ``SQLiteTrackingRecorder``: a batch of rows and the view's new
tracking position are written in one transaction, and only if the tracking row still holds the
position the batch was computed from (compare-and-set), so two processes catching up the same
file can never apply an event twice.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import PersistenceError, Tracking
from eventsourcing.sqlite import (
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteTrackingRecorder,
)

from sharemarket.adapters.sqlite_connections import MarketSQLiteConnection
from sharemarket.adapters.sqlite_files import sqlite_file_problem, sqlite_store_error
from sharemarket.application.projections.audit_view import VERIFY_PAGE, AuditQuery, AuditView
from sharemarket.application.projections.balances import AsOf
from sharemarket.application.projections.errors import ViewOutOfStep
from sharemarket.application.projections.journal_view import JournalView
from sharemarket.application.projections.parties import Roles
from sharemarket.application.projections.views import AuditBatch, JournalBatch
from sharemarket.domain.errors import InvalidInput, StoreError
from sharemarket.domain.firm_id import FirmId

JOURNAL_FILE = "journal.sqlite"
AUDIT_FILE = "audit.sqlite"
LOCK_TIMEOUT_S = 10
CACHE_KIB = 8 * 1024
#: Pages written to the write-ahead log before SQLite copies them into the file (and syncs).
CHECKPOINT_PAGES = 10_000
#: Events a catch-up must bring to an empty audit trail for its aggregate index to be built once
#: at the end instead of row by row.
DEFERRED_INDEX_EVENTS = 20_000
#: How much of a view file a walk of the audit trail maps into memory (SQLite caps it at 2 GiB;
#: pages beyond are read as usual).
WALK_MMAP_BYTES = 1 << 31


class ViewConnectionPool(SQLiteConnectionPool):
    """Connections that commit without waiting for the disk, with a bigger page cache.

    With ``synchronous=NORMAL`` in write-ahead-log mode a commit survives a crash of the process
    but may be lost, whole, on a power cut. That is safe for views: the tracking position is lost
    with the rows, and catching up applies those events again, once. The page cache is 8 MB (not
    SQLite's 2 MB: the hot pages of a growing trail's indexes; more would only weigh on the
    memory of an export), and checkpoints every 10,000 pages (about 40 MB of log, not 4 MB) sync
    the disk ten times less often.
    """

    def _create_connection(self) -> SQLiteConnection:
        connection = MarketSQLiteConnection.wrapping(super()._create_connection(), self.max_age)
        cursor = connection.cursor()
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
        return connection


class ViewDatastore(SQLiteDatastore):
    """An SQLite view file: eventsourcing's datastore with :class:`ViewConnectionPool`."""

    def __init__(self, db_name: str, *, lock_timeout: int = LOCK_TIMEOUT_S) -> None:
        super().__init__(db_name, lock_timeout=lock_timeout)
        self.pool.close()
        self.pool = ViewConnectionPool(db_name=db_name, lock_timeout=lock_timeout)


class SQLiteView(SQLiteTrackingRecorder):
    """Tracking moved by compare-and-set, parties by aggregate, and a reset for rebuilds."""

    parties_table = ""
    view_tables: tuple[str, ...] = ()
    #: A long catch-up writes each batch on a thread of its own while it prepares the next, as
    #: on PostgreSQL: SQLite lets go of the interpreter while it sorts rows into pages and
    #: writes them, and reads of the view wait for the batch being written.
    write_behind = True

    def __init__(self, datastore: SQLiteDatastore, **kwargs: Any) -> None:
        if not datastore.single_row_tracking:
            raise InvalidInput("sharemarket views need single-row tracking (the default)")
        super().__init__(datastore, **kwargs)

    def _move_tracking(self, c: SQLiteCursor, tracking: Tracking, after: int | None) -> None:
        if after is None:
            c.execute(
                "INSERT INTO tracking VALUES (?, ?) ON CONFLICT (application_name) DO NOTHING "
                "RETURNING notification_id",
                (tracking.application_name, tracking.notification_id),
            )
        else:
            c.execute(
                "UPDATE tracking SET notification_id = ? "
                "WHERE application_name = ? AND notification_id = ? RETURNING notification_id",
                (tracking.notification_id, tracking.application_name, after),
            )
        if c.fetchone() is None:
            raise ViewOutOfStep(
                f"view {self.datastore.pool.db_name} no longer stands at position {after} of "
                f"{tracking.application_name}; another process moved it on"
            )

    def _insert_parties(self, c: SQLiteCursor, rows: list[tuple[str, str, str]]) -> None:
        if rows:
            c.executemany(f"INSERT INTO {self.parties_table} VALUES (?, ?, ?)", rows)

    def stored_roles(self, aggregate_id: UUID) -> Roles:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT role, firm FROM {self.parties_table} WHERE aggregate_id = ?",
                (str(aggregate_id),),
            )
            return {row[0]: FirmId(row[1]) for row in c.fetchall()}

    def clear(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            for table in (*self.view_tables, self.parties_table):
                c.execute(f"DELETE FROM {table}")
            c.execute(
                "DELETE FROM tracking WHERE application_name <> ?",
                (self.table_migration_identifier,),
            )

    def close(self) -> None:
        self.datastore.close()


class SQLiteJournalView(SQLiteView, JournalView):
    parties_table = "journal_parties"
    view_tables = ("journal_postings", "journal_balances", "journal_pairs")

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            "CREATE TABLE IF NOT EXISTS journal_postings ("
            "position INTEGER NOT NULL, seq INTEGER NOT NULL, day TEXT NOT NULL, "
            "firm TEXT NOT NULL, counterparty TEXT NOT NULL, asset TEXT NOT NULL, "
            "kind TEXT NOT NULL, amount INTEGER NOT NULL, reference TEXT NOT NULL, "
            "PRIMARY KEY (position, seq)) WITHOUT ROWID",
            "CREATE INDEX IF NOT EXISTS journal_postings_by_firm "
            "ON journal_postings (firm, position)",
            "CREATE TABLE IF NOT EXISTS journal_balances ("
            "firm TEXT NOT NULL, asset TEXT NOT NULL, kind TEXT NOT NULL, "
            "amount INTEGER NOT NULL, PRIMARY KEY (firm, asset, kind)) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS journal_pairs ("
            "firm TEXT NOT NULL, counterparty TEXT NOT NULL, asset TEXT NOT NULL, "
            "kind TEXT NOT NULL, amount INTEGER NOT NULL, "
            "PRIMARY KEY (firm, counterparty, asset, kind)) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS journal_parties ("
            "aggregate_id TEXT NOT NULL, role TEXT NOT NULL, firm TEXT NOT NULL, "
            "PRIMARY KEY (aggregate_id, role)) WITHOUT ROWID",
        ]

    def write_journal(self, batch: JournalBatch, tracking: Tracking, after: int | None) -> None:
        with self.datastore.transaction(commit=True) as c:
            self._move_tracking(c, tracking, after)
            if batch.postings:
                c.executemany(
                    "INSERT INTO journal_postings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    batch.postings,
                )
            if batch.balances:
                c.executemany(
                    "INSERT INTO journal_balances VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (firm, asset, kind) "
                    "DO UPDATE SET amount = amount + excluded.amount",
                    [(*key, amount) for key, amount in batch.balances.items()],
                )
            if batch.pairs:
                c.executemany(
                    "INSERT INTO journal_pairs VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (firm, counterparty, asset, kind) "
                    "DO UPDATE SET amount = amount + excluded.amount",
                    [(*key, amount) for key, amount in batch.pairs.items()],
                )
            self._insert_parties(c, batch.parties)

    def sums(
        self, firm: str | None, counterparty: str | None, as_of: AsOf
    ) -> list[tuple[str, str, int]]:
        where: list[str] = []
        params: list[Any] = []
        if as_of is None:
            table = "journal_balances" if counterparty is None else "journal_pairs"
        else:
            table = "journal_postings"
            where.append("position <= ?" if isinstance(as_of, int) else "day <= ?")
            params.append(as_of if isinstance(as_of, int) else as_of.isoformat())
        if firm is not None:
            where.append("firm = ?")
            params.append(firm)
        if counterparty is not None:
            where.append("counterparty = ?")
            params.append(counterparty)
        sql = f"SELECT asset, kind, SUM(amount) FROM {table}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " GROUP BY asset, kind"
        with self.datastore.transaction(commit=False) as c:
            c.execute(sql, params)
            return [(row[0], row[1], row[2]) for row in c.fetchall()]

    def firm_count(self, as_of: AsOf) -> int:
        params: list[Any] = []
        if as_of is None:
            sql = "SELECT COUNT(DISTINCT firm) FROM journal_balances"
        elif isinstance(as_of, date):
            sql = "SELECT COUNT(DISTINCT firm) FROM journal_postings WHERE day <= ?"
            params = [as_of.isoformat()]
        else:
            sql = "SELECT COUNT(DISTINCT firm) FROM journal_postings WHERE position <= ?"
            params = [as_of]
        with self.datastore.transaction(commit=False) as c:
            c.execute(sql, params)
            return int(c.fetchone()[0])


_AGGREGATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS audit_trail_by_aggregate ON audit_trail (aggregate_key, position)"
)


class _TrailNotEmpty(Exception):
    pass


class SQLiteAuditView(SQLiteView, AuditView):
    parties_table = "audit_parties"
    view_tables = ("audit_trail", "audit_firms")

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            "CREATE TABLE IF NOT EXISTS audit_trail ("
            "position INTEGER PRIMARY KEY, at_us INTEGER NOT NULL, "
            "aggregate_key INTEGER NOT NULL, entry BLOB NOT NULL, hash BLOB NOT NULL)",
            "CREATE INDEX IF NOT EXISTS audit_trail_by_time ON audit_trail (at_us)",
            _AGGREGATE_INDEX,
            "CREATE TABLE IF NOT EXISTS audit_firms ("
            "firm TEXT NOT NULL, position INTEGER NOT NULL, "
            "PRIMARY KEY (firm, position)) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS audit_parties ("
            "aggregate_id TEXT NOT NULL, role TEXT NOT NULL, firm TEXT NOT NULL, "
            "PRIMARY KEY (aggregate_id, role)) WITHOUT ROWID",
        ]

    def write_audit(self, batch: AuditBatch, tracking: Tracking, after: int | None) -> None:
        with self.datastore.transaction(commit=True) as c:
            self._move_tracking(c, tracking, after)
            c.executemany("INSERT INTO audit_trail VALUES (?, ?, ?, ?, ?)", batch.trail())
            c.executemany("INSERT INTO audit_firms VALUES (?, ?)", batch.firms())
            self._insert_parties(c, batch.parties)

    @contextmanager
    def catching_up(self, backlog: int) -> Iterator[None]:
        """Fill an empty trail without its aggregate index, then build the index once.

        Aggregate ids are random, so each batch of rows lands on most pages of that index and
        the whole index is written again with every batch; sorting the keys once at the end
        costs a fraction of that. Should the process stop before, the index is made again when
        the view is next opened.
        """
        deferred = backlog >= DEFERRED_INDEX_EVENTS and self._drop_aggregate_index_if_empty()
        try:
            yield
        finally:
            if deferred:
                with self.datastore.transaction(commit=True) as c:
                    c.execute(_AGGREGATE_INDEX)

    def _drop_aggregate_index_if_empty(self) -> bool:
        try:
            with self.datastore.transaction(commit=True) as c:
                # Dropping first takes the write lock: no row can arrive before the check.
                c.execute("DROP INDEX IF EXISTS audit_trail_by_aggregate")
                c.execute("SELECT EXISTS (SELECT 1 FROM audit_trail)")
                if c.fetchone()[0]:
                    raise _TrailNotEmpty  # rolled back: the index stays
        except _TrailNotEmpty:
            return False
        return True

    def head(self) -> tuple[int, bytes] | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute("SELECT position, hash FROM audit_trail ORDER BY position DESC LIMIT 1")
            row = c.fetchone()
            return None if row is None else (row[0], row[1])

    def select_entries(self, query: AuditQuery) -> list[tuple[int, bytes, bytes]]:
        sql, params = query.sql(trail="audit_trail", firms="audit_firms", param="?")
        with self.datastore.transaction(commit=False) as c:
            c.sqlite_cursor.row_factory = None
            c.execute(sql, params)
            return c.fetchall()  # type: ignore[no-any-return]

    def select_tail(self, count: int) -> list[tuple[int, bytes, bytes]]:
        with self.datastore.transaction(commit=False) as c:
            c.sqlite_cursor.row_factory = None
            c.execute(
                "SELECT position, entry, hash FROM audit_trail ORDER BY position DESC LIMIT ?",
                (count,),
            )
            return list(reversed(c.fetchall()))

    def chain(self, *, deep: bool = False, page: int = VERIFY_PAGE) -> Iterator[tuple[Any, ...]]:
        """The trail in position order, each page read from the file mapped into memory.

        A walk reads every page of the file once, far more than the page cache holds: mapped,
        SQLite reads a page where it lies instead of copying it in with a system call (measured:
        the kernel's share of a 200k-row walk fell from about 0.5 to 0.15 us a row). The map is
        dropped after each page of rows, so the memory a walk touches stays one page of rows.
        """
        columns = "position, at_us, aggregate_key, entry, hash" if deep else "position, entry, hash"
        sql = f"SELECT {columns} FROM audit_trail WHERE position > ? ORDER BY position LIMIT ?"
        after = -1
        while True:
            with self.datastore.transaction(commit=False) as c:
                c.sqlite_cursor.row_factory = None
                c.execute(f"PRAGMA mmap_size={WALK_MMAP_BYTES}")
                try:
                    c.execute(sql, (after, page))
                    rows = c.fetchall()
                finally:
                    c.execute("PRAGMA mmap_size=0")
            yield from rows
            if len(rows) < page:
                return
            after = rows[-1][0]

    def indexed_firms(self) -> list[str]:
        with self.datastore.transaction(commit=False) as c:
            c.execute("SELECT DISTINCT firm FROM audit_firms ORDER BY firm")
            return [row[0] for row in c.fetchall()]

    def indexed_positions(self, firm: str) -> Iterator[int]:
        after = -1
        while True:
            with self.datastore.transaction(commit=False) as c:
                c.execute(
                    "SELECT position FROM audit_firms WHERE firm = ? AND position > ? "
                    "ORDER BY position LIMIT ?",
                    (firm, after, VERIFY_PAGE),
                )
                positions = [row[0] for row in c.fetchall()]
            yield from positions
            if len(positions) < VERIFY_PAGE:
                return
            after = positions[-1]


_View = TypeVar("_View", bound=SQLiteView)


def open_sqlite_views(
    folder: str | os.PathLike[str], *, lock_timeout_s: int = LOCK_TIMEOUT_S
) -> tuple[SQLiteJournalView, SQLiteAuditView]:
    """Open (creating if missing) the two view files in ``folder``.

    A folder that is a file or cannot be created or written, or a view file that is not an
    SQLite database, is a ``StoreError`` naming it.
    """
    path = Path(folder).expanduser()
    text = os.fspath(folder)
    if ":memory:" in text or "mode=memory" in text:
        raise InvalidInput("the SQLite views live in a folder of files; give a folder path")
    if path.exists() and not path.is_dir():
        raise StoreError(
            f"the views: {path} is a file, not a folder; give a folder for the views' files "
            f"({JOURNAL_FILE}, {AUDIT_FILE}), created if missing"
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        above = next(p for p in path.absolute().parents if p.exists())
        cause = (
            f"{above} is a file, not a folder"
            if not above.is_dir()
            else f"folder {above} is read-only"
            if not os.access(above, os.W_OK)
            else exc.strerror
        )
        raise StoreError(
            f"the views: cannot create folder {path}: {cause}; create it, or give a folder "
            "the process can write to"
        ) from None
    journal = _open_view(SQLiteJournalView, path / JOURNAL_FILE, lock_timeout_s)
    try:
        audit = _open_view(SQLiteAuditView, path / AUDIT_FILE, lock_timeout_s)
    except StoreError:
        journal.close()
        raise
    return journal, audit


def _open_view(view_class: type[_View], db_path: Path, lock_timeout_s: int) -> _View:
    """One view file, checked first: sqlite3 would say only "file is not a database"."""
    db_name = str(db_path)
    problem = sqlite_file_problem(db_name, "the views")
    if problem is not None:
        raise problem
    view = view_class(ViewDatastore(db_name, lock_timeout=lock_timeout_s))
    try:
        view.create_table()
    except (sqlite3.Error, PersistenceError) as exc:
        view.close()
        raise sqlite_store_error(db_name, "the views", exc) from None
    return view
