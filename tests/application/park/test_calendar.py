"""China's calendar in the park: statutory holidays, days off moved around them and the weekend
days worked instead (调休), from the holidays package; the park overrides a date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from sharemarket import (
    OpeningHours,
    ParkDay,
    PermissionDenied,
    TimeSlot,
    VenueClosedAtTime,
    VenueRules,
)
from sharemarket.application.park.calendar import china_day, park_day, park_days
from sharemarket.domain.time import PARK_TZ
from tests.venues_support import ADMIN, A, book, establish, open_room

# The State Council's 2026 calendar: Spring Festival 15-23 February, with Saturday 14 and
# Saturday 28 February worked; Labour Day 1-5 May, with Saturday 9 May worked.
CALENDAR_2026 = {
    date(2026, 2, 14): ParkDay.WORKDAY,  # a Saturday worked (调休)
    date(2026, 2, 15): ParkDay.REST_DAY,  # a Sunday
    date(2026, 2, 17): ParkDay.STATUTORY_HOLIDAY,  # Spring Festival
    date(2026, 2, 20): ParkDay.REST_DAY,  # a Friday off, moved from the 14th
    date(2026, 2, 28): ParkDay.WORKDAY,
    date(2026, 5, 1): ParkDay.STATUTORY_HOLIDAY,
    date(2026, 5, 9): ParkDay.WORKDAY,
    date(2026, 10, 1): ParkDay.STATUTORY_HOLIDAY,
    date(2026, 3, 2): ParkDay.WORKDAY,
    date(2026, 3, 7): ParkDay.REST_DAY,
}


@pytest.mark.parametrize(("day", "kind"), sorted(CALENDAR_2026.items()))
def test_chinas_calendar_of_2026(day, kind):
    assert kind == china_day(day)


def test_a_venue_following_the_park_calendar_closes_on_holidays_and_opens_on_adjusted_days(
    market,
):
    """Weekdays 09:00-17:30: closed on Friday 20 February (a day off), open on Saturday 28
    February (worked) with Monday's hours; the same venue without the calendar does the
    opposite. An administrator makes 2 March a rest day: closed."""
    establish(market)
    weekdays = OpeningHours.on(range(5), "09:00", "17:30")
    follows = open_room(
        market, VenueRules(capacity=10, opening=weekdays, follows_park_calendar=True), "follows"
    )
    plain = open_room(market, VenueRules(capacity=10, opening=weekdays), "plain")
    now = datetime(2026, 2, 10, 9, tzinfo=PARK_TZ)
    friday_off, saturday_worked = date(2026, 2, 20), date(2026, 2, 28)
    for venue, open_day, closed_day in (
        (follows, saturday_worked, friday_off),
        (plain, friday_off, saturday_worked),
    ):
        head = market.event_log.head()
        with pytest.raises(VenueClosedAtTime):
            book(market, venue, f"c-{venue}", TimeSlot.on(closed_day, (10, 0), (11, 0)), as_of=now)
        assert head == market.event_log.head()
        book(market, venue, f"o-{venue}", TimeSlot.on(open_day, (10, 0), (11, 0)), as_of=now)
    assert [] == market.venues.free_slots(follows, friday_off, friday_off)
    assert [
        TimeSlot.on(saturday_worked, (9, 0), (10, 0)),
        TimeSlot.on(saturday_worked, (11, 0), (17, 30)),
    ] == market.venues.free_slots(follows, saturday_worked, saturday_worked)

    with pytest.raises(PermissionDenied):
        market.park.set_park_day(A, request_id="x", day=date(2026, 3, 2), kind="rest_day")
    market.park.set_park_day(ADMIN, request_id="close", day=date(2026, 3, 2), kind="rest_day")
    assert ParkDay.REST_DAY == market.park.park_day(date(2026, 3, 2))
    with pytest.raises(VenueClosedAtTime):
        book(market, follows, "m", TimeSlot.on(date(2026, 3, 2), (10, 0), (11, 0)), as_of=now)
    book(market, plain, "m", TimeSlot.on(date(2026, 3, 2), (10, 0), (11, 0)), as_of=now)


def test_the_kinds_of_a_range_of_days_read_each_year_once_and_agree_day_by_day(
    market, monkeypatch
) -> None:
    """Across a new year, with an override in each year: the range's kinds are the kinds of
    its days one by one, and each year's overrides are read once (two reads, not thirty)."""
    establish(market)
    market.park.set_park_day(ADMIN, request_id="d26", day=date(2026, 12, 30), kind="rest_day")
    market.park.set_park_day(ADMIN, request_id="d27", day=date(2027, 1, 4), kind="rest_day")
    days = [date(2026, 12, 20) + timedelta(days=n) for n in range(30)]
    loader = market.park._loader
    one_by_one = {day: park_day(loader, day) for day in days}
    reads = []
    real = loader.read_only

    def counted(cls, aggregate_id, **options):
        reads.append(aggregate_id)
        return real(cls, aggregate_id, **options)

    monkeypatch.setattr(loader, "read_only", counted)
    assert one_by_one == park_days(loader, days)
    assert ParkDay.REST_DAY == one_by_one[date(2026, 12, 30)] == one_by_one[date(2027, 1, 4)]
    assert 2 == len(reads)
