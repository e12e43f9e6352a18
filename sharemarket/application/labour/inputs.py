"""What the labour service's methods take: the types of minutes and money they accept, and the
day type a work date counts as when the caller names none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sharemarket.application.kernel.inputs import as_minutes
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park import calendar as park_calendar
from sharemarket.domain.duration import Minutes
from sharemarket.domain.labour.policy import DayType, day_type_on
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date

MinutesIn = Minutes | int
MoneyIn = Money | Decimal | str | int


def default_day_type(
    loader: Loader,
    day_type: DayType | str | None,
    work_date: date,
    minutes: MinutesIn | None = None,
) -> DayType | str:
    """The caller's day type as given (it stands, even against the calendar); when none is
    given, the park's kind of the work date: China's calendar with the park's overrides.
    Clearing a day's home hours (zero minutes) takes no day type: it stays a workday, as
    it was recorded before the calendar was read."""
    if day_type is not None:
        return day_type
    if minutes is not None and as_minutes(minutes, "minutes").value == 0:
        return DayType.WORKDAY
    day = check_business_date(work_date, "work_date")
    year = park_calendar.calendar_year(loader, day.year)
    return day_type_on(year, day, park_calendar.china_day(day))
