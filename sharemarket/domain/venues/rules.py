"""A venue's rules: kind, capacity, opening hours, granularity, durations, notice, buffers, fees."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from sharemarket.domain.checks import of_type
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money, check_amount
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.time import PARK_TZ, TimeSlot

DAY_MINUTES = 24 * 60
#: The most persons a venue may hold, and the furthest ahead (days) it may take bookings.
CAPACITY_MAX = 100_000
AHEAD_DAYS_MAX = 3 * 366
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class VenueKind(enum.Enum):
    """What a shared room is for (阵地: the rooms a park's firms share)."""

    MEETING_ROOM = "meeting_room"
    TRAINING_ROOM = "training_room"
    ACTIVITY_ROOM = "activity_room"
    LIBRARY = "library"
    ROADSHOW_HALL = "roadshow_hall"
    CAFE = "cafe"
    OTHER = "other"


def _count(low: int, high: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{attribute.name} is an int, not {type(value).__name__} {value!r}")
        if not low <= value <= high:
            raise InvalidInput(f"{attribute.name} must be from {low} to {high}, got {value}")

    return check


def _minutes(low: int, high: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[Minutes], value: object) -> None:
        if not isinstance(value, Minutes):
            raise TypeError(
                f"{attribute.name} is Minutes (e.g. Minutes(30)), not {type(value).__name__} "
                f"{value!r}"
            )
        if not low <= value.value <= high:
            raise InvalidInput(
                f"{attribute.name} must be from {low} to {high} minutes, got {value.value}"
            )

    return check


def _to_minutes(value: object) -> object:
    return Minutes(value) if isinstance(value, int) and not isinstance(value, bool) else value


@attrs.frozen
class OpeningHours:
    """The venue is open on ``weekday`` (0 Monday .. 6 Sunday) from ``opens`` to ``closes``,
    in minutes after midnight, park time (9:00 is 540)."""

    weekday: int = attrs.field(validator=_count(0, 6))
    opens: int = attrs.field(validator=_count(0, DAY_MINUTES))
    closes: int = attrs.field(validator=_count(0, DAY_MINUTES))

    def __attrs_post_init__(self) -> None:
        if self.closes <= self.opens:
            raise InvalidInput(
                f"opening hours of {WEEKDAYS[self.weekday]} close at {_clock(self.closes)}, not "
                f"after they open at {_clock(self.opens)}"
            )

    @classmethod
    def on(cls, weekdays: Iterable[int], opens: str, closes: str) -> tuple[OpeningHours, ...]:
        """The same hours on several weekdays: ``OpeningHours.on(range(5), "09:00", "17:30")``."""
        return tuple(cls(day, _parse_clock(opens), _parse_clock(closes)) for day in weekdays)

    def __str__(self) -> str:
        return f"{WEEKDAYS[self.weekday][:3]} {_clock(self.opens)}-{_clock(self.closes)}"


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _parse_clock(text: str) -> int:
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise InvalidInput(f"{text!r} is not a time of day; write it like '09:00'")
    return int(hours) * 60 + int(minutes)


def _hours(values: Iterable[OpeningHours]) -> tuple[OpeningHours, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"opening is a list of OpeningHours, not {type(values).__name__}")
    items = tuple(
        OpeningHours(**v) if isinstance(v, dict) else v
        for v in values  # decoded from storage
    )
    for item in items:
        if not isinstance(item, OpeningHours):
            raise TypeError(f"opening holds OpeningHours, not {type(item).__name__} {item!r}")
    return tuple(sorted(items, key=lambda h: (h.weekday, h.opens)))


def _firms(values: Iterable[FirmId]) -> tuple[FirmId, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"bookable_by is a list of FirmId, not {type(values).__name__}")
    items = tuple(values)
    for item in items:
        if not isinstance(item, FirmId):
            raise TypeError(f"bookable_by holds FirmId values, not {type(item).__name__} {item!r}")
    return tuple(sorted(set(items), key=lambda f: f.code))


def _fee(_: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money):
        raise TypeError(f"{attribute.name} is Money, not {type(value).__name__} {value!r}")
    check_amount(value, attribute.name)
    if value.is_negative():
        raise InvalidInput(f"{attribute.name} must not be negative, got {value}")


@attrs.frozen(kw_only=True)
class VenueRules:
    """How a venue may be booked. Defaults: open weekdays 9:00-17:30, 30-minute grid, 30 minutes
    to 4 hours, 1 hour notice, 60 days ahead, no buffer, no approval, check-in from 15 minutes
    before the start, a no-show 15 minutes after it, a cancellation within 2 hours of the start
    counted as a no-show, no fee (the norm), open to every member firm (``bookable_by`` empty).
    """

    capacity: int = attrs.field(validator=_count(1, CAPACITY_MAX))
    opening: tuple[OpeningHours, ...] = attrs.field(
        converter=_hours, factory=lambda: OpeningHours.on(range(5), "09:00", "17:30")
    )
    granularity: Minutes = attrs.field(
        default=Minutes(30), converter=_to_minutes, validator=_minutes(1, DAY_MINUTES)
    )
    min_duration: Minutes = attrs.field(
        default=Minutes(30), converter=_to_minutes, validator=_minutes(1, DAY_MINUTES)
    )
    max_duration: Minutes = attrs.field(
        default=Minutes(240), converter=_to_minutes, validator=_minutes(1, DAY_MINUTES)
    )
    min_notice: Minutes = attrs.field(
        default=Minutes(60), converter=_to_minutes, validator=_minutes(0, AHEAD_DAYS_MAX * 1440)
    )
    max_ahead_days: int = attrs.field(default=60, validator=_count(1, AHEAD_DAYS_MAX))
    buffer: Minutes = attrs.field(
        default=Minutes(0), converter=_to_minutes, validator=_minutes(0, DAY_MINUTES)
    )
    approval_required: bool = attrs.field(default=False, validator=of_type(bool))
    check_in_opens: Minutes = attrs.field(
        default=Minutes(15), converter=_to_minutes, validator=_minutes(0, DAY_MINUTES)
    )
    no_show_after: Minutes = attrs.field(
        default=Minutes(15), converter=_to_minutes, validator=_minutes(1, DAY_MINUTES)
    )
    late_cancellation: Minutes = attrs.field(
        default=Minutes(120), converter=_to_minutes, validator=_minutes(0, AHEAD_DAYS_MAX * 1440)
    )
    #: How long a freed slot is held for the first waiting firm.
    offer_hold: Minutes = attrs.field(
        default=Minutes(60), converter=_to_minutes, validator=_minutes(1, 7 * DAY_MINUTES)
    )
    fee_per_hour: Money = attrs.field(default=Money(0), validator=_fee)
    bookable_by: tuple[FirmId, ...] = attrs.field(default=(), converter=_firms)
    #: Closed on the park's rest days and statutory holidays, open on its adjusted working
    #: days (调休) with Monday's hours; otherwise the weekdays alone decide.
    follows_park_calendar: bool = attrs.field(default=False, validator=of_type(bool))

    def __attrs_post_init__(self) -> None:
        if self.max_duration < self.min_duration:
            raise InvalidInput(
                f"max_duration {self.max_duration} is below min_duration {self.min_duration}"
            )
        days = [h.weekday for h in self.opening]
        if len(days) != len(set(days)):
            raise InvalidInput("opening names a weekday twice; give one span per weekday")

    def hours_on(self, day: date, kind: ParkDay | None = None) -> OpeningHours | None:
        """The opening hours of ``day``, whose kind in the park's calendar is ``kind``."""
        weekday = day.weekday()
        if self.follows_park_calendar and kind is not None:
            if kind is not ParkDay.WORKDAY:
                return None
            if weekday >= 5:  # an adjusted working day (调休) opens as on a Monday
                weekday = 0
        for hours in self.opening:
            if hours.weekday == weekday:
                return hours
        return None

    def fee_for(self, minutes: Minutes) -> Money:
        """The fee of a booking of ``minutes``: the hourly fee pro rata, rounded half up to
        the fen (the one place venue fees round)."""
        return Money((2 * self.fee_per_hour.fen * minutes.value + 60) // 120)


@attrs.frozen
class DaySpan:
    """A booking's slot as a day calendar holds it: the date and minutes after midnight."""

    day: date
    start: int
    end: int

    @classmethod
    def of(cls, slot: TimeSlot) -> DaySpan:
        start = slot.start.astimezone(PARK_TZ)
        end = slot.end.astimezone(PARK_TZ)
        day = start.date()
        end_minute = (end.date() - day).days * DAY_MINUTES + end.hour * 60 + end.minute
        return cls(day, start.hour * 60 + start.minute, end_minute)

    def slot(self) -> TimeSlot:
        midnight = datetime(self.day.year, self.day.month, self.day.day, tzinfo=PARK_TZ)
        return TimeSlot(
            midnight + timedelta(minutes=self.start), midnight + timedelta(minutes=self.end)
        )
