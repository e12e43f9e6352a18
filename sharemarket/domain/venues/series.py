"""Recurring series: weekly on chosen weekdays, or every N days, between two dates.

All or nothing refuses the whole series when any date is refused; skip-conflicts books the free
dates and reports the dates it skipped (taken, blacked out, or closed that day), as
LibreBooking's skip-conflicts does. A series holds at most ``OCCURRENCES_MAX`` dates, so its
aggregate stays bounded.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import derived_id
from sharemarket.domain.time import PARK_TZ, TimeSlot, check_business_date
from sharemarket.domain.venues.errors import BookingSeriesEmpty
from sharemarket.domain.venues.rules import DAY_MINUTES, _clock, _count, _parse_clock

OCCURRENCES_MAX = 120


class SeriesConflicts(enum.Enum):
    """What a recurring series does with a date it cannot book (taken, blacked out, or closed
    that day): refuse the whole series (all or nothing), or skip that date, book the rest and
    report the dates it skipped."""

    ALL_OR_NOTHING = "all_or_nothing"
    SKIP_CONFLICTS = "skip_conflicts"


def _weekdays(values: Any) -> tuple[int, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, (tuple, list, range, set)):
        raise TypeError(f"weekdays is a list of ints 0-6 (Monday 0), not {type(values).__name__}")
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 6:
            raise InvalidInput(f"weekdays holds 0 (Monday) to 6 (Sunday), not {v!r}")
    return tuple(sorted(set(values)))


def _day(_: object, attribute: attrs.Attribute[date], value: object) -> None:
    check_business_date(value, attribute.name)


def _clock_minute(value: Any) -> Any:
    return _parse_clock(value) if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class Recurrence:
    """The dates of a series and the time of day it takes: weekly on ``weekdays`` (0 Monday),
    or every ``every_days`` days from ``first_day``, until ``last_day``; from ``starts`` to
    ``ends`` (minutes after midnight, or "HH:MM" text)."""

    first_day: date = attrs.field(validator=_day)
    last_day: date = attrs.field(validator=_day)
    starts: int = attrs.field(converter=_clock_minute, validator=_count(0, DAY_MINUTES))
    ends: int = attrs.field(converter=_clock_minute, validator=_count(0, DAY_MINUTES))
    weekdays: tuple[int, ...] = attrs.field(default=(), converter=_weekdays)
    every_days: int | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.every_days is not None:
            _count(1, 366)(self, attrs.fields(Recurrence).every_days, self.every_days)
        if bool(self.weekdays) == (self.every_days is not None):
            raise InvalidInput("a recurrence names weekdays or every_days, exactly one of them")
        if self.last_day < self.first_day:
            raise InvalidInput(f"last_day {self.last_day} is before first_day {self.first_day}")
        if self.ends <= self.starts:
            raise InvalidInput(f"the series ends at {_clock(self.ends)}, not after it starts")
        if len(self.dates()) > OCCURRENCES_MAX:
            raise InvalidInput(
                f"the recurrence names {len(self.dates())} dates; a series holds at most "
                f"{OCCURRENCES_MAX} (split it in two)"
            )

    def dates(self) -> list[date]:
        """The series' dates from ``first_day`` to ``last_day``: those on ``weekdays``, or every
        ``every_days``-th day from ``first_day`` (a span far beyond the most dates a series may
        hold is listed only until it is past that limit)."""
        days = (self.last_day - self.first_day).days + 1
        if days > 7 * OCCURRENCES_MAX + 7:
            days = 7 * OCCURRENCES_MAX + 7  # enough to count past the limit
        every = [self.first_day + timedelta(days=n) for n in range(days)]
        if self.weekdays:
            return [d for d in every if d.weekday() in self.weekdays]
        step = self.every_days or 1
        return every[::step]

    def slot_on(self, day: date) -> TimeSlot:
        """The series' slot on ``day``: from ``starts`` to ``ends`` minutes after midnight, park
        time."""
        midnight = datetime(day.year, day.month, day.day, tzinfo=PARK_TZ)
        return TimeSlot(
            midnight + timedelta(minutes=self.starts), midnight + timedelta(minutes=self.ends)
        )


def occurrence_id(series_id: UUID, day: date) -> UUID:
    return derived_id("venue-booking", f"{series_id}:{day.isoformat()}")


class BookingSeries(Aggregate):
    """A firm's recurring booking of one venue: the booking of each date, and the skipped ones."""

    class Event(Aggregate.Event):
        """The base of ``BookingSeries``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Booked(Aggregate.Created, Event):
        venue_id: UUID
        firm: FirmId
        recurrence: Recurrence
        conflicts: SeriesConflicts
        booked: dict[str, UUID]
        skipped: dict[str, str]
        actor: Actor

    class CancelledFrom(Event):
        from_day: date
        cancelled: list[UUID]
        actor: Actor

        def apply(self, series: BookingSeries) -> None:
            series.cancelled_from = self.from_day

    def __init__(
        self,
        venue_id: UUID,
        firm: FirmId,
        recurrence: Recurrence,
        conflicts: SeriesConflicts,
        booked: dict[str, UUID],
        skipped: dict[str, str],
        actor: Actor,
    ) -> None:
        self.venue_id = venue_id
        self.firm = firm
        self.recurrence = recurrence
        self.conflicts = conflicts
        self.booked = dict(booked)
        self.skipped = dict(skipped)
        self.cancelled_from: date | None = None

    @classmethod
    def record(
        cls,
        actor: Actor,
        *,
        series_id: UUID,
        venue_id: UUID,
        recurrence: Recurrence,
        conflicts: SeriesConflicts,
        booked: dict[date, UUID],
        skipped: dict[date, str],
    ) -> BookingSeries:
        if not booked:
            detail = "; ".join(f"{d}: {r}" for d, r in sorted(skipped.items()))
            raise BookingSeriesEmpty(f"no date of the series could be booked ({detail})")
        assert actor.firm is not None
        return cls._create(
            cls.Booked,
            id=series_id,
            venue_id=venue_id,
            firm=actor.firm,
            recurrence=recurrence,
            conflicts=conflicts,
            booked={d.isoformat(): b for d, b in sorted(booked.items())},
            skipped={d.isoformat(): r for d, r in sorted(skipped.items())},
            actor=actor,
        )

    def bookings_from(self, day: date) -> list[UUID]:
        return [b for d, b in sorted(self.booked.items()) if date.fromisoformat(d) >= day]

    def require_booker(self, actor: Actor) -> None:
        if actor.firm != self.firm:
            raise PermissionDenied(f"{actor} may not do this: only {self.firm}, which booked, may")

    def cancel_from(self, actor: Actor, day: date, cancelled: list[UUID]) -> None:
        self.require_booker(actor)
        self.trigger_event(self.CancelledFrom, from_day=day, cancelled=cancelled, actor=actor)


def _dates(values: Iterable[date]) -> tuple[date, ...]:
    return tuple(values)


def _skipped(values: Iterable[SkippedDate]) -> tuple[SkippedDate, ...]:
    return tuple(values)


@attrs.frozen
class SkippedDate:
    """A date a skip-conflicts series did not book, and why."""

    day: date
    reason: str


@attrs.frozen
class SeriesBooked:
    """What booking a series did: its id, the dates booked and the dates skipped."""

    series_id: UUID
    booked: tuple[date, ...] = attrs.field(converter=_dates)
    skipped: tuple[SkippedDate, ...] = attrs.field(converter=_skipped)

    def booking_on(self, day: date) -> UUID:
        """The id of the series' booking of ``day``."""
        if day not in self.booked:
            raise InvalidInput(f"the series booked no slot on {day}")
        return occurrence_id(self.series_id, day)
