"""The sharing view in an SQLite file of the views' folder (``sharing.sqlite``).

Rows are kept by business day, so a period's report reads the period's rows; a batch and the
view's tracking position are written in one transaction, by compare-and-set, as for the journal.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from eventsourcing.persistence import Tracking

from sharemarket.adapters.sqlite_view_base import LOCK_TIMEOUT_S, SQLiteView
from sharemarket.adapters.sqlite_views import _open_view
from sharemarket.application.matching.sharing_view import SharingBatch, SharingView

SHARING_FILE = "sharing.sqlite"


class SQLiteSharingView(SQLiteView, SharingView):
    parties_table = "sharing_parties"
    view_tables = ("sharing_needs", "sharing_waits", "sharing_shares", "sharing_facts")

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            "CREATE TABLE IF NOT EXISTS sharing_needs ("
            "kind TEXT NOT NULL, day TEXT NOT NULL, posted INTEGER NOT NULL, "
            "matched INTEGER NOT NULL, fulfilled INTEGER NOT NULL, closed INTEGER NOT NULL, "
            "open INTEGER NOT NULL, PRIMARY KEY (kind, day)) WITHOUT ROWID",
            "CREATE INDEX IF NOT EXISTS sharing_needs_by_day ON sharing_needs (day)",
            "CREATE TABLE IF NOT EXISTS sharing_waits ("
            "day TEXT NOT NULL, days INTEGER NOT NULL, needs INTEGER NOT NULL, "
            "PRIMARY KEY (day, days)) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS sharing_shares ("
            "day TEXT NOT NULL, firm TEXT NOT NULL, measure TEXT NOT NULL, side TEXT NOT NULL, "
            "matched INTEGER NOT NULL, amount INTEGER NOT NULL, "
            "PRIMARY KEY (day, firm, measure, side, matched)) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS sharing_facts ("
            "key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS sharing_parties ("
            "aggregate_id TEXT NOT NULL, role TEXT NOT NULL, firm TEXT NOT NULL, "
            "PRIMARY KEY (aggregate_id, role)) WITHOUT ROWID",
        ]

    def write_sharing(self, batch: SharingBatch, tracking: Tracking, after: int | None) -> None:
        with self.datastore.transaction(commit=True) as c:
            self._move_tracking(c, tracking, after)
            for day, kind, posted, matched, fulfilled, closed in batch.need_rows():
                c.execute(
                    "INSERT INTO sharing_needs VALUES (?, ?, ?, ?, ?, ?, COALESCE(("
                    "SELECT open FROM sharing_needs WHERE kind = ? AND day < ? "
                    "ORDER BY day DESC LIMIT 1), 0)) ON CONFLICT (kind, day) DO UPDATE SET "
                    "posted = posted + excluded.posted, matched = matched + excluded.matched, "
                    "fulfilled = fulfilled + excluded.fulfilled, closed = closed + excluded.closed",
                    (kind, day, posted, matched, fulfilled, closed, kind, day),
                )
                if posted != closed:
                    c.execute(
                        "UPDATE sharing_needs SET open = open + ? WHERE kind = ? AND day >= ?",
                        (posted - closed, kind, day),
                    )
            c.executemany(
                "INSERT INTO sharing_waits VALUES (?, ?, ?) ON CONFLICT (day, days) "
                "DO UPDATE SET needs = needs + excluded.needs",
                [(*key, count) for key, count in batch.waits.items()],
            )
            c.executemany(
                "INSERT INTO sharing_shares VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (day, firm, measure, side, matched) "
                "DO UPDATE SET amount = amount + excluded.amount",
                [(*key, amount) for key, amount in batch.shares.items()],
            )
            c.executemany(
                "INSERT INTO sharing_facts VALUES (?, ?) ON CONFLICT (key) "
                "DO UPDATE SET value = excluded.value",
                list(batch.facts.items()),
            )
            self._insert_parties(c, batch.parties)

    def _select(self, sql: str, params: Sequence[object]) -> list[tuple[object, ...]]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(sql, params)
            return [tuple(row) for row in c.fetchall()]

    def fact(self, key: str) -> str | None:
        rows = self._select("SELECT value FROM sharing_facts WHERE key = ?", (key,))
        return None if not rows else str(rows[0][0])

    def need_counts(self, first: date, last: date) -> list[tuple[str, int, int, int]]:
        return self._select(  # type: ignore[return-value]
            "SELECT kind, SUM(posted), SUM(matched), SUM(fulfilled) FROM sharing_needs "
            "WHERE day BETWEEN ? AND ? GROUP BY kind",
            (first.isoformat(), last.isoformat()),
        )

    def open_needs(self, kinds: Sequence[str], last: date) -> list[tuple[str, int]]:
        found = []
        for kind in kinds:
            rows = self._select(
                "SELECT open FROM sharing_needs WHERE kind = ? AND day <= ? "
                "ORDER BY day DESC LIMIT 1",
                (kind, last.isoformat()),
            )
            if rows:
                found.append((kind, int(rows[0][0])))  # type: ignore[call-overload]
        return found

    def waits(self, first: date, last: date) -> list[tuple[int, int]]:
        return self._select(  # type: ignore[return-value]
            "SELECT days, SUM(needs) FROM sharing_waits WHERE day BETWEEN ? AND ? "
            "GROUP BY days ORDER BY days",
            (first.isoformat(), last.isoformat()),
        )

    def shares(self, first: date, last: date) -> list[tuple[str, str, str, int, int]]:
        return self._select(  # type: ignore[return-value]
            "SELECT firm, measure, side, matched, SUM(amount) FROM sharing_shares "
            "WHERE day BETWEEN ? AND ? GROUP BY firm, measure, side, matched",
            (first.isoformat(), last.isoformat()),
        )


def open_sqlite_sharing(
    folder: str | os.PathLike[str], *, lock_timeout_s: int = LOCK_TIMEOUT_S
) -> SQLiteSharingView:
    """Open (creating if missing) the sharing view's file in the views' ``folder`` (which
    ``open_sqlite_views`` has checked and made)."""
    return _open_view(SQLiteSharingView, Path(folder).expanduser() / SHARING_FILE, lock_timeout_s)
