"""The lists read from the log: every agreement, order, loan, venue and listing, by firm."""

from __future__ import annotations

from datetime import date

from sharemarket import LabourTerms, Money, ShareMarket, VenueKind, VenueRules
from tests.funds_scene import _terms
from tests.park_scene import BORROWER, LENDER, REPS, THIRD, agreement, establish


def test_lists_hold_every_created_aggregate_oldest_first_and_filter_by_firm(
    market: ShareMarket,
) -> None:
    """Each list holds the ids its slice's creation commands returned, in their order; a firm
    sees those it takes part in, and a firm with none an empty list."""
    establish(market)
    first = agreement(market, "first")
    second = agreement(market, "second", borrower=THIRD)
    assert (first, second) == market.labour.agreements()
    assert (first, second) == market.labour.agreements(LENDER)
    assert (second,) == market.labour.agreements(THIRD)

    order = market.subcontracting.record_order(
        REPS[BORROWER], request_id="o", reference="TX-1", product="cups", quantity=100,
        due_on=date(2026, 5, 1),
    )  # fmt: skip
    assert (order,) == market.subcontracting.orders()
    assert (order,) == market.subcontracting.orders(BORROWER)
    assert () == market.subcontracting.orders(LENDER)

    loan = market.funds.request_loan(REPS[BORROWER], request_id="l", lender=LENDER, **_terms())
    assert (loan,) == market.funds.loans()
    assert (loan,) == market.funds.loans(LENDER) == market.funds.loans(BORROWER)
    assert () == market.funds.loans(THIRD)

    room = market.venues.open_venue(
        REPS[LENDER], request_id="v", name="会议室", kind=VenueKind.MEETING_ROOM,
        rules=VenueRules(capacity=20),
    )  # fmt: skip
    assert (room,) == market.venues.venues() == market.venues.venues(LENDER)
    assert () == market.venues.venues(BORROWER)

    need = market.matching.post_need(
        REPS[THIRD], request_id="n", valid_until=date(2026, 4, 30),
        terms=LabourTerms(skill="fettling", headcount=2, first_day=date(2026, 4, 13),
                          last_day=date(2026, 4, 30), hours_a_day=8, rate_per_hour=Money.of("25")),
    )  # fmt: skip
    assert (need,) == market.matching.listings() == market.matching.listings(THIRD)
    assert () == market.matching.listings(LENDER)
