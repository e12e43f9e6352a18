"""The sharing view in PostgreSQL: tables ``<prefix>sharing_*`` beside the journal and the trail.

Rows are kept by business day, so a period's report reads the period's rows; a batch and the
view's tracking row are written in one transaction, by compare-and-set, as for the journal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from eventsourcing.persistence import PersistenceError, Tracking
from eventsourcing.postgres import PostgresDatastore
from psycopg.rows import tuple_row

from sharemarket.adapters.postgres_view_base import PostgresView
from sharemarket.application.matching.sharing_view import SharingBatch, SharingView
from sharemarket.domain.errors import StoreError


class PostgresSharingView(PostgresView, SharingView):
    table_suffixes = ("needs", "waits", "shares", "facts")

    def __init__(
        self,
        datastore: PostgresDatastore,
        *,
        tracking_table_name: str = "sharing_tracking",
        **kwargs: Any,
    ) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)

    def create_statements(self) -> list[str]:
        return [
            *super().create_statements(),
            "CREATE TABLE IF NOT EXISTS {schema}.{needs} ("
            "kind text NOT NULL, day date NOT NULL, posted bigint NOT NULL, "
            "matched bigint NOT NULL, fulfilled bigint NOT NULL, closed bigint NOT NULL, "
            "open bigint NOT NULL, PRIMARY KEY (kind, day))",
            "CREATE TABLE IF NOT EXISTS {schema}.{waits} ("
            "day date NOT NULL, days integer NOT NULL, needs bigint NOT NULL, "
            "PRIMARY KEY (day, days))",
            "CREATE TABLE IF NOT EXISTS {schema}.{shares} ("
            "day date NOT NULL, firm text NOT NULL, measure text NOT NULL, side text NOT NULL, "
            "matched smallint NOT NULL, amount bigint NOT NULL, "
            "PRIMARY KEY (day, firm, measure, side, matched))",
            "CREATE TABLE IF NOT EXISTS {schema}.{facts} ("
            "key text PRIMARY KEY, value text NOT NULL)",
        ]

    def write_sharing(self, batch: SharingBatch, tracking: Tracking, after: int | None) -> None:
        with self._writing(tracking, after) as curs:
            for day, kind, posted, matched, fulfilled, closed in batch.need_rows():
                curs.execute(
                    self.sql(
                        "INSERT INTO {schema}.{needs} AS t VALUES (%s, %s, %s, %s, %s, %s, "
                        "COALESCE((SELECT open FROM {schema}.{needs} WHERE kind = %s AND "
                        "day < %s ORDER BY day DESC LIMIT 1), 0)) ON CONFLICT (kind, day) "
                        "DO UPDATE SET posted = t.posted + EXCLUDED.posted, "
                        "matched = t.matched + EXCLUDED.matched, "
                        "fulfilled = t.fulfilled + EXCLUDED.fulfilled, "
                        "closed = t.closed + EXCLUDED.closed"
                    ),
                    (kind, day, posted, matched, fulfilled, closed, kind, day),
                )
                if posted != closed:
                    curs.execute(
                        self.sql(
                            "UPDATE {schema}.{needs} SET open = open + %s "
                            "WHERE kind = %s AND day >= %s"
                        ),
                        (posted - closed, kind, day),
                    )
            with curs.connection.pipeline():
                if batch.waits:
                    curs.executemany(
                        self.sql(
                            "INSERT INTO {schema}.{waits} AS t VALUES (%s, %s, %s) "
                            "ON CONFLICT (day, days) DO UPDATE SET needs = t.needs + EXCLUDED.needs"
                        ),
                        [(*key, count) for key, count in batch.waits.items()],
                    )
                if batch.shares:
                    curs.executemany(
                        self.sql(
                            "INSERT INTO {schema}.{shares} AS t VALUES (%s, %s, %s, %s, %s, %s) "
                            "ON CONFLICT (day, firm, measure, side, matched) "
                            "DO UPDATE SET amount = t.amount + EXCLUDED.amount"
                        ),
                        [(*key, amount) for key, amount in batch.shares.items()],
                    )
                if batch.facts:
                    curs.executemany(
                        self.sql(
                            "INSERT INTO {schema}.{facts} VALUES (%s, %s) "
                            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
                        ),
                        list(batch.facts.items()),
                    )
                self._insert_parties(curs, batch.parties)
                curs.execute("COMMIT")

    def _select(self, statement: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as cur:
            cur.execute(self.sql(statement), params)
            return cur.fetchall()

    def fact(self, key: str) -> str | None:
        rows = self._select("SELECT value FROM {schema}.{facts} WHERE key = %s", (key,))
        return None if not rows else str(rows[0][0])

    def need_counts(self, first: date, last: date) -> list[tuple[str, int, int, int]]:
        return [
            (kind, int(p), int(m), int(f))
            for kind, p, m, f in self._select(
                "SELECT kind, SUM(posted), SUM(matched), SUM(fulfilled) FROM {schema}.{needs} "
                "WHERE day BETWEEN %s AND %s GROUP BY kind",
                (first, last),
            )
        ]

    def open_needs(self, kinds: Sequence[str], last: date) -> list[tuple[str, int]]:
        found = []
        for kind in kinds:
            rows = self._select(
                "SELECT open FROM {schema}.{needs} WHERE kind = %s AND day <= %s "
                "ORDER BY day DESC LIMIT 1",
                (kind, last),
            )
            if rows:
                found.append((kind, int(rows[0][0])))
        return found

    def waits(self, first: date, last: date) -> list[tuple[int, int]]:
        return [
            (int(days), int(needs))
            for days, needs in self._select(
                "SELECT days, SUM(needs) FROM {schema}.{waits} WHERE day BETWEEN %s AND %s "
                "GROUP BY days ORDER BY days",
                (first, last),
            )
        ]

    def shares(self, first: date, last: date) -> list[tuple[str, str, str, int, int]]:
        return [
            (firm, measure, side, int(matched), int(amount))
            for firm, measure, side, matched, amount in self._select(
                "SELECT firm, measure, side, matched, SUM(amount) FROM {schema}.{shares} "
                "WHERE day BETWEEN %s AND %s GROUP BY firm, measure, side, matched",
                (first, last),
            )
        ]


def open_postgres_sharing(datastore: PostgresDatastore, *, prefix: str = "") -> PostgresSharingView:
    """Open (creating if missing) the sharing view in the datastore's schema (which
    ``open_postgres_views`` has made)."""
    view = PostgresSharingView(datastore, tracking_table_name=f"{prefix}sharing_tracking")
    try:
        view.create_table()
    except PersistenceError as exc:
        raise StoreError(
            f"the views: cannot create the sharing view's tables in schema "
            f"{datastore.schema!r}: {exc}"
        ) from None
    return view
