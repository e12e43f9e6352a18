"""What a venue's days look like: its opening hours minus live bookings, buffers and blackouts."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import attrs

from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.time import TimeSlot
from sharemarket.domain.venues.calendar import VenueDay
from sharemarket.domain.venues.rules import DaySpan, VenueRules


@attrs.frozen
class DaySchedule:
    """A venue's date: its live bookings (id and slot) and its blackouts, in time order, with
    the blackouts' ids in the same order (to lift one)."""

    day: date
    bookings: tuple[tuple[UUID, TimeSlot], ...]
    blackouts: tuple[TimeSlot, ...]
    blackout_ids: tuple[UUID, ...] = ()


def schedule(calendar: VenueDay | None, day: date) -> DaySchedule:
    if calendar is None:
        return DaySchedule(day, (), ())
    bookings = sorted(
        (
            (UUID(b), DaySpan(day, s, e).slot())
            for b, (s, e, _) in calendar.held.items()
            if b not in calendar.offers
        ),
        key=lambda pair: pair[1].start,
    )
    dark = sorted((s, e, UUID(b)) for b, (s, e) in calendar.blackouts.items())
    blackouts = tuple(DaySpan(day, s, e).slot() for s, e, _ in dark)
    return DaySchedule(day, tuple(bookings), blackouts, tuple(b for _, _, b in dark))


def free_slots(
    rules: VenueRules, calendar: VenueDay | None, day: date, kind: ParkDay | None = None
) -> list[TimeSlot]:
    """The longest free spans of the day a booking under ``rules`` could take: within opening
    hours, on the grid, clear of live bookings (with the larger buffer) and blackouts, and at
    least the minimum duration. Notice and horizon depend on when one asks: not applied."""
    hours = rules.hours_on(day, kind)
    if hours is None:
        return []
    busy: list[tuple[int, int]] = []
    if calendar is not None:
        busy = [
            (s - max(buf, rules.buffer.value), e + max(buf, rules.buffer.value))
            for s, e, buf in calendar.held.values()
        ]
        busy += [(s, e) for s, e in calendar.blackouts.values()]
    grid, origin = rules.granularity.value, hours.opens
    free: list[TimeSlot] = []
    cursor = hours.opens
    for start, end in [*sorted(busy), (hours.closes, hours.closes)]:
        first = origin + -(-(cursor - origin) // grid) * grid  # up to the grid
        last = origin + (min(start, hours.closes) - origin) // grid * grid  # down to the grid
        if last - first >= rules.min_duration.value:
            free.append(DaySpan(day, first, last).slot())
        cursor = max(cursor, end)
    return free
