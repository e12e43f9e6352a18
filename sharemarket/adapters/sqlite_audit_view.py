"""The audit trail in its SQLite file, as ``SQLiteAuditView``: the hash-chained entries, the
firms each entry concerns, and the catch-up that builds the trail's aggregate index once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import Tracking

from sharemarket.adapters.sqlite_view_base import SQLiteView
from sharemarket.application.projections.audit_view import VERIFY_PAGE, AuditQuery, AuditView
from sharemarket.application.projections.views import AuditBatch

#: Events a catch-up must bring to an empty audit trail for its aggregate index to be built once
#: at the end instead of row by row.
DEFERRED_INDEX_EVENTS = 20_000
#: How much of a view file a walk of the audit trail maps into memory (SQLite caps it at 2 GiB;
#: pages beyond are read as usual).
WALK_MMAP_BYTES = 1 << 31

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
