"""Park time: half-open time slots of aware instants, and business dates in Asia/Shanghai."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import PARK_TZ, InvalidInput, Minutes, TimeSlot, business_date, park_time
from sharemarket.domain.time import week_of
from tests.strategies import business_dates, park_instants, time_slots

DAY = date(2026, 3, 2)  # a Monday


def test_park_zone_is_shanghai():
    """Park wall-clock time is UTC+8 all year (China has no daylight saving time)."""
    assert timedelta(hours=8) == park_time(DAY, 8).utcoffset()
    assert timedelta(hours=8) == park_time(date(2026, 7, 1), 8).utcoffset()
    assert "Asia/Shanghai" == str(PARK_TZ)


def test_business_date_is_the_date_in_the_park():
    """An instant late on 1 March in UTC is already 2 March in the park."""
    instant = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    assert DAY == business_date(instant)


@given(park_instants())
def test_business_date_does_not_depend_on_the_zone_of_the_instant(instant):
    """The same instant written in UTC or in park time falls on the same business date."""
    assert business_date(instant) == business_date(instant.astimezone(UTC))
    assert instant.date() == business_date(instant)


def test_naive_datetimes_are_refused():
    """An instant without a time zone is ambiguous: slots and business dates refuse it."""
    naive = datetime(2026, 3, 2, 8, 0)
    with pytest.raises(InvalidInput, match="no time zone"):
        TimeSlot(naive, naive + timedelta(hours=1))
    with pytest.raises(InvalidInput, match="no time zone"):
        business_date(naive)
    with pytest.raises(InvalidInput, match="no time zone"):
        TimeSlot.on(DAY, (8, 0), (9, 0)).contains(naive)


def test_a_date_is_not_an_instant():
    """A slot takes datetimes; a plain date is a programming error."""
    with pytest.raises(TypeError):
        TimeSlot(DAY, DAY + timedelta(days=1))


@given(park_instants(), st.integers(min_value=-600, max_value=0))
def test_a_slot_must_end_after_it_starts(start, minutes_later):
    """An empty or reversed slot is refused."""
    with pytest.raises(InvalidInput, match="must be later than the start"):
        TimeSlot(start, start + timedelta(minutes=minutes_later))


@given(park_instants(), st.integers(min_value=1, max_value=59))
def test_a_slot_is_whole_minutes(start, seconds):
    """A slot lasts a whole number of minutes."""
    with pytest.raises(InvalidInput, match="not whole minutes"):
        TimeSlot(start, start + timedelta(minutes=30, seconds=seconds))


@given(time_slots())
def test_duration_is_the_minutes_between_start_and_end(slot):
    """duration is end - start in whole minutes."""
    assert Minutes((slot.end - slot.start) // timedelta(minutes=1)) == slot.duration


@given(time_slots(), time_slots())
def test_overlap_is_symmetric(a, b):
    """a overlaps b exactly when b overlaps a."""
    assert a.overlaps(b) == b.overlaps(a)


@given(time_slots())
def test_a_slot_overlaps_and_contains_itself(slot):
    """A slot overlaps and contains itself."""
    assert slot.overlaps(slot)
    assert slot.contains(slot)


@given(time_slots(), st.integers(min_value=1, max_value=600))
def test_touching_slots_do_not_overlap(slot, minutes):
    """Half-open: a slot starting when another ends does not overlap it (back-to-back bookings)."""
    following = TimeSlot(slot.end, slot.end + timedelta(minutes=minutes))
    assert not slot.overlaps(following)
    assert not following.overlaps(slot)


@given(time_slots())
def test_start_is_inside_and_end_is_outside(slot):
    """The start instant belongs to the slot, the end instant does not."""
    assert slot.contains(slot.start)
    assert not slot.contains(slot.end)
    assert not slot.contains(slot.start - timedelta(microseconds=1))


@given(time_slots(), time_slots())
def test_containment_implies_overlap(a, b):
    """If a contains b, they overlap."""
    if a.contains(b):
        assert a.overlaps(b)


@given(time_slots(), st.data())
def test_a_sub_slot_is_contained(slot, data):
    """Any slot cut from inside another is contained in it and overlaps it."""
    total = slot.duration.value
    offset = data.draw(st.integers(min_value=0, max_value=total - 1))
    length = data.draw(st.integers(min_value=1, max_value=total - offset))
    start = slot.start + timedelta(minutes=offset)
    inner = TimeSlot(start, start + timedelta(minutes=length))
    assert slot.contains(inner)
    assert slot.overlaps(inner)


@given(time_slots(), time_slots())
def test_overlap_agrees_with_a_shared_instant(a, b):
    """Two slots overlap exactly when the later start lies inside both."""
    later_start = max(a.start, b.start)
    assert (a.contains(later_start) and b.contains(later_start)) == a.overlaps(b)


@given(time_slots(), time_slots(), st.sampled_from([UTC, timezone(timedelta(hours=-5))]))
def test_zones_do_not_change_the_answers(a, b, zone):
    """The same slots written in another zone are equal and overlap/contain the same way."""
    a2 = TimeSlot(a.start.astimezone(zone), a.end.astimezone(zone))
    b2 = TimeSlot(b.start.astimezone(zone), b.end.astimezone(zone))
    assert a == a2
    assert a.overlaps(b) == a2.overlaps(b2)
    assert a.overlaps(b) == a.overlaps(b2)
    assert a.contains(b) == a2.contains(b)


def test_str_shows_park_wall_clock_time():
    """str() reads in park time, with the date once when the slot stays within a day."""
    assert "2026-03-02 08:00-12:00" == str(TimeSlot.on(DAY, (8, 0), (12, 0)))
    night = TimeSlot(park_time(DAY, 22), park_time(DAY + timedelta(days=1), 6))
    assert "2026-03-02 22:00-2026-03-03 06:00" == str(night)
    in_utc = TimeSlot(datetime(2026, 3, 2, 0, 0, tzinfo=UTC), datetime(2026, 3, 2, 4, tzinfo=UTC))
    assert "2026-03-02 08:00-12:00" == str(in_utc)


def test_on_builds_a_slot_of_a_business_day():
    """TimeSlot.on(day, (8, 0), (12, 30)) lasts 4h30 in park time."""
    slot = TimeSlot.on(DAY, (8, 0), (12, 30))
    assert park_time(DAY, 8) == slot.start
    assert Minutes(270) == slot.duration


@given(business_dates())
def test_week_of_is_the_monday_to_sunday_week(day):
    """week_of gives the Monday and Sunday of the calendar week holding the day."""
    monday, sunday = week_of(day)
    assert 0 == monday.weekday()
    assert timedelta(days=6) == sunday - monday
    assert monday <= day <= sunday


BERLIN = ZoneInfo("Europe/Berlin")


def test_a_slot_across_a_dst_change_elsewhere_lasts_its_real_length():
    """A slot given in a zone with daylight saving lasts the time that really passes: 01:30 to
    03:30 in Berlin on the night clocks go forward is one hour, not two."""
    slot = TimeSlot(
        datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN), datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)
    )
    assert Minutes(60) == slot.duration
    assert "2026-03-29 08:30-09:30" == str(slot)


def test_slots_in_the_repeated_hour_elsewhere_are_told_apart():
    """When Berlin's clocks go back, 02:00-02:30 happens twice; the two slots do not overlap."""
    first = TimeSlot(
        datetime(2026, 10, 25, 2, 0, tzinfo=BERLIN), datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)
    )
    second = TimeSlot(
        datetime(2026, 10, 25, 2, 0, fold=1, tzinfo=BERLIN),
        datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN),
    )
    assert not first.overlaps(second)
    assert first != second


@given(time_slots(), st.sampled_from([UTC, ZoneInfo("America/New_York")]))
def test_slots_are_held_in_park_time(slot, zone):
    """Whatever zone the instants come in, the slot holds them in park time (UTC+8)."""
    moved = TimeSlot(slot.start.astimezone(zone), slot.end.astimezone(zone))
    assert (PARK_TZ, PARK_TZ) == (moved.start.tzinfo, moved.end.tzinfo)
    assert slot.duration == moved.duration
