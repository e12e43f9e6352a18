"""What firms gave and received in the sharing report, by measure, on memory, SQLite and
PostgreSQL: pieces and their bill, venue time, money lent, guarantees, labour; through the deals
made from matches and through every deal of the park."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sharemarket import Minutes, Money, Shared, SharingReport
from sharemarket.domain.time import business_date
from sharemarket.park_views import ParkViews
from tests.application.matching import test_capacity_deals as capacity
from tests.application.matching import test_funds_deals as funds
from tests.application.matching import test_venue_deals as venues
from tests.matching_support import AVIATION, BIOMED, IDLE, NEEDS, OTHER, THIRD, establish


def report(market) -> SharingReport:
    today = business_date(datetime.now(UTC))
    return market.matching.sharing_report(today.replace(day=1), today + timedelta(days=1))


def shared(market) -> dict[str, tuple[Shared, Shared, Shared, Shared]]:
    return {
        f.firm.code: (f.given, f.received, f.given_through_matches, f.received_through_matches)
        for f in report(market).firms
    }


def test_pieces_accepted_and_billed_through_a_matched_part(market, tmp_path):
    """The aviation firm's line glazes 500 cups for the biomedicine firm and bills them at
    ¥0.60: given by the subcontractor, received by the issuer, through a match; the views'
    report is the market's."""
    establish(market)
    *_, deal = capacity.agreed(market)
    part, sub = deal.deal_id, market.subcontracting
    sub.accept_part(IDLE, request_id="take", part=part)
    delivery = sub.deliver(
        IDLE, request_id="d", part=part, pieces=500, delivered_on=date(2026, 3, 12)
    )
    sub.inspect_delivery(
        NEEDS,
        request_id="i",
        part=part,
        delivery=delivery,
        inspected_on=date(2026, 3, 12),
        accepted=500,
    )
    bill = sub.bill_part(IDLE, request_id="bill", part=part, billed_on=date(2026, 3, 13))
    pieces = Shared(pieces=500, billed=bill.amount)
    assert bill.amount == Money.of("300.00")
    assert shared(market) == {
        AVIATION: (pieces, Shared(), pieces, Shared()),
        BIOMED: (Shared(), pieces, Shared(), pieces),
    }
    with ParkViews.sqlite(tmp_path / "views") as views:
        views.catch_up(market)
        today = business_date(datetime.now(UTC))
        assert report(market) == views.sharing_report(today.replace(day=1), today + timedelta(1))


def test_venue_time_of_a_matched_booking(market):
    """Four hours of the aviation firm's room, used by the biomedicine firm."""
    establish(market)
    *_, deal = venues.agreed(market)
    booking = deal.deal_id
    market.venues.approve(IDLE, request_id="ok", booking=booking)
    market.venues.check_in(NEEDS, request_id="in", booking=booking, at=venues.at(10, 9))
    market.venues.complete(IDLE, request_id="used", booking=booking, as_of=venues.at(10, 13))
    hours = Shared(venue=Minutes(240))
    assert shared(market) == {
        AVIATION: (hours, Shared(), hours, Shared()),
        BIOMED: (Shared(), hours, Shared(), hours),
    }


def test_money_lent_and_a_guarantee_given_for_a_matched_loan(market):
    """The aviation firm lends ¥50,000 through a match; the third firm guarantees ¥20,000 of
    it: the guarantee counts for the guarantor and the borrower, through the match."""
    establish(market)
    *_, deal = funds.agreed(market)
    loan = deal.deal_id
    market.funds.require_guarantee(NEEDS, request_id="g", loan=loan, guarantor=THIRD, limit="20000")
    market.funds.accept_guarantee(OTHER, request_id="g-yes", loan=loan)
    market.funds.approve_loan(IDLE, request_id="ok", loan=loan)
    market.funds.disburse_loan(IDLE, request_id="pay", loan=loan, disbursed_on=funds.ON)
    lent = Shared(lent=Money.of("50000"))
    guarantee = Shared(guarantees=1, guaranteed=Money.of("20000"))
    assert shared(market) == {
        AVIATION: (lent, Shared(), lent, Shared()),
        BIOMED: (
            Shared(),
            Shared(lent=lent.lent, guarantees=1, guaranteed=guarantee.guaranteed),
            Shared(),
            Shared(lent=lent.lent, guarantees=1, guaranteed=guarantee.guaranteed),
        ),
        THIRD: (guarantee, Shared(), guarantee, Shared()),
    }


def test_labour_lent_outside_matching_counts_for_the_park_not_through_matches(market):
    """An agreement the two firms made themselves: the park's figures count it, the figures
    through matches do not (``labour_given`` is through matches, as it always was)."""
    establish(market)
    agreement = market.labour.propose_agreement(
        NEEDS,
        request_id="direct",
        lender=AVIATION,
        work="packing",
        rate_per_hour="30.00",
        first_day=date(2026, 3, 2),
        last_day=date(2026, 3, 6),
        workers=["W-9"],
    )
    market.labour.accept_agreement(IDLE, request_id="direct-ok", agreement=agreement)
    shift = market.labour.record_shift(
        NEEDS,
        request_id="s",
        agreement=agreement,
        worker="W-9",
        work_date=date(2026, 3, 2),
        minutes=300,
    )
    market.labour.confirm_shift(IDLE, request_id="s-ok", agreement=agreement, shift=shift)
    worked = Shared(labour=Minutes(300))
    assert shared(market) == {
        AVIATION: (worked, Shared(), Shared(), Shared()),
        BIOMED: (Shared(), worked, Shared(), Shared()),
    }
    matched = [(f.labour_given, f.labour_received) for f in report(market).firms]
    assert [(Minutes(0), Minutes(0))] * 2 == matched
