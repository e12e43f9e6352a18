"""Venue matches through the application, on memory, SQLite and PostgreSQL: an accepted match
becomes the needing firm's booking request at the host's venue, the venues slice runs it, and
its outcome meets or frees the listings. Every refusal is checked twice: the error, and that
nothing was recorded."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import attrs

from sharemarket import (
    PARK_TZ,
    BookingStatus,
    DealOutcome,
    DealRef,
    InvalidInput,
    ListingStatus,
    MatchingDealNotComplete,
    MatchStatus,
    ShareMarket,
    TimeSlot,
    VenueKind,
    VenueNoticeTooShort,
    VenueRules,
    VenueSlotTaken,
    VenueTerms,
)
from tests.application.matching.test_lists import refused
from tests.matching_support import ADMIN, AVIATION, BIOMED, IDLE, NEEDS, OTHER, establish, post

ON = date(2026, 3, 2)


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=PARK_TZ)


def open_room(market: ShareMarket) -> UUID:
    """The aviation firm's training room, weekdays 09:00-17:30, each booking approved."""
    room: UUID = market.venues.open_venue(
        IDLE,
        request_id="room",
        name="training room",
        kind=VenueKind.TRAINING_ROOM,
        rules=VenueRules(capacity=40, approval_required=True),
    )
    return room


def venue_match(market: ShareMarket, *, named: bool = True) -> tuple[UUID, UUID, UUID, UUID]:
    """The biomedicine firm needs a room for 20 people, 4 hours, 9-13 March (from Monday);
    the aviation firm offers its room for 40, 6 hours, 10-20 March (from Tuesday)."""
    room = open_room(market)
    wants = VenueTerms(people=20, first_day=date(2026, 3, 9), last_day=date(2026, 3, 13), hours=4)
    hall = VenueTerms(
        people=40,
        first_day=date(2026, 3, 10),
        last_day=date(2026, 3, 20),
        hours=6,
        venue=room if named else None,
    )
    need = post(market, NEEDS, "room-need", wants, need=True)
    offer = post(market, IDLE, "room-offer", hall, need=False)
    match = market.matching.propose_match(NEEDS, request_id="m", need=need, offer=offer)
    market.matching.accept_match(NEEDS, request_id="yes-need", match=match)
    return room, need, offer, match


def agreed(market: ShareMarket) -> tuple[UUID, UUID, UUID, UUID, DealRef]:
    room, need, offer, match = venue_match(market)
    deal = market.matching.accept_match(IDLE, request_id="yes-host", match=match, at=at(2, 9))
    assert deal is not None
    return room, need, offer, match, deal


def test_an_accepted_venue_match_drafts_a_booking_request_at_the_host_venue(market):
    """The deal holds the listings' fields: the needing firm's booking at the named venue, on
    the first day both listings share, from the opening, for the hours covered, for the need's
    people; the day's calendar holds it and the firm's usage counts it; both listings and the
    match record it."""
    establish(market)
    room, need, offer, match, deal = agreed(market)
    assert deal.kind == "venue_booking"
    booking = market.venues.booking(deal.deal_id)
    assert (booking.firm.code, booking.host.code, booking.venue_id) == (BIOMED, AVIATION, room)
    assert booking.slot == TimeSlot(at(10, 9), at(10, 13))
    assert (booking.attendees, booking.status) == (20, BookingStatus.PENDING)
    day = market.venues.day(room, date(2026, 3, 10))
    assert day.bookings == ((deal.deal_id, booking.slot),)
    assert set(market.venues.usage(BIOMED, date(2026, 3, 10)).values()) == {(240, 1)}
    assert market.matching.match(match).deal == deal
    assert market.matching.listing(need).deals == {str(match): deal}
    assert market.matching.listing(offer).deals == {str(match): deal}


def test_a_completed_booking_meets_the_need(market):
    """The host approves, the firm checks in, the host completes the booking: the match is
    met and the need, all of its hours met, is fulfilled."""
    establish(market)
    _, need, _, match, deal = agreed(market)
    booking, venues = deal.deal_id, market.venues
    venues.approve(IDLE, request_id="ok", booking=booking)
    refused(
        market,
        MatchingDealNotComplete,
        lambda: market.matching.record_deal_outcome(NEEDS, request_id="early", match=match),
    )
    venues.check_in(NEEDS, request_id="in", booking=booking, at=at(10, 9))
    venues.complete(IDLE, request_id="used", booking=booking, as_of=at(10, 13))
    outcome = market.matching.record_deal_outcome(NEEDS, request_id="done", match=match)
    assert outcome is DealOutcome.COMPLETED
    assert market.matching.match(match).status is MatchStatus.MET
    assert market.matching.listing(need).status is ListingStatus.FULFILLED


def test_a_declined_booking_frees_the_listings(market):
    """The host declines the booking request: the deal fell through, the match lapses and frees
    what it held."""
    establish(market)
    _, need, offer, match, deal = agreed(market)
    market.venues.decline(IDLE, request_id="no", booking=deal.deal_id, reason="room repainted")
    outcome = market.matching.record_deal_outcome(IDLE, request_id="lapse", match=match)
    assert outcome is DealOutcome.FELL_THROUGH
    assert market.matching.match(match).status is MatchStatus.LAPSED
    assert market.matching.listing(need).available == 4
    assert market.matching.listing(offer).available == 6


def test_a_booking_needs_a_named_venue_and_a_date(market):
    """Without the venue on the resource, or without the acceptance's date, the acceptance is
    refused: nothing recorded."""
    establish(market)
    _, _, _, match = venue_match(market, named=False)
    accept = market.matching.accept_match
    error = refused(
        market, InvalidInput, lambda: accept(IDLE, request_id="y1", match=match, at=at(2, 9))
    )
    assert "names no venue" in str(error)
    assert market.matching.match(match).status is MatchStatus.PROPOSED


def test_a_taken_slot_refuses_the_acceptance(market):
    """The venues slice's rules decide: another firm's booking already holds the slot, so the
    acceptance is refused (no double booking) and nothing is recorded."""
    establish(market)
    room, _, _, match = venue_match(market)
    market.venues.book(
        OTHER,
        request_id="first",
        venue=room,
        slot=TimeSlot(at(10, 10), at(10, 11)),
        attendees=5,
        purpose="supplier meeting",
        as_of=at(2, 9),
    )
    accept = market.matching.accept_match
    refused(market, InvalidInput, lambda: accept(IDLE, request_id="y0", match=match))
    refused(market, VenueSlotTaken, lambda: accept(IDLE, request_id="y1", match=match, at=at(2, 9)))


def test_the_venues_notice_is_counted_from_the_time_of_the_acceptance(market):
    """The room needs an hour's notice; the booking is for 10 March from 09:00. Accepted at
    08:30 that day it is refused (half an hour's notice), though midnight was nine hours
    before; accepted at 07:30 it is requested. Nothing is recorded by the refusal."""
    establish(market)
    _, _, _, match = venue_match(market)
    accept = market.matching.accept_match
    late = datetime(2026, 3, 10, 8, 30, tzinfo=PARK_TZ)
    refused(
        market, VenueNoticeTooShort, lambda: accept(IDLE, request_id="y1", match=match, at=late)
    )
    deal = accept(
        IDLE, request_id="y2", match=match, at=datetime(2026, 3, 10, 7, 30, tzinfo=PARK_TZ)
    )
    assert deal is not None
    assert str(market.venues.booking(deal.deal_id).slot) == "2026-03-10 09:00-13:00"


def test_a_booking_is_requested_as_of_a_time_not_a_date(market):
    """A date alone does not say when the notice starts: refused, asking for ``at``; a date and
    a time of another day contradict each other: refused before anything is read."""
    establish(market)
    _, _, _, match = venue_match(market)
    accept = market.matching.accept_match
    error = refused(market, InvalidInput, lambda: accept(IDLE, request_id="y1", match=match, on=ON))
    assert "at=datetime" in str(error)
    error = refused(
        market,
        InvalidInput,
        lambda: accept(IDLE, request_id="y2", match=match, on=ON, at=at(3, 9)),
    )
    assert "another day" in str(error)
    assert market.matching.match(match).status is MatchStatus.PROPOSED


def calendar_match(market: ShareMarket, first: date, last: date) -> UUID:
    """The aviation firm's room follows the park's calendar; the biomedicine firm needs it for
    20 people, 4 hours, from ``first`` to ``last``; the need's side has accepted."""
    room = market.venues.open_venue(
        IDLE,
        request_id="room",
        name="training room",
        kind=VenueKind.TRAINING_ROOM,
        rules=VenueRules(capacity=40, follows_park_calendar=True),
    )
    wants = VenueTerms(people=20, first_day=first, last_day=last, hours=4)
    need = post(market, NEEDS, "room-need", wants, need=True)
    offer = post(market, IDLE, "room-offer", attrs.evolve(wants, venue=room), need=False)
    match = market.matching.propose_match(NEEDS, request_id="m", need=need, offer=offer)
    market.matching.accept_match(NEEDS, request_id="yes-need", match=match)
    return match


def test_a_venue_that_follows_the_park_calendar_is_booked_on_its_first_working_day(market):
    """Labour Day 2026: 1-2 May are statutory holidays, 3-5 May rest days moved around them.
    The application reads China's calendar for the days both listings share; the draft books
    6 May, the first working day."""
    establish(market)
    match = calendar_match(market, date(2026, 5, 1), date(2026, 5, 8))
    accepted = datetime(2026, 4, 20, 9, tzinfo=PARK_TZ)
    deal = market.matching.accept_match(IDLE, request_id="yes-host", match=match, at=accepted)
    assert deal is not None
    assert str(market.venues.booking(deal.deal_id).slot) == "2026-05-06 09:00-13:00"


def test_the_parks_overrides_and_adjusted_working_days_decide_too(market):
    """An administrator closes the park on Friday 8 May; Saturday 9 May is worked (调休) and
    opens with Monday's hours: the booking falls on the Saturday."""
    establish(market)
    market.venues.set_park_day(ADMIN, request_id="close", day=date(2026, 5, 8), kind="rest_day")
    match = calendar_match(market, date(2026, 5, 8), date(2026, 5, 10))
    accepted = datetime(2026, 4, 20, 9, tzinfo=PARK_TZ)
    deal = market.matching.accept_match(IDLE, request_id="yes-host", match=match, at=accepted)
    assert deal is not None
    assert str(market.venues.booking(deal.deal_id).slot) == "2026-05-09 09:00-13:00"


def test_no_working_day_in_common_refuses_the_acceptance(market):
    """1-5 May are all holidays or rest days: the venue opens on none, so the acceptance is
    refused, and nothing is recorded."""
    establish(market)
    match = calendar_match(market, date(2026, 5, 1), date(2026, 5, 5))
    at_ = datetime(2026, 4, 20, 9, tzinfo=PARK_TZ)
    accept = market.matching.accept_match
    error = refused(market, InvalidInput, lambda: accept(IDLE, request_id="y", match=match, at=at_))
    assert "by the park's calendar" in str(error)
