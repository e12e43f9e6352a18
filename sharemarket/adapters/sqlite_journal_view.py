"""The journal in its SQLite file: postings, balances and pairs, as ``SQLiteJournalView``."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import Tracking

from sharemarket.adapters.sqlite_view_base import SQLiteView
from sharemarket.application.projections.balances import AsOf
from sharemarket.application.projections.journal_view import JournalView
from sharemarket.application.projections.views import JournalBatch


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
