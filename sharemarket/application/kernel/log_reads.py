"""Reading chosen event classes from the market's log, in order: for period reports.

A report folds what happened from the first event (the aggregates keep only what their
decisions need); it asks the recorder for its classes' topics alone, a page at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventsourcing.utils import get_topic

from sharemarket.application.kernel.event_log import EventLog

PAGE = 500


def read_events(log: EventLog, classes: Iterable[type]) -> Iterator[Any]:
    """Every event of ``classes`` (the exact classes), decoded, in the log's order."""
    topics = [get_topic(cls) for cls in classes]
    start: int | None = None
    while True:
        page = log.recorder.select_notifications(
            start, PAGE, topics=topics, inclusive_of_start=start is None
        )
        for notification in page:
            yield log.mapper.to_domain_event(notification)
        if len(page) < PAGE:
            return
        start = page[-1].id
