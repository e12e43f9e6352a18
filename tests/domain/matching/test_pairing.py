"""The matching rules in the domain, without a store: coverage, holding, pairing, drafting."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial
from uuid import uuid4

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import (
    PARK_TZ,
    Actor,
    CapacityTerms,
    DealRef,
    FirmId,
    FirmSize,
    InvalidInput,
    ListingRole,
    LoanPrincipalTooSmall,
    LoanStatus,
    MatchingDealKindUnavailable,
    MatchingKindMismatch,
    MatchingNothingCovered,
    MatchingOvercommitted,
    MatchingSelfMatch,
    MatchingWrongRoles,
    Minutes,
    Money,
    VenueKind,
    VenueRules,
)
from sharemarket.domain.funds.schedule import ScheduleType
from sharemarket.domain.matching import pairing
from sharemarket.domain.matching.capacity_deal import CAPACITY_DEAL, OPERATION_WORDS
from sharemarket.domain.matching.coverage import cover, same_skill
from sharemarket.domain.matching.deals import Acceptance
from sharemarket.domain.matching.funds_deal import FUNDS_DEAL
from sharemarket.domain.matching.labour_deal import LABOUR_DEAL
from sharemarket.domain.matching.listing import Listing
from sharemarket.domain.matching.match import MatchStatus
from sharemarket.domain.matching.venue_deal import VENUE_DEAL
from sharemarket.domain.park.membership import Park
from sharemarket.domain.subcontracting.values import Operation
from sharemarket.domain.venues.venue import Venue
from tests.domain.park.records import consulting
from tests.matching_support import FIRMS, labour
from tests.strategies.matching import (
    capacity_terms,
    funds_terms,
    labour_terms,
    terms,
    venue_terms,
)

ADMIN = Actor.administrator("admin-1")
REPS = [Actor.for_firm(f"rep-{i}", firm) for i, firm in enumerate(FIRMS)]
REFUSALS = (MatchingSelfMatch, MatchingKindMismatch, MatchingWrongRoles, MatchingNothingCovered)


def park() -> Park:
    p = consulting(Park.establish(name="Suzhou Industrial Park", administrator="admin-1"))
    for i, firm in enumerate(FIRMS):
        p.admit_firm(
            ADMIN,
            firm=FirmId(firm),
            name=f"firm {i}",
            industry="aviation",
            size=FirmSize.LARGE,
            representatives=[f"rep-{i}"],
        )
    return p


PARK = park()


def listing(actor: Actor, terms_value: object, role: ListingRole) -> Listing:
    return Listing.post(
        PARK,
        actor,
        listing_id=uuid4(),
        role=role,
        terms=terms_value,  # type: ignore[arg-type]
        valid_until=date(2026, 6, 30),
    )


def test_the_reasons_say_how_much_is_covered_and_for_how_many_days():
    coverage = cover(labour(headcount=3, first=2, last=8), labour(headcount=2, first=4, last=10))
    assert coverage.covered == 2 * 8 * 5
    assert coverage.reasons[:2] == ("covers 80 of 168 worker-hours", "dates overlap 5 of 7 days")


def test_skills_match_by_their_words():
    assert same_skill("修坯 fettling", "FETTLING")
    assert same_skill("ｐａｃｋｉｎｇ", "packing  line")
    assert not same_skill("glazing", "fettling")


@given(need=terms(), offer=terms())
def test_an_offer_never_covers_more_than_the_need_wants_or_it_has(need, offer):
    coverage = cover(need, offer)
    assert 0 <= coverage.covered <= min(need.quantity, offer.quantity)
    assert coverage.wanted == need.quantity
    if type(need) is not type(offer):
        assert coverage.covered == 0


@given(
    need_terms=terms(),
    offer_terms=terms(),
    owners=st.tuples(st.sampled_from(range(3)), st.sampled_from(range(3))),
    proposer=st.sampled_from(["admin", "need", "offer"]),
)
def test_a_match_never_pairs_a_firm_with_itself_nor_two_kinds(
    need_terms, offer_terms, owners, proposer
):
    """Whatever two listings are paired, the match is of one kind and two parties, holds the
    same quantity of both, never more than either had; or it is refused, naming why."""
    need = listing(REPS[owners[0]], need_terms, ListingRole.NEED)
    offer = listing(REPS[owners[1]], offer_terms, ListingRole.RESOURCE)
    actor = {"admin": ADMIN, "need": REPS[owners[0]], "offer": REPS[owners[1]]}[proposer]
    try:
        match = pairing.propose(PARK, actor, match_id=uuid4(), need=need, offer=offer)
    except REFUSALS as refusal:
        if isinstance(refusal, MatchingSelfMatch):
            assert owners[0] == owners[1]
        if isinstance(refusal, MatchingKindMismatch):
            assert need.kind is not offer.kind
        return
    assert need.kind is offer.kind is match.kind
    assert match.need_owner != match.offer_owner
    assert 0 < match.quantity <= min(need.terms.quantity, offer.terms.quantity)
    assert need.held == offer.held == {str(match.id): match.quantity}


@given(need_terms=labour_terms(), offer_terms=labour_terms())
def test_the_labour_agreement_drafted_from_a_match_holds_the_listings_fields(
    need_terms, offer_terms
):
    need = listing(REPS[0], need_terms, ListingRole.NEED)
    offer = listing(REPS[1], offer_terms, ListingRole.RESOURCE)
    try:
        match = pairing.propose(PARK, ADMIN, match_id=uuid4(), need=need, offer=offer)
    except MatchingNothingCovered:
        return
    kinds = {need.kind: LABOUR_DEAL}
    pairing.accept(PARK, REPS[0], match=match, need=need, offer=offer, kinds=kinds, deal_id=uuid4())
    deal_id = uuid4()
    ref, drafted = pairing.accept(
        PARK, REPS[1], match=match, need=need, offer=offer, kinds=kinds, deal_id=deal_id
    )
    (agreement,) = drafted
    assert match.status is MatchStatus.AGREED
    assert ref is not None
    assert ref.deal_id == deal_id == agreement.id
    assert agreement.match_id == match.id
    assert (agreement.borrower, agreement.lender) == (need.owner, offer.owner)
    assert agreement.work == need_terms.skill
    assert agreement.rate_per_hour == offer_terms.rate_per_hour
    assert agreement.first_day == max(need_terms.first_day, offer_terms.first_day)
    assert agreement.last_day == min(need_terms.last_day, offer_terms.last_day)
    assert agreement.minutes_cap == Minutes(match.quantity * 60)
    assert need.deals == offer.deals == {str(match.id): ref}


def test_a_listing_holds_no_more_than_it_has():
    need = listing(REPS[0], labour(headcount=2), ListingRole.NEED)
    with pytest.raises(MatchingOvercommitted):
        need.hold(ADMIN, uuid4(), need.terms.quantity + 1)
    need.hold(ADMIN, uuid4(), need.terms.quantity)
    with pytest.raises(MatchingOvercommitted):
        need.hold(ADMIN, uuid4(), 1)


@given(
    need_terms=funds_terms(),
    offer_terms=funds_terms(),
    on=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
)
def test_the_loan_application_drafted_from_a_funds_match_holds_the_listings_fields(
    need_terms, offer_terms, on
):
    """The loan is the needing firm's application to the lending firm for what the match
    covers, for the term the need asks, at the rate the offer names (else the need's, else
    none), with no overdue rate, contracted on the acceptance's date."""
    need = listing(REPS[0], need_terms, ListingRole.NEED)
    offer = listing(REPS[1], offer_terms, ListingRole.RESOURCE)
    try:
        match = pairing.propose(PARK, ADMIN, match_id=uuid4(), need=need, offer=offer)
    except MatchingNothingCovered:
        assert offer_terms.term_days < need_terms.term_days
        return
    kinds = {need.kind: FUNDS_DEAL}
    pairing.accept(PARK, REPS[1], match=match, need=need, offer=offer, kinds=kinds, deal_id=uuid4())
    deal_id = uuid4()
    if match.quantity < 1000:  # the funds slice's rule: at least ¥10 of principal a period
        with pytest.raises(LoanPrincipalTooSmall):
            pairing.accept(
                PARK,
                REPS[0],
                match=match,
                need=need,
                offer=offer,
                kinds=kinds,
                deal_id=deal_id,
                when=Acceptance(on=on),
            )
        return
    ref, (loan,) = pairing.accept(
        PARK,
        REPS[0],
        match=match,
        need=need,
        offer=offer,
        kinds=kinds,
        deal_id=deal_id,
        when=Acceptance(on=on),
    )
    assert ref == DealRef("loan_application", deal_id)
    assert (loan.id, loan.status) == (deal_id, LoanStatus.SUBMITTED)
    assert (loan.borrower, loan.lender, loan.pool) == (need.owner, offer.owner, None)
    assert (
        loan.terms.principal == Money(match.quantity) == min(need_terms.amount, offer_terms.amount)
    )
    named = [r for r in (offer_terms.annual_rate, need_terms.annual_rate) if r is not None]
    assert (loan.terms.annual_rate, loan.terms.overdue_rate) == ((named or [0])[0], 0)
    assert loan.terms.contract_date == on
    assert loan.terms.maturity == on + timedelta(days=need_terms.term_days)
    assert loan.terms.schedule is ScheduleType.BULLET


@st.composite
def priced_capacity(draw: st.DrawFn, words: str) -> CapacityTerms:
    return attrs.evolve(
        draw(capacity_terms()),
        operation=words,
        unit_price=draw(st.none() | st.integers(0, 10_000).map(Money)),
    )


@given(data=st.data(), operation=st.sampled_from(list(Operation)))
def test_the_part_drafted_from_a_capacity_match_holds_the_listings_fields(data, operation):
    """The needing firm's order is of the pieces covered, with none kept; the part is all of
    them, for the need's operation, due on the need's date, at the resource's price (else the
    need's), offered to the firm with the free line."""
    words = data.draw(st.sampled_from(OPERATION_WORDS[operation]))
    need_terms = data.draw(priced_capacity(words))
    offer_terms = data.draw(priced_capacity(words))
    need = listing(REPS[0], need_terms, ListingRole.NEED)
    offer = listing(REPS[1], offer_terms, ListingRole.RESOURCE)
    try:
        match = pairing.propose(PARK, ADMIN, match_id=uuid4(), need=need, offer=offer)
    except MatchingNothingCovered:
        assert offer_terms.by_date > need_terms.by_date
        return
    kinds = {need.kind: CAPACITY_DEAL}
    pairing.accept(PARK, REPS[1], match=match, need=need, offer=offer, kinds=kinds, deal_id=uuid4())
    deal_id = uuid4()
    price = offer_terms.unit_price if offer_terms.unit_price is not None else need_terms.unit_price
    accept = partial(
        pairing.accept, PARK, REPS[0], match=match, need=need, offer=offer, kinds=kinds
    )
    if price is None:
        with pytest.raises(InvalidInput):
            accept(deal_id=deal_id)
        return
    ref, (part, order) = accept(deal_id=deal_id)
    assert ref == DealRef("subcontract_part", deal_id)
    assert part.id == deal_id
    assert (order.issuer, order.product) == (need.owner, need_terms.product)
    assert (order.quantity, order.kept, order.due_on) == (match.quantity, 0, need_terms.by_date)
    assert order.parts == {str(deal_id): match.quantity}
    assert (part.order_id, part.issuer, part.subcontractor) == (order.id, need.owner, offer.owner)
    assert part.terms.operation is operation
    assert (part.terms.quantity, part.terms.unit_price) == (match.quantity, price)
    assert part.terms.due_on == need_terms.by_date


def test_a_kind_without_its_deal_is_refused_on_acceptance():
    """A kind absent from the table of deal kinds (a market without that slice) is matched,
    but its acceptance is refused by name, before the match changes."""
    need = listing(REPS[0], labour(), ListingRole.NEED)
    offer = listing(REPS[1], labour(), ListingRole.RESOURCE)
    match = pairing.propose(PARK, ADMIN, match_id=uuid4(), need=need, offer=offer)
    with pytest.raises(MatchingDealKindUnavailable) as refused:
        pairing.accept(
            PARK, REPS[0], match=match, need=need, offer=offer, kinds={}, deal_id=uuid4()
        )
    assert "labour agreement proposal" in str(refused.value)
    assert match.accepted == []


@given(need_terms=venue_terms(), offer_terms=venue_terms(), hours=st.integers(1, 4))
def test_the_booking_drafted_from_a_venue_match_holds_the_listings_fields(
    need_terms, offer_terms, hours
):
    """The booking is the needing firm's, at the venue the resource names, for the need's
    people, on the first shared day the venue opens, from its opening, for the hours the match
    covers; the day's calendar holds it and the firm's usage counts it. Where the venue's rules
    refuse it (a long booking, too many people, no open day), it is refused by name."""
    need_terms = attrs.evolve(need_terms, hours=hours)
    room = Venue.open(
        PARK,
        REPS[1],
        venue_id=uuid4(),
        name="training room",
        kind=VenueKind.TRAINING_ROOM,
        rules=VenueRules(capacity=300, max_ahead_days=365),
    )
    offer_terms = attrs.evolve(offer_terms, venue=room.id)
    need = listing(REPS[0], need_terms, ListingRole.NEED)
    offer = listing(REPS[1], offer_terms, ListingRole.RESOURCE)
    try:
        match = pairing.propose(PARK, ADMIN, match_id=uuid4(), need=need, offer=offer)
    except MatchingNothingCovered:
        return
    kinds = {need.kind: VENUE_DEAL}
    found = {room.id: room}
    accept = partial(
        pairing.accept,
        PARK,
        match=match,
        need=need,
        offer=offer,
        kinds=kinds,
        when=Acceptance(at=datetime(2026, 2, 20, 9, tzinfo=PARK_TZ)),
        find=lambda cls, aggregate_id: found.get(aggregate_id),
    )
    accept(REPS[1], deal_id=uuid4())
    deal_id = uuid4()
    shared = [
        need_terms.first_day + timedelta(days=d)
        for d in range((need_terms.last_day - need_terms.first_day).days + 1)
        if offer_terms.first_day <= need_terms.first_day + timedelta(days=d) <= offer_terms.last_day
    ]
    open_days = [d for d in shared if d.weekday() < 5]
    if not open_days:
        with pytest.raises(InvalidInput):
            accept(REPS[0], deal_id=deal_id)
        return
    ref, (booking, calendar, *usages) = accept(REPS[0], deal_id=deal_id)
    assert ref == DealRef("venue_booking", deal_id)
    assert (booking.id, booking.firm, booking.host) == (deal_id, need.owner, offer.owner)
    assert (booking.venue_id, booking.attendees) == (room.id, need_terms.people)
    assert booking.slot.start == datetime.combine(open_days[0], time(9), tzinfo=PARK_TZ)
    assert booking.slot.duration == Minutes(match.quantity * 60)
    assert list(calendar.held) == [str(deal_id)]
    assert [u.booked(None) for u in usages] == [(match.quantity * 60, 1)] * 2
