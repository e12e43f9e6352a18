"""What the labour service's methods take: the types of minutes and money they accept, and the
day type a work date counts as when the caller names none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from sharemarket.application.kernel.commands import PremisesChanged
from sharemarket.application.kernel.inputs import as_minutes
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park import calendar as park_calendar
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import ConcurrentUpdate
from sharemarket.domain.labour.policy import DayType, day_type_on
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date

MinutesIn = Minutes | int
MoneyIn = Money | Decimal | str | int
C = TypeVar("C")
R = TypeVar("R")

#: How often a command is built again when the park's calendar keeps moving under it.
CALENDAR_ATTEMPTS = 3


class CalendarDayMoved(PremisesChanged):
    """The park's calendar changed the kind of a work date after the command read it: the
    command is built again from a fresh read (never seen by callers)."""


def default_day_type(
    loader: Loader,
    day_type: DayType | str | None,
    work_date: date,
    minutes: MinutesIn | None = None,
    *,
    fresh: bool = True,
) -> DayType | str:
    """The caller's day type as given (it stands, even against the calendar); when none is
    given, the park's kind of the work date: China's calendar with the park's overrides.
    Clearing a day's home hours (zero minutes) takes no day type: it stays a workday, as
    it was recorded before the calendar was read.

    Without ``fresh`` the park's overrides are read as this process last saw them, without a
    query: the command's ``check_premises`` (:func:`require_calendar_day`), which the unit of
    work runs before it decides, checks the day type against the calendar again, and the save
    verifies that read."""
    if day_type is not None:
        return day_type
    if minutes is not None and as_minutes(minutes, "minutes").value == 0:
        return DayType.WORKDAY
    day = check_business_date(work_date, "work_date")
    year = park_calendar.calendar_year(loader, day.year, trust_cache=not fresh)
    return day_type_on(year, day, park_calendar.china_day(day))


def from_calendar(day_type: DayType | str | None, minutes: MinutesIn | None = None) -> bool:
    """Whether the command's day type is read from the calendar (the caller gave none)."""
    if day_type is not None:
        return False
    return minutes is None or as_minutes(minutes, "minutes").value != 0


def require_calendar_day(loader: Loader, calendar_day: bool, day: date, day_type: DayType) -> None:
    """In the unit of work: a day type read from the calendar is still the calendar's (the
    read is registered with the unit, so its save checks it did not move since)."""
    if not calendar_day:
        return
    year = park_calendar.calendar_year(loader, day.year)
    if day_type_on(year, day, park_calendar.china_day(day)) is not day_type:
        raise CalendarDayMoved(f"the park's calendar changed the kind of {day}")


def run_on_calendar(run: Callable[[C], R], build: Callable[[bool], C]) -> R:
    """Run the command ``build(fresh)`` makes: first from the calendar as last read (no
    query), again from a fresh read if the calendar moved meanwhile."""
    for attempt in range(CALENDAR_ATTEMPTS):
        try:
            return run(build(attempt > 0))
        except CalendarDayMoved:
            continue
    raise ConcurrentUpdate(
        f"the park's calendar changed {CALENDAR_ATTEMPTS} times while a command read it; try "
        "again with the same request id"
    )
