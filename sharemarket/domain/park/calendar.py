"""The park's calendar of days: workdays, rest days and statutory holidays, with 调休.

China's statutory holidays move each year and weekend days are swapped for working days around
them (调休): a Sunday can be a working day. The application reads the official calendar from a
maintained library; the park's administrators can override any date (a calendar not yet
published, a local closure). Venues that follow the park's calendar open and close by it, and
labour's day type defaults from it. The overrides of a year are one bounded aggregate.

These classes lived in ``sharemarket.domain.venues.park_days`` until the calendar moved to the
park slice; the park slice registers their old topics, under which stores hold their events.
"""

from __future__ import annotations

import enum
from datetime import date
from functools import lru_cache
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.ids import derived_id
from sharemarket.domain.park.membership import Park


class ParkDay(enum.Enum):
    """What kind of day a date is in the park (as the State Council's calendar says)."""

    WORKDAY = "workday"
    REST_DAY = "rest_day"
    STATUTORY_HOLIDAY = "statutory_holiday"


@lru_cache(maxsize=64)
def calendar_year_id(year: int) -> UUID:
    # Cached: a shift asks for its year's id twice (its day type, then its premises), and
    # deriving it is a SHA-1 and a UUID each time.
    return derived_id("park-calendar-year", str(year))


class ParkCalendarYear(Aggregate):
    """The park's overrides of the calendar for one year: date -> kind of day."""

    class Event(Aggregate.Event):
        """The base of ``ParkCalendarYear``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Started(Aggregate.Created, Event):
        year: int

    class DaySet(Event):
        day: date
        kind: ParkDay
        actor: Actor

        def apply(self, year: ParkCalendarYear) -> None:
            year.overrides[self.day.isoformat()] = self.kind.value

    def __init__(self, year: int) -> None:
        self.year = year
        self.overrides: dict[str, str] = {}

    @classmethod
    def start(cls, year: int) -> ParkCalendarYear:
        return cls._create(cls.Started, id=calendar_year_id(year), year=year)

    def override(self, day: date) -> ParkDay | None:
        kind = self.overrides.get(day.isoformat())
        return None if kind is None else ParkDay(kind)

    def set_day(self, park: Park, actor: Actor, day: date, kind: ParkDay) -> None:
        """An administrator says what kind of day ``day`` is in the park."""
        park.require_administrator(actor)
        if day.year != self.year:
            raise ValueError(f"{day} is not in {self.year}")
        self.trigger_event(self.DaySet, day=day, kind=kind, actor=actor)


def kind_of_day(year: ParkCalendarYear | None, day: date, official: ParkDay) -> ParkDay:
    """The kind of ``day`` in the park: the administrators' override in ``year`` (the overrides
    of ``day``'s year, None when there are none), else the ``official`` calendar's kind."""
    if year is not None:
        if year.year != day.year:
            raise ValueError(f"{day} is not in {year.year}")
        override = year.override(day)
        if override is not None:
            return override
    return official
