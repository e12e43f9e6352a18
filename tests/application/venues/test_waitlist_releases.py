"""Every release offers the freed slot to the first firm waiting for it, in the same command: a
host's decline, a blackout cancelling bookings, a no-show, a series cancelled from a date; a
firm leaves the waitlist (its held offer passes on); a host lifts a blackout."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sharemarket import (
    NotFound,
    PermissionDenied,
    Recurrence,
    VenueBlackedOut,
    VenueRules,
)
from sharemarket.domain.time import PARK_TZ
from tests.venues_support import (
    HOST_REP,
    MONDAY,
    NOW,
    RULES,
    A,
    B,
    book,
    establish,
    open_room,
    slot,
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARK_TZ)


def wait(market, room, key, when, actor=B):
    return market.venues.join_waitlist(
        actor, request_id=key, venue=room, slot=when, attendees=5, purpose="training", as_of=NOW
    )


def offered(market, room, day):
    return {e.entry_id: e.offered_until for e in market.venues.waitlist(room, day)}


def test_a_hosts_decline_offers_the_slot_in_the_same_command(market):
    establish(market)
    room = open_room(market, VenueRules(capacity=30, approval_required=True))
    pending = book(market, room, "a", slot(MONDAY, (9, 0), (10, 0)))
    entry = wait(market, room, "w", slot(MONDAY, (9, 0), (10, 0)))
    assert {entry: None} == offered(market, room, MONDAY)
    market.venues.decline(HOST_REP, request_id="no", booking=pending, reason="own use", as_of=NOW)
    assert {entry: at(date(2026, 2, 27), 11)} == offered(market, room, MONDAY)


def test_a_decline_without_a_time_leaves_the_offer_to_the_next_command_with_one(market):
    """As recorded before declines took a time: the slot is offered by the next command that
    meets the day with an ``as_of`` (here a firm joining the waitlist)."""
    establish(market)
    room = open_room(market, VenueRules(capacity=30, approval_required=True))
    pending = book(market, room, "a", slot(MONDAY, (9, 0), (10, 0)))
    entry = wait(market, room, "w", slot(MONDAY, (9, 0), (10, 0)))
    market.venues.decline(HOST_REP, request_id="no", booking=pending, reason="own use")
    assert {entry: None} == offered(market, room, MONDAY)
    book(market, room, "other", slot(MONDAY, (14, 0), (15, 0)))
    assert {entry: at(date(2026, 2, 27), 11)} == offered(market, room, MONDAY)


def test_a_blackout_cancelling_a_booking_offers_what_it_leaves_free(market):
    """The booking 09:00-11:00 (15-minute buffer) kept a firm waiting for 11:00-12:00; a
    blackout 09:00-10:00 cancels it, and 11:00-12:00 is offered at once."""
    establish(market)
    room = open_room(market)
    book(market, room, "a", slot(MONDAY, (9, 0), (11, 0)))
    entry = wait(market, room, "w", slot(MONDAY, (11, 0), (12, 0)))
    market.venues.place_blackout(
        HOST_REP, request_id="dark", venue=room, slot=slot(MONDAY, (9, 0), (10, 0)),
        reason="kiln maintenance", over_bookings="cancel_bookings", as_of=NOW,
    )  # fmt: skip
    assert {entry: at(date(2026, 2, 27), 11)} == offered(market, room, MONDAY)


def test_a_no_show_frees_the_rest_of_the_slot_for_a_firm_waiting_after_it(market):
    """A no-show recorded at 09:15 frees 09:00-11:00: the firm waiting for 11:00-12:00 (kept
    out by the buffer) is offered it; an entry for the no-show's own slot has lapsed, its
    start being past."""
    establish(market)
    room = open_room(market)
    missed = book(market, room, "a", slot(MONDAY, (9, 0), (11, 0)))
    entry = wait(market, room, "w", slot(MONDAY, (11, 0), (12, 0)))
    market.venues.record_no_show(HOST_REP, request_id="ns", booking=missed, as_of=at(MONDAY, 9, 15))
    assert {entry: at(MONDAY, 10)} == offered(market, room, MONDAY)


def test_a_series_cancelled_from_a_date_offers_each_freed_date(market):
    establish(market)
    room = open_room(market)
    series = market.venues.book_series(
        A, request_id="s", venue=room, attendees=5, purpose="training", as_of=NOW,
        recurrence=Recurrence(first_day=MONDAY, last_day=date(2026, 3, 9), weekdays=[0],
                              starts="09:00", ends="10:00"),
    )  # fmt: skip
    later = date(2026, 3, 9)
    entry = wait(market, room, "w", slot(later, (9, 0), (10, 0)))
    market.venues.cancel_series(
        A, request_id="c", series=series.series_id, from_day=later, as_of=NOW
    )
    assert {entry: at(date(2026, 2, 27), 11)} == offered(market, room, later)


def test_a_firm_leaves_the_waitlist_and_its_offer_passes_to_the_next(market):
    establish(market)
    room = open_room(market)
    first = book(market, room, "a", slot(MONDAY, (9, 0), (10, 0)), A)
    mine = wait(market, room, "w-b", slot(MONDAY, (9, 0), (10, 0)), B)
    theirs = wait(market, room, "w-host", slot(MONDAY, (9, 0), (10, 0)), HOST_REP)
    market.venues.cancel(A, request_id="c", booking=first, as_of=NOW)
    assert {mine: at(date(2026, 2, 27), 11), theirs: None} == offered(market, room, MONDAY)
    v = market.venues
    head = market.event_log.head()
    with pytest.raises(PermissionDenied):
        v.leave_waitlist(A, request_id="x", venue=room, day=MONDAY, entry=mine, as_of=NOW)
    with pytest.raises(NotFound):
        v.leave_waitlist(B, request_id="y", venue=room, day=MONDAY, entry=first, as_of=NOW)
    assert head == market.event_log.head()
    v.leave_waitlist(B, request_id="leave", venue=room, day=MONDAY, entry=mine, as_of=NOW)
    assert {theirs: at(date(2026, 2, 27), 11)} == offered(market, room, MONDAY)


def test_a_host_lifts_a_blackout_and_the_slot_can_be_booked_again(market):
    establish(market)
    room = open_room(market, RULES)
    market.venues.place_blackout(
        HOST_REP, request_id="dark", venue=room, slot=slot(MONDAY, (9, 0), (12, 0)),
        reason="kiln maintenance",
    )  # fmt: skip
    with pytest.raises(VenueBlackedOut):
        book(market, room, "a", slot(MONDAY, (9, 0), (10, 0)))
    (blackout,) = market.venues.day(room, MONDAY).blackout_ids
    head = market.event_log.head()
    with pytest.raises(PermissionDenied):
        market.venues.lift_blackout(
            A, request_id="x", venue=room, day=MONDAY, blackout=blackout, as_of=NOW
        )
    with pytest.raises(NotFound):
        market.venues.lift_blackout(
            HOST_REP, request_id="y", venue=room, day=date(2026, 3, 3), blackout=blackout,
            as_of=NOW,
        )  # fmt: skip
    assert head == market.event_log.head()
    market.venues.lift_blackout(
        HOST_REP, request_id="lift", venue=room, day=MONDAY, blackout=blackout, as_of=NOW
    )
    assert () == market.venues.day(room, MONDAY).blackouts
    book(market, room, "a", slot(MONDAY, (9, 0), (10, 0)))
