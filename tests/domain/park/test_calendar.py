"""The park's calendar of days: an administrator's override beats the official calendar."""

from __future__ import annotations

from datetime import date

import pytest
from eventsourcing.utils import resolve_topic

import sharemarket.application.slices  # noqa: F401  (registers the old topics)
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import PermissionDenied
from sharemarket.domain.park.calendar import ParkCalendarYear, ParkDay, kind_of_day
from sharemarket.domain.park.membership import Park

ADMIN = Actor.administrator("admin-1")


def test_an_override_beats_the_official_kind_and_only_for_its_date():
    park = Park.establish(name="德化县城东陶瓷产业园", administrator="admin-1")
    year = ParkCalendarYear.start(2026)
    assert ParkDay.STATUTORY_HOLIDAY == kind_of_day(
        None, date(2026, 10, 1), ParkDay.STATUTORY_HOLIDAY
    )
    year.set_day(park, ADMIN, date(2026, 10, 1), ParkDay.WORKDAY)
    assert ParkDay.WORKDAY == kind_of_day(year, date(2026, 10, 1), ParkDay.STATUTORY_HOLIDAY)
    assert ParkDay.REST_DAY == kind_of_day(year, date(2026, 10, 3), ParkDay.REST_DAY)
    with pytest.raises(ValueError, match="is not in 2026"):
        kind_of_day(year, date(2027, 10, 1), ParkDay.WORKDAY)


def test_only_an_administrator_overrides_a_date():
    park = Park.establish(name="德化县城东陶瓷产业园", administrator="admin-1")
    year = ParkCalendarYear.start(2026)
    with pytest.raises(PermissionDenied):
        year.set_day(park, Actor.administrator("admin-9"), date(2026, 3, 2), ParkDay.REST_DAY)
    assert {} == year.overrides


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("ParkDay", ParkDay),
        ("ParkCalendarYear", ParkCalendarYear),
        ("ParkCalendarYear.Started", ParkCalendarYear.Started),
        ("ParkCalendarYear.DaySet", ParkCalendarYear.DaySet),
    ],
)
def test_the_topics_of_the_venues_slice_days_resolve_to_the_park_calendar(old, new):
    """Stores of version 2 hold the calendar's events under the venues slice's topics."""
    assert new is resolve_topic(f"sharemarket.domain.venues.park_days:{old}")
