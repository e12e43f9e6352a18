"""Matches through the application, on memory, SQLite and PostgreSQL: proposing, accepting,
declining, the labour agreement an accepted match drafts, and the outcome of its deal. Every
refusal is checked twice: the error, and that nothing was recorded."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket import (
    AgreementStatus,
    DealOutcome,
    DealRef,
    ListingStatus,
    MatchingAlreadyAccepted,
    MatchingDealNotComplete,
    MatchingKindMismatch,
    MatchingListingNotOpen,
    MatchingNotAgreed,
    MatchingNothingCovered,
    MatchingNotProposed,
    MatchingOvercommitted,
    MatchingSelfMatch,
    MatchingWrongRoles,
    MatchStatus,
    Minutes,
    Money,
    PermissionDenied,
    RequestIdReused,
    ShareMarket,
)
from tests.application.matching.test_lists import refused
from tests.matching_support import (
    ADMIN,
    IDLE,
    NEEDS,
    OTHER,
    establish,
    funds,
    labour,
    labour_pair,
    post,
    venue,
)


def agreed_labour_match(market: ShareMarket) -> tuple[UUID, UUID, UUID, DealRef]:
    need, idle = labour_pair(market)
    match = market.matching.propose_match(NEEDS, request_id="m", need=need, offer=idle)
    market.matching.accept_match(NEEDS, request_id="yes-need", match=match)
    deal = market.matching.accept_match(IDLE, request_id="yes-idle", match=match)
    assert deal is not None
    return need, idle, match, deal


def work_and_close(market: ShareMarket, deal: DealRef, *, minutes: int = 480) -> None:
    agreement = deal.deal_id
    market.labour.accept_agreement(IDLE, request_id="agree", agreement=agreement)
    market.labour.add_workers(IDLE, request_id="lend", agreement=agreement, workers=["W-1"])
    if minutes:
        shift = market.labour.record_shift(
            NEEDS,
            request_id="shift",
            agreement=agreement,
            worker="W-1",
            work_date=date(2026, 3, 4),
            minutes=minutes,
        )
        market.labour.confirm_shift(IDLE, request_id="confirm", agreement=agreement, shift=shift)
    market.labour.close_agreement(NEEDS, request_id="close", agreement=agreement, reason="done")


def test_an_accepted_labour_match_drafts_the_agreement_from_the_listings(market):
    """The deal holds the listings' fields: the need's skill, the days both share, the rate the
    lender asked, the covered worker-hours as its cap; it carries the match id, and both
    listings record it, in the same save as the match."""
    establish(market)
    need, idle, match, deal = agreed_labour_match(market)
    agreement = market.labour.agreement(deal.deal_id)
    assert deal.kind == "labour_agreement"
    assert agreement.match_id == match
    assert (agreement.borrower, agreement.lender) == (NEEDS.firm, IDLE.firm)
    assert agreement.work == labour().skill
    assert (agreement.first_day, agreement.last_day) == (date(2026, 3, 4), date(2026, 3, 6))
    assert agreement.rate_per_hour == Money.of("30.00")
    assert agreement.minutes_cap == Minutes(48 * 60)
    assert agreement.status is AgreementStatus.PROPOSED
    assert market.matching.match(match).status is MatchStatus.AGREED
    assert market.matching.match(match).deal == deal
    for listing in (need, idle):
        assert market.matching.listing(listing).deals == {str(match): deal}
    # The same request replays its result; other arguments under it are refused.
    assert market.matching.accept_match(IDLE, request_id="yes-idle", match=match) == deal
    refused(
        market,
        RequestIdReused,
        lambda: market.matching.accept_match(IDLE, request_id="yes-idle", match=need),
    )


def test_the_need_is_fulfilled_when_the_agreement_closes_with_confirmed_hours(market):
    establish(market)
    need, idle, match, deal = agreed_labour_match(market)
    market.labour.accept_agreement(IDLE, request_id="agree", agreement=deal.deal_id)
    refused(
        market,
        MatchingDealNotComplete,
        lambda: market.matching.record_deal_outcome(NEEDS, request_id="o0", match=match),
    )
    market.labour.add_workers(IDLE, request_id="lend", agreement=deal.deal_id, workers=["W-1"])
    shift = market.labour.record_shift(
        NEEDS,
        request_id="s",
        agreement=deal.deal_id,
        worker="W-1",
        work_date=date(2026, 3, 4),
        minutes=480,
    )
    market.labour.confirm_shift(IDLE, request_id="c", agreement=deal.deal_id, shift=shift)
    market.labour.close_agreement(IDLE, request_id="close", agreement=deal.deal_id, reason="ok")
    outcome = market.matching.record_deal_outcome(ADMIN, request_id="o1", match=match)
    assert outcome is DealOutcome.COMPLETED
    assert market.matching.match(match).status is MatchStatus.MET
    assert market.matching.listing(need).met == 48  # of 120: still open
    assert market.matching.listing(need).status is ListingStatus.OPEN
    assert market.matching.listing(idle).met == 48


def test_a_fully_covered_need_is_fulfilled_and_stays_fulfilled(market):
    establish(market)
    need = post(market, NEEDS, "need", labour(headcount=2, first=4, last=6), need=True)
    idle = post(market, IDLE, "idle", labour(headcount=2, first=4, last=10), need=False)
    match = market.matching.propose_match(ADMIN, request_id="m", need=need, offer=idle)
    market.matching.accept_match(NEEDS, request_id="y1", match=match)
    deal = market.matching.accept_match(IDLE, request_id="y2", match=match)
    assert deal is not None
    work_and_close(market, deal)
    market.matching.record_deal_outcome(IDLE, request_id="met", match=match)
    assert market.matching.listing(need).status is ListingStatus.FULFILLED
    assert market.matching.listing(idle).status is ListingStatus.OPEN  # 48 of 112 used
    for call in (
        lambda: market.matching.withdraw_listing(NEEDS, request_id="w", listing=need, reason="x"),
        lambda: market.matching.expire_listing(
            ADMIN, request_id="e", listing=need, as_of=date(2026, 4, 1)
        ),
        lambda: market.matching.propose_match(ADMIN, request_id="m2", need=need, offer=idle),
    ):
        refused(market, MatchingListingNotOpen, call)
    assert market.matching.listing(need).status is ListingStatus.FULFILLED


def test_a_deal_that_falls_through_lets_the_match_lapse_and_frees_the_listings(market):
    establish(market)
    need, idle, match, deal = agreed_labour_match(market)
    assert market.matching.listing(need).available == 120 - 48
    market.labour.decline_agreement(IDLE, request_id="no", agreement=deal.deal_id, reason="busy")
    assert market.matching.record_deal_outcome(NEEDS, request_id="o", match=match) is (
        DealOutcome.FELL_THROUGH
    )
    assert market.matching.match(match).status is MatchStatus.LAPSED
    assert market.matching.listing(need).available == 120
    assert market.matching.listing(idle).available == 2 * 8 * 7
    refused(
        market,
        MatchingNotAgreed,
        lambda: market.matching.record_deal_outcome(NEEDS, request_id="o2", match=match),
    )


def test_a_match_never_pairs_a_firm_with_itself_nor_two_kinds_nor_two_needs(market):
    establish(market)
    need = post(market, NEEDS, "need", labour(), need=True)
    own = post(market, NEEDS, "own", labour(), need=False)
    room = post(market, IDLE, "room", venue(), need=False)
    other_need = post(market, IDLE, "other-need", labour(), need=True)
    welding = post(market, IDLE, "weld", labour(skill="welding"), need=False)
    m = market.matching
    refused(
        market,
        MatchingSelfMatch,
        lambda: m.propose_match(ADMIN, request_id="1", need=need, offer=own),
    )
    refused(
        market,
        MatchingKindMismatch,
        lambda: m.propose_match(ADMIN, request_id="2", need=need, offer=room),
    )
    refused(
        market,
        MatchingWrongRoles,
        lambda: m.propose_match(ADMIN, request_id="3", need=need, offer=other_need),
    )
    refused(
        market,
        MatchingWrongRoles,
        lambda: m.propose_match(ADMIN, request_id="4", need=room, offer=need),
    )
    refused(
        market,
        MatchingNothingCovered,
        lambda: m.propose_match(ADMIN, request_id="5", need=need, offer=welding),
    )
    refused(
        market,
        PermissionDenied,
        lambda: m.propose_match(OTHER, request_id="6", need=need, offer=welding),
    )


def test_a_need_is_never_matched_beyond_what_it_lacks(market):
    """Two offers each covering all of a need: the first match holds all of it, the second is
    refused until the first is declined."""
    establish(market)
    need = post(market, NEEDS, "need", funds("50000.00"), need=True)
    a = post(market, IDLE, "a", funds("80000.00", 180), need=False)
    b = post(market, OTHER, "b", funds("50000.00", 90), need=False)
    first = market.matching.propose_match(ADMIN, request_id="m1", need=need, offer=a)
    assert market.matching.match(first).quantity == 5_000_000
    refused(
        market,
        MatchingOvercommitted,
        lambda: market.matching.propose_match(ADMIN, request_id="m2", need=need, offer=b),
    )
    assert market.matching.listing(a).available == 3_000_000
    market.matching.decline_match(IDLE, request_id="no", match=first, reason="cash tied up")
    assert market.matching.listing(need).available == 5_000_000
    second = market.matching.propose_match(ADMIN, request_id="m2", need=need, offer=b)
    assert market.matching.match(second).quantity == 5_000_000


def test_each_side_accepts_once_for_itself_and_a_declined_match_is_over(market):
    establish(market)
    need, idle = labour_pair(market)
    m = market.matching
    match = m.propose_match(ADMIN, request_id="m", need=need, offer=idle)
    refused(market, PermissionDenied, lambda: m.accept_match(ADMIN, request_id="a0", match=match))
    refused(market, PermissionDenied, lambda: m.accept_match(OTHER, request_id="a1", match=match))
    m.accept_match(NEEDS, request_id="a2", match=match)
    refused(
        market, MatchingAlreadyAccepted, lambda: m.accept_match(NEEDS, request_id="a3", match=match)
    )
    m.decline_match(IDLE, request_id="d", match=match, reason="hands went home")
    refused(market, MatchingNotProposed, lambda: m.accept_match(IDLE, request_id="a4", match=match))
    assert m.match(match).status is MatchStatus.DECLINED
