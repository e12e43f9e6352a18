"""How many events a market's store holds: counted, since a position is not a count.

SQLite's events table also holds the request receipts' rows, which take notification ids the
log does not show (``sharemarket.adapters.sqlite_receipts``): the last position is about twice
the number of events. Every figure that counts events counts them here.
"""

from __future__ import annotations

from sharemarket import ShareMarket
from sharemarket.adapters.sqlite_receipts import RECEIPT_TOPIC
from sharemarket.adapters.sqlite_recorder import SQLiteMarketRecorder


class EventCount:
    """The events a market's store holds, counted again from where the last count stopped
    (PostgreSQL's and memory's: their last position, which their receipts do not take)."""

    def __init__(self, market: ShareMarket) -> None:
        self._recorder = market._app.recorder
        self._counted, self._after = 0, 0

    def __call__(self) -> int:
        recorder = self._recorder
        if not (isinstance(recorder, SQLiteMarketRecorder) and recorder.receipts_in_log):
            return recorder.max_notification_id() or 0
        with recorder.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT COUNT(*), MAX(rowid) FROM {recorder.events_table_name} "
                "WHERE rowid > ? AND topic <> ?",
                (self._after, RECEIPT_TOPIC),
            )
            more, last = c.fetchone()
        self._counted += int(more)
        self._after = last or self._after
        return self._counted


def count_events(market: ShareMarket) -> int:
    """The events the market's store holds."""
    return EventCount(market)()
