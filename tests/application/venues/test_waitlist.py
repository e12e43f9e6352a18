"""The waitlist: a firm waits for a taken slot; a cancellation offers it to the first firm
waiting, held until the offer lapses; accepting books it; a lapsed offer passes to the next."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sharemarket import (
    Actor,
    BookingStatus,
    PermissionDenied,
    VenueSlotFree,
    VenueSlotTaken,
    WaitlistOfferMissing,
)
from sharemarket.domain.time import PARK_TZ
from tests.venues_support import (
    ADMIN,
    HOST_REP,
    MONDAY,
    NOW,
    A,
    B,
    book,
    establish,
    open_room,
    slot,
)

MORNING = slot(MONDAY, (9, 0), (11, 0))


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 1, hour, minute, tzinfo=PARK_TZ)  # the Sunday before


def test_a_cancelled_slot_goes_to_the_first_firm_waiting(market):
    establish(market)
    room = open_room(market)
    market.park.admit_firm(
        ADMIN,
        request_id="admit-c",
        firm="91350526MA00000139",
        name="third",
        industry="x",
        size="micro",
        representatives=["rep-c"],
    )
    c = Actor.for_firm("rep-c", "91350526MA00000139")
    v = market.venues
    booked = book(market, room, "a", MORNING, A)
    head = market.event_log.head()
    with pytest.raises(VenueSlotFree):
        v.join_waitlist(
            B,
            request_id="w0",
            venue=room,
            slot=slot(MONDAY, (14, 0), (15, 0)),
            attendees=5,
            purpose="meeting",
            as_of=NOW,
        )
    assert head == market.event_log.head()
    first = v.join_waitlist(
        B, request_id="w1", venue=room, slot=MORNING, attendees=5, purpose="meeting", as_of=NOW
    )
    second = v.join_waitlist(
        c,
        request_id="w2",
        venue=room,
        slot=slot(MONDAY, (10, 0), (11, 0)),
        attendees=5,
        purpose="meeting",
        as_of=NOW,
    )
    assert [first, second] == [e.entry_id for e in v.waitlist(room, MONDAY)]

    v.cancel(A, request_id="cancel", booking=booked, as_of=at(10))
    offers = {e.entry_id: e.offered_until for e in v.waitlist(room, MONDAY)}
    assert {first: at(11), second: None} == offers  # held one hour (offer_hold)
    with pytest.raises(VenueSlotTaken):  # the offered slot is held for the waiting firm
        book(market, room, "other", slot(MONDAY, (10, 0), (10, 30)), A, as_of=at(10, 30))
    with pytest.raises(PermissionDenied):
        v.accept_offer(c, request_id="x", venue=room, day=MONDAY, entry=first, as_of=at(10, 30))

    taken = v.accept_offer(
        B, request_id="take", venue=room, day=MONDAY, entry=first, as_of=at(10, 30)
    )
    assert BookingStatus.CONFIRMED == v.booking(taken).status
    assert [taken] == [b for b, _ in v.day(room, MONDAY).bookings]
    assert [second] == [e.entry_id for e in v.waitlist(room, MONDAY)]


def test_a_lapsed_offer_passes_to_the_next_firm_waiting(market):
    establish(market)
    room = open_room(market)
    v = market.venues
    booked = book(market, room, "host", MORNING, HOST_REP)
    first = v.join_waitlist(
        A, request_id="w1", venue=room, slot=MORNING, attendees=5, purpose="meeting", as_of=NOW
    )
    second = v.join_waitlist(
        B, request_id="w2", venue=room, slot=MORNING, attendees=5, purpose="meeting", as_of=NOW
    )
    v.cancel(HOST_REP, request_id="cancel", booking=booked, as_of=at(10))
    late = at(11) + timedelta(minutes=1)
    head = market.event_log.head()
    with pytest.raises(WaitlistOfferMissing):
        v.accept_offer(A, request_id="late", venue=room, day=MONDAY, entry=first, as_of=late)
    assert head == market.event_log.head()
    # B's booking elsewhere that day, after the lapse, passes the offer on to B.
    book(market, room, "b-later", slot(MONDAY, (15, 0), (16, 0)), B, as_of=late)
    assert [(second, late + timedelta(hours=1))] == [
        (e.entry_id, e.offered_until) for e in v.waitlist(room, MONDAY)
    ]
    taken = v.accept_offer(
        B,
        request_id="take",
        venue=room,
        day=MONDAY,
        entry=second,
        as_of=late + timedelta(minutes=5),
    )
    assert v.booking(taken).firm == B.firm
