"""Funds matches through the application, on memory, SQLite and PostgreSQL: an accepted match
becomes the needing firm's loan application to the lending firm, the funds slice runs it, and
its outcome meets or frees the listings. Every refusal is checked twice: the error, and that
nothing was recorded."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID
from zoneinfo import ZoneInfo

import attrs

from sharemarket import (
    DealOutcome,
    DealRef,
    FirmNotActive,
    FundsTerms,
    InterestAboveLegalCap,
    InvalidInput,
    ListingStatus,
    LoanStatus,
    LprNotPublished,
    MatchingDealNotComplete,
    MatchStatus,
    Money,
    ShareMarket,
)
from tests.application.matching.test_lists import refused
from tests.matching_support import ADMIN, AVIATION, BIOMED, IDLE, NEEDS, establish, funds, post

ON = date(2026, 3, 2)


def funds_match(market: ShareMarket) -> tuple[UUID, UUID, UUID]:
    """The biomedicine firm needs ¥50,000 for 90 days; the aviation firm lends ¥80,000 for 120."""
    need = post(market, NEEDS, "cash-need", funds("50000.00", 90), need=True)
    spare = post(market, IDLE, "cash-spare", funds("80000.00", 120), need=False)
    match = market.matching.propose_match(NEEDS, request_id="m", need=need, offer=spare)
    market.matching.accept_match(NEEDS, request_id="yes-need", match=match)
    return need, spare, match


def agreed(market: ShareMarket) -> tuple[UUID, UUID, UUID, DealRef]:
    need, spare, match = funds_match(market)
    deal = market.matching.accept_match(IDLE, request_id="yes-spare", match=match, on=ON)
    assert deal is not None
    return need, spare, match, deal


def test_an_accepted_funds_match_drafts_the_loan_application_from_the_listings(market):
    """The deal holds the listings' fields: the needing firm borrows from the lending firm the
    amount covered, for the term needed, interest-free, contracted on the acceptance's date;
    both listings and the match record it."""
    establish(market)
    need, spare, match, deal = agreed(market)
    assert deal.kind == "loan_application"
    loan = market.funds.loan(deal.deal_id)
    assert (loan.borrower.code, loan.lender.code, loan.pool) == (BIOMED, AVIATION, None)
    assert loan.status is LoanStatus.SUBMITTED
    assert loan.terms.principal == Money.of("50000.00")
    assert (loan.terms.annual_rate, loan.terms.overdue_rate) == (0, 0)
    assert loan.terms.contract_date == ON
    assert loan.terms.maturity == date(2026, 5, 31)  # 90 days on
    assert market.matching.match(match).deal == deal
    assert market.matching.listing(need).deals == {str(match): deal}
    assert market.matching.listing(spare).deals == {str(match): deal}


def test_a_repaid_loan_meets_the_need(market):
    """The lender approves, pays out and records the repayment; the closed loan completes the
    match, and the need, all of it met, is fulfilled."""
    establish(market)
    need, spare, match, deal = agreed(market)
    refused(
        market,
        MatchingDealNotComplete,
        lambda: market.matching.record_deal_outcome(NEEDS, request_id="early", match=match),
    )
    loan = deal.deal_id
    market.funds.approve_loan(IDLE, request_id="ok", loan=loan)
    market.funds.disburse_loan(IDLE, request_id="pay", loan=loan, disbursed_on=ON)
    market.funds.record_repayment(
        IDLE, request_id="back", loan=loan, amount="50000", paid_on=date(2026, 5, 31)
    )
    assert market.funds.loan(loan).status is LoanStatus.CLOSED
    outcome = market.matching.record_deal_outcome(NEEDS, request_id="done", match=match)
    assert outcome is DealOutcome.COMPLETED
    assert market.matching.match(match).status is MatchStatus.MET
    assert market.matching.listing(need).status is ListingStatus.FULFILLED
    assert market.matching.listing(spare).available == Money.of("30000.00").fen


def test_a_rejected_loan_frees_the_listings(market):
    """The lender rejects the application: the deal fell through, the match lapses, and what
    it held of both listings is free again."""
    establish(market)
    need, spare, match, deal = agreed(market)
    market.funds.reject_loan(IDLE, request_id="no", loan=deal.deal_id, reason="cash is short")
    outcome = market.matching.record_deal_outcome(IDLE, request_id="lapse", match=match)
    assert outcome is DealOutcome.FELL_THROUGH
    assert market.matching.match(match).status is MatchStatus.LAPSED
    assert market.matching.listing(need).status is ListingStatus.OPEN
    assert market.matching.listing(need).available == Money.of("50000.00").fen
    assert market.matching.listing(spare).available == Money.of("80000.00").fen


def test_a_funds_acceptance_needs_a_contract_date_the_lpr_table_knows(market):
    """Without the acceptance's date, or on a date before the LPR reform, the funds slice's
    rules refuse the loan, and the acceptance with it: nothing recorded."""
    establish(market)
    _, _, match = funds_match(market)
    accept = market.matching.accept_match
    refused(market, InvalidInput, lambda: accept(IDLE, request_id="y1", match=match))
    refused(
        market,
        LprNotPublished,
        lambda: accept(IDLE, request_id="y2", match=match, on=date(2019, 8, 1)),
    )
    assert market.matching.match(match).status is MatchStatus.PROPOSED


def test_a_suspended_lender_gets_no_loan_application(market):
    """A firm suspended after the match was proposed can take no new loan: refused, nothing
    recorded."""
    establish(market)
    _, _, match = funds_match(market)
    market.park.suspend_firm(ADMIN, request_id="suspend", firm=AVIATION, reason="audit")
    refused(
        market,
        FirmNotActive,
        lambda: market.matching.accept_match(NEEDS, request_id="y", match=match, on=ON),
    )


def test_a_loan_is_contracted_on_the_park_date_of_the_acceptances_time(market):
    """Accepted at a time and no date: the contract date is that time's date in park time
    (1 March 17:30 in Berlin is 2 March 00:30 in Suzhou)."""
    establish(market)
    _, _, match = funds_match(market)
    berlin = datetime(2026, 3, 1, 17, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    deal = market.matching.accept_match(IDLE, request_id="yes-spare", match=match, at=berlin)
    assert deal is not None
    assert market.funds.loan(deal.deal_id).terms.contract_date == ON


def rated_match(market: ShareMarket, rate: str) -> UUID:
    """The funds match of ``funds_match``, the lender asking ``rate`` % a year."""
    need = post(market, NEEDS, "cash-need", funds("50000.00", 90), need=True)
    lends = attrs.evolve(funds("80000.00", 120), annual_rate=Decimal(rate))
    spare = post(market, IDLE, "cash-spare", lends, need=False)
    match = market.matching.propose_match(NEEDS, request_id="m", need=need, offer=spare)
    market.matching.accept_match(NEEDS, request_id="yes-need", match=match)
    return match


def test_the_loan_bears_the_rate_the_lender_named(market):
    """The lender's listing asks 3.1 % a year: the loan application is at 3.1 %, no overdue
    rate; the listing shows it."""
    establish(market)
    match = rated_match(market, "3.1")
    deal = market.matching.accept_match(IDLE, request_id="yes-spare", match=match, on=ON)
    assert deal is not None
    terms = market.funds.loan(deal.deal_id).terms
    assert (terms.annual_rate, terms.overdue_rate) == (Decimal("3.1"), 0)
    offer = market.matching.match(match).offer
    assert str(market.matching.listing(offer).terms) == "¥80,000.00 for 120 days at 3.1 % a year"


def test_a_rate_above_four_times_the_lpr_of_the_contract_date_is_refused(market):
    """18 % a year is above 4 x the one-year LPR in force on 2 March 2026: the funds slice's
    cap refuses the loan, and the acceptance with it; nothing recorded."""
    establish(market)
    match = rated_match(market, "18")
    accept = market.matching.accept_match
    refused(market, InterestAboveLegalCap, lambda: accept(IDLE, request_id="y", match=match, on=ON))
    assert market.matching.match(match).status is MatchStatus.PROPOSED


def test_funds_terms_stored_without_a_rate_decode_as_interest_free(market):
    """Terms stored before the rate existed (store v2) have no ``annual_rate``: they decode
    with none, and terms without one encode as they always did (receipts keep their
    fingerprints)."""
    transcoder = market._app.mapper.transcoder
    old = transcoder.encode(FundsTerms(amount=Money.of("100"), term_days=30))
    assert b"annual_rate" not in old
    assert transcoder.decode(old) == FundsTerms(amount=Money(10_000), term_days=30)
    assert transcoder.decode(old).annual_rate is None
