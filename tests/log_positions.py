"""The positions of a market's events in its notification log.

A position is a notification id, not a count: PostgreSQL skips ids of rolled-back writes, and
SQLite's events table also holds the request receipts' rows (``adapters.sqlite_receipts``),
which take ids the log does not show. Tests that mean "the n-th event" ask for its position.
"""

from __future__ import annotations

from sharemarket import ShareMarket


def positions(market: ShareMarket) -> list[int]:
    """The notification ids of the market's events, in order."""
    recorder = market._app.recorder
    return [n.id for n in recorder.select_notifications(start=None, limit=1_000_000)]


def nth(market: ShareMarket, n: int) -> int:
    """The position of the market's ``n``-th event (from 1)."""
    return positions(market)[n - 1]
