"""Whether a venue's rules admit a booking: hours, grid, duration, notice, horizon, capacity."""

from __future__ import annotations

from datetime import datetime, timedelta

from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.time import TimeSlot, _aware
from sharemarket.domain.venues.errors import (
    VenueCapacityExceeded,
    VenueClosedAtTime,
    VenueDurationOutOfRange,
    VenueNotBookableByFirm,
    VenueNoticeTooShort,
    VenueSlotOffGrid,
    VenueTooFarAhead,
)
from sharemarket.domain.venues.rules import DaySpan, VenueRules, _clock


def admit(
    rules: VenueRules,
    *,
    name: str,
    firm: FirmId,
    slot: TimeSlot,
    attendees: int,
    as_of: datetime,
    kind: ParkDay | None = None,
) -> DaySpan:
    """The slot as the day's calendar holds it, if the venue's rules admit the booking at
    ``as_of``; otherwise the error of the first rule it breaks (nothing is recorded)."""
    _aware(as_of)
    if rules.bookable_by and firm not in rules.bookable_by:
        raise VenueNotBookableByFirm(
            f"{name} is open to {len(rules.bookable_by)} listed firms, and {firm} is not one; "
            "its host can add the firm to the venue's rules"
        )
    if attendees > rules.capacity:
        raise VenueCapacityExceeded(
            f"{attendees} attendees do not fit {name}, which holds {rules.capacity} persons"
        )
    span = DaySpan.of(slot)
    hours = rules.hours_on(span.day, kind)
    if hours is None or span.start < hours.opens or span.end > hours.closes:
        closed = "closed that day" if kind in (None, ParkDay.WORKDAY) else f"closed ({kind.value})"
        opening = closed if hours is None else f"open {hours}"
        raise VenueClosedAtTime(f"{name} is {opening}; {slot} lies outside its opening hours")
    grid = rules.granularity.value
    if (span.start - hours.opens) % grid or (span.end - hours.opens) % grid:
        raise VenueSlotOffGrid(
            f"{slot} is off the {rules.granularity} grid of {name}, counted from its opening at "
            f"{_clock(hours.opens)}; start and end on the grid"
        )
    if not rules.min_duration <= slot.duration <= rules.max_duration:
        raise VenueDurationOutOfRange(
            f"{slot} lasts {slot.duration}; {name} takes bookings of {rules.min_duration} to "
            f"{rules.max_duration}"
        )
    if slot.start - as_of < timedelta(minutes=rules.min_notice.value):
        raise VenueNoticeTooShort(
            f"{slot} starts within {rules.min_notice} of {as_of.isoformat()}; {name} needs "
            f"{rules.min_notice} notice"
        )
    if slot.start - as_of > timedelta(days=rules.max_ahead_days):
        raise VenueTooFarAhead(
            f"{slot} is more than {rules.max_ahead_days} days after {as_of.isoformat()}; {name} "
            f"takes bookings up to {rules.max_ahead_days} days ahead"
        )
    return span
