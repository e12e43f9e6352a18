"""The journal in PostgreSQL, as ``PostgresJournalView``: postings, balances and pairs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore
from psycopg.sql import Identifier

from sharemarket.adapters.postgres_view_base import PostgresView
from sharemarket.application.projections.balances import AsOf
from sharemarket.application.projections.journal_view import JournalView
from sharemarket.application.projections.views import JournalBatch, PostingRow

# The column types of each table, in order, for COPY's binary format.
_POSTING_TYPES = ("int8", "int4", "date", "text", "text", "text", "text", "int8", "text")


def _dated(postings: Iterable[PostingRow]) -> Iterator[tuple[Any, ...]]:
    """Postings with their day as a date (binary COPY sends a date, not its ISO text)."""
    days: dict[str, date] = {}
    for row in postings:
        day = days.get(row[2])
        if day is None:
            day = days[row[2]] = date.fromisoformat(row[2])
        yield (row[0], row[1], day, *row[3:])


class PostgresJournalView(PostgresView, JournalView):
    table_suffixes = ("postings", "balances", "pairs")

    def __init__(
        self,
        datastore: PostgresDatastore,
        *,
        tracking_table_name: str = "journal_tracking",
        **kwargs: Any,
    ) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)

    def create_statements(self) -> list[str]:
        return [
            *super().create_statements(),
            "CREATE TABLE IF NOT EXISTS {schema}.{postings} ("
            "position bigint NOT NULL, seq integer NOT NULL, day date NOT NULL, "
            "firm text NOT NULL, counterparty text NOT NULL, asset text NOT NULL, "
            "kind text NOT NULL, amount bigint NOT NULL, reference text NOT NULL, "
            "PRIMARY KEY (position, seq))",
            "CREATE INDEX IF NOT EXISTS {postings_by_firm} ON {schema}.{postings} (firm, position)",
            "CREATE TABLE IF NOT EXISTS {schema}.{balances} ("
            "firm text NOT NULL, asset text NOT NULL, kind text NOT NULL, "
            "amount bigint NOT NULL, PRIMARY KEY (firm, asset, kind))",
            "CREATE TABLE IF NOT EXISTS {schema}.{pairs} ("
            "firm text NOT NULL, counterparty text NOT NULL, asset text NOT NULL, "
            "kind text NOT NULL, amount bigint NOT NULL, "
            "PRIMARY KEY (firm, counterparty, asset, kind))",
        ]

    def _identifiers(self) -> dict[str, Identifier]:
        ids = super()._identifiers()
        ids["postings_by_firm"] = Identifier(f"{self.base_name}_postings_by_firm")
        return ids

    def write_journal(self, batch: JournalBatch, tracking: Tracking, after: int | None) -> None:
        with self._writing(tracking, after) as curs:
            if batch.postings:
                self._copy(curs, "postings", _POSTING_TYPES, _dated(batch.postings))
            with curs.connection.pipeline():
                if batch.balances:
                    curs.executemany(
                        self.sql(
                            "INSERT INTO {schema}.{balances} AS t VALUES (%s, %s, %s, %s) "
                            "ON CONFLICT (firm, asset, kind) "
                            "DO UPDATE SET amount = t.amount + EXCLUDED.amount"
                        ),
                        [(*key, amount) for key, amount in batch.balances.items()],
                    )
                if batch.pairs:
                    curs.executemany(
                        self.sql(
                            "INSERT INTO {schema}.{pairs} AS t VALUES (%s, %s, %s, %s, %s) "
                            "ON CONFLICT (firm, counterparty, asset, kind) "
                            "DO UPDATE SET amount = t.amount + EXCLUDED.amount"
                        ),
                        [(*key, amount) for key, amount in batch.pairs.items()],
                    )
                self._insert_parties(curs, batch.parties)
                curs.execute("COMMIT")

    def sums(
        self, firm: str | None, counterparty: str | None, as_of: AsOf
    ) -> list[tuple[str, str, int]]:
        where: list[str] = []
        params: list[Any] = []
        if as_of is None:
            table = "balances" if counterparty is None else "pairs"
        else:
            table = "postings"
            where.append("position <= %s" if isinstance(as_of, int) else "day <= %s")
            params.append(as_of)
        if firm is not None:
            where.append("firm = %s")
            params.append(firm)
        if counterparty is not None:
            where.append("counterparty = %s")
            params.append(counterparty)
        statement = (
            "SELECT asset, kind, SUM(amount)::bigint AS amount FROM {schema}.{" + table + "}"
        )
        if where:
            statement += " WHERE " + " AND ".join(where)
        statement += " GROUP BY asset, kind"
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self.sql(statement), params)
            return [(row["asset"], row["kind"], row["amount"]) for row in curs.fetchall()]

    def firm_count(self, as_of: AsOf) -> int:
        params: list[Any] = []
        if as_of is None:
            statement = "SELECT COUNT(DISTINCT firm) AS n FROM {schema}.{balances}"
        else:
            column = "position" if isinstance(as_of, int) else "day"
            statement = (
                "SELECT COUNT(DISTINCT firm) AS n FROM {schema}.{postings} "
                f"WHERE {column} <= %s"
            )
            params.append(as_of)
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self.sql(statement), params)
            row = curs.fetchone()
            return 0 if row is None else int(row["n"])
