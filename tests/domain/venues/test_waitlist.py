"""The waitlist in a day's calendar: bounded, offers in turn, withdrawn by a blackout."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID, uuid4

import pytest

from sharemarket import (
    Actor,
    FirmId,
    FirmSize,
    TimeSlot,
    VenueKind,
    VenueRules,
    VenueWaitlistFull,
)
from sharemarket.domain.park.membership import Park
from sharemarket.domain.time import PARK_TZ
from sharemarket.domain.venues import waitlist
from sharemarket.domain.venues.blackout import OverBookings, black_out, spans_of
from sharemarket.domain.venues.calendar import VenueDay
from sharemarket.domain.venues.rules import DaySpan
from sharemarket.domain.venues.venue import Venue
from tests.domain.park.records import consulting

DAY = date(2026, 3, 2)
NOW = datetime(2026, 2, 27, 10, tzinfo=PARK_TZ)
HOST, BOOKER = FirmId("91350100M000100Y43"), FirmId("91110000802100433B")
HOST_REP, REP = Actor.for_firm("host-1", HOST), Actor.for_firm("rep-1", BOOKER)
SLOT = TimeSlot.on(DAY, (9, 0), (10, 0))


def scene() -> tuple[Park, Venue, VenueDay]:
    park = consulting(Park.establish(name="Dehua", administrator="admin-1"))
    admin = Actor.administrator("admin-1")
    for firm, user in ((HOST, "host-1"), (BOOKER, "rep-1")):
        park.admit_firm(
            admin, firm=firm, name="f", industry="x", size=FirmSize.SMALL, representatives=[user]
        )
    venue = Venue.open(
        park,
        HOST_REP,
        venue_id=uuid4(),
        name="room",
        kind=VenueKind.MEETING_ROOM,
        rules=VenueRules(capacity=10),
    )
    calendar = VenueDay.start(venue.id, DAY)
    calendar.hold(HOST_REP, uuid4(), DaySpan.of(SLOT), 0, "room")
    return park, venue, calendar


def join(park: Park, venue: Venue, calendar: VenueDay) -> None:
    waitlist.join(
        park,
        REP,
        venue=venue,
        calendar=calendar,
        entry_id=uuid4(),
        slot=SLOT,
        attendees=3,
        purpose="training",
        as_of=NOW,
    )


def test_a_days_waitlist_holds_at_most_fifty_firms():
    park, venue, calendar = scene()
    for _ in range(waitlist.WAITING_MAX):
        join(park, venue, calendar)
    with pytest.raises(VenueWaitlistFull):
        join(park, venue, calendar)
    assert waitlist.WAITING_MAX == len(waitlist.entries(calendar))


def test_a_blackout_withdraws_an_offer_and_offers_pass_in_turn():
    park, venue, calendar = scene()
    join(park, venue, calendar)
    join(park, venue, calendar)
    first, second = (e.entry_id for e in waitlist.entries(calendar))
    (held,) = list(calendar.held)
    calendar.free(HOST_REP, UUID(held))
    waitlist.offer_freed(HOST_REP, calendar, venue.rules, NOW)
    offered = [e.entry_id for e in waitlist.entries(calendar) if e.offered_until is not None]
    assert [first] == offered  # the same slot: only the first is offered
    black_out(
        park,
        HOST_REP,
        venue=venue,
        blackout_id=uuid4(),
        calendars={DAY: calendar},
        spans=spans_of(SLOT),
        bookings={},
        usages={},
        over_bookings=OverBookings.REFUSE,
        reason="maintenance",
    )
    assert [second] == [e.entry_id for e in waitlist.entries(calendar)]
    assert {} == calendar.held
