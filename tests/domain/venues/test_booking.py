"""A booking's steps: check-in window, no-show time, late cancellation, completion and its fee."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import uuid4

import pytest

from sharemarket import (
    Actor,
    BookingCheckInClosed,
    BookingNoShowTooEarly,
    BookingNotLive,
    BookingStatus,
    FirmId,
    FirmSize,
    Money,
    TimeSlot,
    VenueKind,
    VenueRules,
)
from sharemarket.domain.park.membership import Park
from sharemarket.domain.venues.booking import Booking
from tests.domain.park.records import consulting

HOST, BOOKER = "91350100M000100Y43", "91110000802100433B"
ADMIN = Actor.administrator("admin-1")
HOST_REP, REP = Actor.for_firm("host-1", HOST), Actor.for_firm("rep-1", BOOKER)
SLOT = TimeSlot.on(date(2026, 3, 2), (9, 0), (11, 0))
RULES = VenueRules(capacity=10, fee_per_hour=Money.of("25.00"), late_cancellation=120)


def park() -> Park:
    p = consulting(Park.establish(name="Dehua", administrator="admin-1"))
    for firm, rep in ((HOST, "host-1"), (BOOKER, "rep-1")):
        p.admit_firm(
            ADMIN,
            firm=FirmId(firm),
            name="f",
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=[rep],
        )
    return p


def booking() -> Booking:
    return Booking.request(
        REP,
        booking_id=uuid4(),
        venue_id=uuid4(),
        venue_name="activity room",
        kind=VenueKind.ACTIVITY_ROOM,
        host=HOST_REP.firm,
        firm=REP.firm,
        slot=SLOT,
        attendees=5,
        purpose="training",
        rules=RULES,
    )


def at(minutes_from_start: int) -> datetime:
    return SLOT.start + timedelta(minutes=minutes_from_start)


@pytest.mark.parametrize(
    ("offset", "admitted"), [(-16, False), (-15, True), (14, True), (15, False)]
)
def test_check_in_opens_15_minutes_before_and_closes_at_the_no_show_time(offset, admitted):
    b = booking()
    if admitted:
        b.check_in(park(), REP, at(offset))
        assert BookingStatus.CHECKED_IN == b.status
    else:
        with pytest.raises(BookingCheckInClosed):
            b.check_in(park(), REP, at(offset))


def test_a_no_show_only_from_the_no_show_time_and_then_no_check_in():
    b = booking()
    with pytest.raises(BookingNoShowTooEarly):
        b.record_no_show(park(), HOST_REP, at(14))
    b.record_no_show(park(), HOST_REP, at(15))
    assert BookingStatus.NO_SHOW == b.status
    with pytest.raises(BookingNotLive):
        b.check_in(park(), REP, at(10))


@pytest.mark.parametrize(
    ("offset", "status"),
    [
        (-121, BookingStatus.CANCELLED),
        (-120, BookingStatus.CANCELLED),
        (-119, BookingStatus.CANCELLED_LATE),
        (30, BookingStatus.CANCELLED_LATE),
    ],
)
def test_a_cancellation_within_the_notice_counts_as_a_no_show(offset, status):
    b = booking()
    b.cancel(park(), REP, at(offset))
    assert status == b.status
    assert status.counts_in_quota is (status is BookingStatus.CANCELLED_LATE)
    assert not status.holds_slot


def test_completion_posts_the_minutes_and_the_fee_of_the_rules_it_was_made_under():
    b = booking()
    b.check_in(park(), REP, at(0))
    b.complete(park(), HOST_REP, SLOT.end)
    done = b.collect_events()[-1]
    assert (120, Money.of("50.00")) == (done.minutes, done.fee)
