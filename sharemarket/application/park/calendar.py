"""The park's calendar of days: China's, from the ``holidays`` package, with the park's overrides.

``holidays`` (the vacanza/holidays project, released monthly) carries the State Council's
calendar of each year: the statutory holidays, the days off moved around them, and the weekend
days worked instead (调休, its ``weekend_workdays``). It was chosen over ``chinese-calendar``
because it is maintained by many hands across every country with frequent releases, exposes the
adjusted working days as data, and answers for any year (a year not yet published has its
fixed-date holidays only; the park overrides what it must), where ``chinese-calendar`` raises for
a year it does not carry.

Until the calendar moved to the park slice this module was
``sharemarket.application.venues.china_calendar``; its functions kept their names.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.park.calendar import (
    ParkCalendarYear,
    ParkDay,
    calendar_year_id,
    kind_of_day,
)


@lru_cache(maxsize=32)
def _china(year: int) -> tuple[dict[date, str], frozenset[date]]:
    import holidays  # here, not above: a process that never asks for a day does not pay it

    days = holidays.country_holidays("CN", years=year, language="en_US")
    off = {d: str(name) for d, name in days.items() if d.year == year}
    return off, frozenset(d for d in days.weekend_workdays if d.year == year)


def china_day(day: date) -> ParkDay:
    """The kind of ``day`` in China's official calendar."""
    off, worked = _china(day.year)
    name = off.get(day)
    if name is not None:
        # "Day off (substituted from ...)" and "... (observed)" are rest days moved by 调休; the
        # others are the statutory holidays themselves (paid at 300 % when worked).
        moved = name.startswith("Day off") or name.endswith("(observed)")
        return ParkDay.REST_DAY if moved else ParkDay.STATUTORY_HOLIDAY
    if day in worked:
        return ParkDay.WORKDAY
    return ParkDay.REST_DAY if day.weekday() >= 5 else ParkDay.WORKDAY


def calendar_year(
    loader: Loader, year: int, *, trust_cache: bool = False
) -> ParkCalendarYear | None:
    """The park's overrides of ``year``, read only (None when it has none); with
    ``trust_cache``, as this process last read them, without asking the store (for a value a
    unit of work checks again: see ``Loader.read_only``)."""
    return loader.read_only(ParkCalendarYear, calendar_year_id(year), trust_cache=trust_cache)


def park_day(loader: Loader, day: date) -> ParkDay:
    """The kind of ``day`` in the park: an administrator's override, else China's calendar."""
    return kind_of_day(calendar_year(loader, day.year), day, china_day(day))


def park_days(loader: Loader, days: Iterable[date]) -> dict[date, ParkDay]:
    """The kind of each of ``days`` in the park, as :func:`park_day` gives it, reading each
    year's overrides once (a month's report or a deal's dates ask for many days of one year)."""
    years: dict[int, ParkCalendarYear | None] = {}
    kinds = {}
    for day in days:
        if day.year not in years:
            years[day.year] = calendar_year(loader, day.year)
        kinds[day] = kind_of_day(years[day.year], day, china_day(day))
    return kinds
