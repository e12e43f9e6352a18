"""The use of a booked room: check-in, a no-show recorded as a fact, completion.

A mixin of :class:`~sharemarket.domain.venues.booking.Booking`, whose class holds the events
(``CheckedIn``, ``NoShowRecorded``, ``Completed``) where their stored topics name them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.membership import Park
from sharemarket.domain.time import TimeSlot, _aware
from sharemarket.domain.venues.booking_status import BookingStatus
from sharemarket.domain.venues.errors import (
    BookingCheckInClosed,
    BookingNoShowTooEarly,
    BookingNotOver,
)
from sharemarket.domain.venues.rules import VenueRules


class BookingUse:
    if TYPE_CHECKING:  # provided by Booking (and eventsourcing's Aggregate)
        firm: FirmId
        slot: TimeSlot
        rules: VenueRules
        CheckedIn: Any
        NoShowRecorded: Any
        Completed: Any

        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...

        def _require_host(self, park: Park, actor: Actor) -> None: ...

        def _require_booker(self, park: Park, actor: Actor) -> None: ...

        def _require(self, *states: BookingStatus) -> None: ...

    def check_in(self, park: Park, actor: Actor, at: datetime) -> None:
        """The booker, or the host, checks in from the window before the start until the
        no-show time after it."""
        if actor.firm != self.firm:
            self._require_host(park, actor)
        else:
            self._require_booker(park, actor)
        self._require(BookingStatus.CONFIRMED)
        _aware(at)
        opens = self.slot.start - timedelta(minutes=self.rules.check_in_opens.value)
        closes = self.slot.start + timedelta(minutes=self.rules.no_show_after.value)
        if not opens <= at < closes:
            raise BookingCheckInClosed(
                f"check-in for the {self} is open from {opens:%H:%M} to {closes:%H:%M}, not at "
                f"{at.isoformat()}"
            )
        self.trigger_event(self.CheckedIn, at=at, actor=actor)

    def record_no_show(self, park: Park, actor: Actor, as_of: datetime) -> None:
        """The host records that nobody checked in by the no-show time."""
        self._require_host(park, actor)
        self._require(BookingStatus.CONFIRMED)
        _aware(as_of)
        due = self.slot.start + timedelta(minutes=self.rules.no_show_after.value)
        if as_of < due:
            raise BookingNoShowTooEarly(
                f"the {self} is a no-show only from {due.isoformat()}, not at {as_of.isoformat()}"
            )
        self.trigger_event(self.NoShowRecorded, as_of=as_of, actor=actor)

    def complete(self, park: Park, actor: Actor, as_of: datetime) -> None:
        """The host records the room used: the minutes and any fee are posted."""
        self._require_host(park, actor)
        self._require(BookingStatus.CHECKED_IN)
        _aware(as_of)
        if as_of < self.slot.end:
            raise BookingNotOver(f"the {self} ends at {self.slot.end.isoformat()}, after {as_of}")
        minutes = self.slot.duration
        self.trigger_event(
            self.Completed, minutes=minutes.value, fee=self.rules.fee_for(minutes), actor=actor
        )
