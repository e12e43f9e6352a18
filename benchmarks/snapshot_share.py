"""Snapshot bytes against event bytes as if each save were one command (the bounded section).

A save snapshots an aggregate at most once, at the version it ends on: a batch of 40 of an
agreement's events stores one snapshot where 40 commands, each in its own transaction, would
store one at every multiple of the interval. The bounded file is written in batches, so its
stored snapshots undercount what a market used one command at a time stores. This replays every
aggregate of the file and encodes, as the snapshot store would, a snapshot at every multiple of
its class's interval.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from uuid import UUID

from sharemarket import ShareMarket
from sharemarket.adapters.sqlite_receipts import RECEIPT_TOPIC


def every_interval(path: Path) -> tuple[int, int]:
    """Bytes of the snapshots the file's aggregates would have at every multiple of their
    intervals, as stored (the snapshot store's mapper), and how many."""
    with sqlite3.connect(path) as db:
        ids = [
            UUID(row[0])
            for row in db.execute(
                "SELECT DISTINCT originator_id FROM stored_events WHERE topic <> ?",
                (RECEIPT_TOPIC,),  # a receipt's row is not an aggregate's (sqlite_receipts)
            )
        ]
    market = ShareMarket.sqlite(path)
    try:
        app = market._app
        assert app.snapshots is not None
        mapper = app.snapshots.mapper
        intervals: dict[type[Any], int] = dict(app.snapshotting_intervals)
        stored = count = 0
        for aggregate_id in ids:
            aggregate: Any = None
            for event in app.events.get(aggregate_id):
                aggregate = event.mutate(aggregate)  # type: ignore[attr-defined]
                interval = intervals.get(type(aggregate))
                if interval and aggregate.version % interval == 0:
                    taken = type(aggregate).Snapshot.take(aggregate)
                    stored += len(mapper.to_stored_event(taken).state)
                    count += 1
    finally:
        market.close()
    return stored, count
