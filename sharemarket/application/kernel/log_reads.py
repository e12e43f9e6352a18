"""Reading chosen event classes from the market's log, in order: for lists and period reports.

No aggregate keeps what a person lists or a report folds ("every agreement", "labour shared by
week"): aggregates keep only what their decisions need. These reads ask the recorder for the
classes' topics alone, a page at a time, and decode what they get. Queries for people and
tools, never on a command's path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any
from uuid import UUID

from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import get_topic

from sharemarket.application.kernel.event_log import EventLog
from sharemarket.domain.errors import StoreError

PAGE = 500


def read_events(log: EventLog, classes: Iterable[type]) -> Iterator[Any]:
    """Every event of ``classes`` (the exact classes), decoded, in the log's order."""
    topics = [get_topic(cls) for cls in classes]
    start: int | None = None
    while True:
        try:
            page = log.recorder.select_notifications(
                start, PAGE, topics=topics, inclusive_of_start=start is None
            )
        except PersistenceError as exc:
            raise StoreError(f"cannot read the market's store: {exc}") from None
        for notification in page:
            yield log.mapper.to_domain_event(notification)
        if len(page) < PAGE:
            return
        start = page[-1].id


def created_ids(
    log: EventLog, classes: Iterable[type], where: Callable[[Any], bool] | None = None
) -> tuple[UUID, ...]:
    """The ids of the aggregates created by ``classes``' events (those ``where`` accepts),
    oldest first."""
    return tuple(
        event.originator_id for event in read_events(log, classes) if where is None or where(event)
    )
