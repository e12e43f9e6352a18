"""Multi-row statements for the SQLite event store: a save's rows in a few statements, not one each.

sqlite3 lets other threads run during each statement, and the thread that writes waits for the
interpreter again after each one; with threads deciding commands meanwhile, a group commit of
eight commands written a row per statement waited about 27 times while it held the store's write
lock. Rows go in statements of powers of two rows, up to ``MAX_ROWS``, so that few distinct
statements fill each connection's cache of prepared statements.
"""

from __future__ import annotations

from collections.abc import Iterator

#: Rows a statement writes or checks at most (4 values a row: far below the 999 variables a
#: statement that SQLite's oldest builds allow).
MAX_ROWS = 64


def chunks(count: int) -> Iterator[int]:
    """``count`` rows as statements of powers of two rows up to ``MAX_ROWS`` (13: 8, 4, 1)."""
    rows = MAX_ROWS
    while count:
        while rows > count:
            rows //= 2
        yield rows
        count -= rows


def padded(count: int) -> int:
    """The power of two of rows a check of ``count`` (at most ``MAX_ROWS``) rows is padded to."""
    return 1 << (count - 1).bit_length()


class RowStatements:
    """The statements of ``n`` rows for one events table and its receipts table, made once."""

    def __init__(self, events_table: str, receipts_table: str) -> None:
        self.events_table = events_table
        self.receipts_table = receipts_table
        self._made: dict[tuple[str, int], str] = {}

    def insert_events(self, rows: int) -> str:
        return self._get("events", rows)

    def insert_receipts(self, rows: int) -> str:
        return self._get("receipts", rows)

    def newer_events(self, rows: int) -> str:
        """The first of ``rows`` (aggregate id, version read) pairs with a newer event, if any."""
        return self._get("reads", rows)

    def _get(self, kind: str, rows: int) -> str:
        statement = self._made.get((kind, rows))
        if statement is None:
            statement = self._make(kind, rows)
            self._made[(kind, rows)] = statement
        return statement

    def _make(self, kind: str, rows: int) -> str:
        if kind == "events":
            return f"INSERT INTO {self.events_table} VALUES " + ",".join(["(?,?,?,?)"] * rows)
        values = ",".join(["(?,?)"] * rows)
        if kind == "receipts":
            return f"INSERT INTO {self.receipts_table} VALUES {values}"
        return (
            f"WITH r(id, version) AS (VALUES {values}) SELECT id, version FROM r "
            f"WHERE EXISTS (SELECT 1 FROM {self.events_table} "
            "WHERE originator_id = r.id AND originator_version > r.version) LIMIT 1"
        )
