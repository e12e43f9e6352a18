"""The park's calendar of days: workdays, rest days and statutory holidays, with 调休.

China's statutory holidays move each year and weekend days are swapped for working days around
them (调休): a Sunday can be a working day. The application reads the calendar from a maintained
library; the park's administrators can override any date (a calendar not yet published, a local
closure). A venue whose rules follow the park's calendar closes on rest days and holidays and
opens on adjusted working days. The overrides of a year are one bounded aggregate.
"""

from __future__ import annotations

import enum
from datetime import date
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


def calendar_year_id(year: int) -> UUID:
    return derived_id("park-calendar-year", str(year))


class ParkCalendarYear(Aggregate):
    """The park's overrides of the calendar for one year: date -> kind of day."""

    class Started(Aggregate.Created):
        year: int

    class DaySet(Aggregate.Event):
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
