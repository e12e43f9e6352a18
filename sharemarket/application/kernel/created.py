"""Which aggregates of a kind were ever created: read from the event log by creation topic.

The lists a person asks for ("every agreement", "every loan of this firm") are not held by any
aggregate (none grows with its history); they are read here from the creation events alone,
by topic, a page at a time. A query for people and tools, not for a command's path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import get_topic

from sharemarket.application.kernel.app import MarketApplication
from sharemarket.domain.errors import StoreError

PAGE = 500


def created_events(
    app: MarketApplication, classes: tuple[type[Aggregate.Created], ...]
) -> Iterator[Any]:
    """Every creation event of ``classes`` (subclasses named too), in the order recorded."""
    topics = [get_topic(cls) for cls in classes]
    start: int | None = None
    while True:
        try:
            page = app.recorder.select_notifications(
                start, PAGE, topics=topics, inclusive_of_start=start is None
            )
        except PersistenceError as exc:
            raise StoreError(f"cannot read the market's store: {exc}") from None
        for notification in page:
            yield app.mapper.to_domain_event(notification)
        if len(page) < PAGE:
            return
        start = page[-1].id


def created_ids(
    app: MarketApplication,
    classes: tuple[type[Aggregate.Created], ...],
    where: Callable[[Any], bool] | None = None,
) -> tuple[UUID, ...]:
    """The ids of the aggregates created by ``classes``' events (those ``where`` accepts)."""
    return tuple(
        event.originator_id
        for event in created_events(app, classes)
        if where is None or where(event)
    )
