"""Park time: the Asia/Shanghai zone, half-open time slots and business dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import attrs

from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput

PARK_TZ: tzinfo = ZoneInfo("Asia/Shanghai")
"""Park time: the Asia/Shanghai zone (UTC+8 all year since 1991), in which the market reads its
time slots and business dates."""

#: The business dates the market records: from the first day a park's records could hold to far
#: beyond any contract's term. Dates outside are refused: 9999-12-31 is not a due date, and the
#: weeks and months around it cannot be computed.
FIRST_BUSINESS_DATE = date(1990, 1, 1)
LAST_BUSINESS_DATE = date(2199, 12, 31)


def check_business_date(value: object, what: str = "date") -> date:
    """A business date: a ``datetime.date`` in the park's zone (never a ``datetime``), from
    ``FIRST_BUSINESS_DATE`` to ``LAST_BUSINESS_DATE``."""
    if isinstance(value, datetime):
        raise TypeError(
            f"{what} is a business date (datetime.date), not a datetime: write "
            f"{value.date()!r} (a date in the park's zone, Asia/Shanghai)"
        )
    if not isinstance(value, date):
        raise TypeError(f"{what} is a datetime.date, not {type(value).__name__} {value!r}")
    if not FIRST_BUSINESS_DATE <= value <= LAST_BUSINESS_DATE:
        raise InvalidInput(
            f"{what} {value} lies outside the business dates the market records, "
            f"{FIRST_BUSINESS_DATE} to {LAST_BUSINESS_DATE}"
        )
    return value


def is_business_date(_: object, attribute: attrs.Attribute[date], value: object) -> None:
    """attrs validator: the field is a business date (see :func:`check_business_date`)."""
    check_business_date(value, attribute.name)


def _aware(value: datetime) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"a time slot takes datetimes, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(
            f"time {value.isoformat()} has no time zone; give an aware datetime "
            "(for park time use tzinfo=sharemarket.PARK_TZ, Asia/Shanghai)"
        )
    return value


def _park_instant(value: datetime) -> datetime:
    # Held in park time: Python subtracts and compares two datetimes that share a tzinfo by wall
    # clock, which is wrong across a DST change in the caller's zone (Europe/Berlin, ...) but
    # right in Asia/Shanghai, which has kept UTC+8 all year since 1991.
    return _aware(value).astimezone(PARK_TZ)


def business_date(instant: datetime) -> date:
    """The park's business date (Asia/Shanghai) on which an aware instant falls."""
    return _aware(instant).astimezone(PARK_TZ).date()


def park_time(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware instant at a wall-clock time of a park business date."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARK_TZ)


def week_of(day: date) -> tuple[date, date]:
    """The Monday and Sunday of the calendar week (Monday-Sunday) holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


@attrs.frozen(repr=False)
class TimeSlot:
    """A half-open span of time ``[start, end)`` between aware instants, held in park time.

    Two slots that only touch (one ends when the other starts) do not overlap.
    """

    start: datetime = attrs.field(converter=_park_instant)
    end: datetime = attrs.field(converter=_park_instant)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidInput(
                f"time slot ends at {self.end.isoformat()}, not after its start "
                f"{self.start.isoformat()}; the end must be later than the start"
            )
        if (self.end - self.start) % timedelta(minutes=1):
            raise InvalidInput(
                f"time slot {self.start.isoformat()} - {self.end.isoformat()} is not whole minutes"
            )

    @classmethod
    def on(cls, day: date, start: tuple[int, int], end: tuple[int, int]) -> TimeSlot:
        """A slot on a park business date between two wall-clock (hour, minute) times."""
        return cls(park_time(day, *start), park_time(day, *end))

    @property
    def duration(self) -> Minutes:
        """The slot's length in whole minutes."""
        return Minutes((self.end - self.start) // timedelta(minutes=1))

    def overlaps(self, other: TimeSlot) -> bool:
        """Whether the two slots share any instant (touching slots do not)."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: TimeSlot | datetime) -> bool:
        """True if the instant, or the whole of the other slot, lies inside this slot."""
        if isinstance(other, datetime):
            return self.start <= _aware(other) < self.end
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        start = self.start.astimezone(PARK_TZ)
        end = self.end.astimezone(PARK_TZ)
        if start.date() == end.date():
            return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"
        return f"{start:%Y-%m-%d %H:%M}-{end:%Y-%m-%d %H:%M}"

    def __repr__(self) -> str:
        return f"TimeSlot({self.start.isoformat()}, {self.end.isoformat()})"
