"""What every SQLite view builds on: its file's connections and datastore, and ``SQLiteView``.

``ViewConnectionPool`` and ``ViewDatastore`` open a view file with commits that do not wait for
the disk and a bigger page cache; ``SQLiteView`` moves the tracking row by compare-and-set and
keeps the parties of each aggregate. The journal (``sqlite_journal_view.py``), the audit trail
(``sqlite_audit_view.py``) and the sharing view (``sqlite_sharing.py``) are subclasses of
``SQLiteView``; ``sqlite_views.py`` opens them.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.sqlite import (
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteTrackingRecorder,
)

from sharemarket.adapters.sqlite_connections import MarketSQLiteConnection
from sharemarket.application.projections.errors import ViewOutOfStep
from sharemarket.application.projections.parties import Roles
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId

LOCK_TIMEOUT_S = 10
CACHE_KIB = 8 * 1024
#: Pages written to the write-ahead log before SQLite copies them into the file (and syncs).
CHECKPOINT_PAGES = 10_000


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
    #: A catch-up writes each batch in place, on its own thread, before it prepares the next.
    #: Written behind (``WriteBehind``, as PostgreSQL's views are, whose writes wait for the
    #: server without the interpreter lock) it was slower here: sqlite3 binds every row's
    #: parameters holding the lock, so the writing thread contends with the next batch's
    #: preparation more than it overlaps with it. Alternated in one process on 2026-11-30, on
    #: the benchmark's 200,943-event history 20,395 to 21,353 events/s in place against 15,754
    #: to 18,726 behind, on a 20,000-event one 18,020 to 22,136 against 14,743 to 18,993.
    write_behind = False

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
