"""The market's event log as the views and tools read it: read-only, by position."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, Mapper, Notification

from sharemarket.application.kernel.app import MarketApplication

#: Notifications read a page when counting events (``EventLog.count_after``).
COUNT_PAGE = 10_000


class NotificationReader:
    """The two reads of the event store the views need, and nothing that writes."""

    def __init__(self, recorder: ApplicationRecorder) -> None:
        self._recorder = recorder

    def max_notification_id(self) -> int | None:
        return self._recorder.max_notification_id()

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        return self._recorder.select_notifications(
            start=start,
            limit=limit,
            stop=stop,
            topics=topics,
            inclusive_of_start=inclusive_of_start,
        )


class EventLog:
    """What ``ParkViews`` and the command line read from a market: ``market.event_log``.

    ``name`` is the application name the views' tracking records carry; ``recorder`` reads
    notifications by position; ``mapper`` decodes them into domain events; ``settings`` are the
    market's store settings (live PostgreSQL views open their own reader with them). Nothing here
    writes: every change goes through a slice's commands.
    """

    def __init__(self, app: MarketApplication) -> None:
        self._app = app
        self.name: str = app.name
        self.recorder = NotificationReader(app.recorder)
        self.mapper: Mapper[Any] = app.mapper
        self.application_class: type[MarketApplication] = type(app)

    @property
    def settings(self) -> Mapping[str, Any]:
        """The store's settings (eventsourcing's environment): the views' runners open it so."""
        return dict(self._app.env)

    def head(self) -> int | None:
        """The position of the last event recorded (None for an empty market). A position is
        an id, not a count: stores skip ids (see ``count_after``)."""
        return self.recorder.max_notification_id()

    def count_after(self, position: int | None) -> int:
        """How many events were recorded after ``position`` (None: from the start). Counted:
        PostgreSQL skips the ids of writes that failed, and SQLite's request receipts take ids
        the log does not show (``adapters.sqlite_receipts``)."""
        counted, page = 0, COUNT_PAGE
        while True:
            found = self.recorder.select_notifications(
                start=position, limit=page, inclusive_of_start=False
            )
            counted += len(found)
            if len(found) < page:
                return counted
            position = found[-1].id
