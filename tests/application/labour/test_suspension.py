"""A suspended firm discharges what it owes and winds down what exists; it undertakes nothing new
(issue 12, item 11). Both sides, every store."""

from __future__ import annotations

from datetime import date

import pytest

from sharemarket import FirmNotActive, ShareMarket
from tests.park_scene import ADMIN, BORROWER, LENDER, MARCH, REPS, agreement, establish

DAY = date(2026, 3, 2)


def head(market: ShareMarket) -> int:
    return market.event_log.head() or 0


def suspend(market: ShareMarket, firm: str) -> None:
    market.park.suspend_firm(ADMIN, request_id=f"suspend-{firm}", firm=firm, reason="unpaid fees")


def record(market: ShareMarket, a, key: str, day: date = DAY):
    return market.labour.record_shift(
        REPS[BORROWER], request_id=key, agreement=a, worker="W-17", work_date=day, minutes=480
    )


@pytest.mark.parametrize("suspended", [LENDER, BORROWER])
def test_a_suspended_firm_bills_confirms_pays_and_winds_down(market, suspended):
    """Work done before the suspension is confirmed, billed and paid whichever side is
    suspended; shifts can still be disputed, withdrawn and reversed, and the agreement closed."""
    establish(market)
    a = agreement(market, "a")
    pending = record(market, a, "s1")
    disputed = record(market, a, "s2", date(2026, 3, 3))
    extra = record(market, a, "s3", date(2026, 3, 4))
    confirmed = record(market, a, "s4", date(2026, 3, 5))
    market.labour.confirm_shift(REPS[LENDER], request_id="c4", agreement=a, shift=confirmed)
    suspend(market, suspended)

    lender, borrower = REPS[LENDER], REPS[BORROWER]
    market.labour.confirm_shift(lender, request_id="c1", agreement=a, shift=pending)
    market.labour.dispute_shift(lender, request_id="d2", agreement=a, shift=disputed, reason="no")
    market.labour.withdraw_shift(borrower, request_id="w2", agreement=a, shift=disputed)
    market.labour.reverse_shift(borrower, request_id="r4", agreement=a, shift=confirmed, reason="x")
    settlement = market.labour.issue_settlement(
        lender, request_id="bill", agreement=a, first_day=MARCH[0], last_day=date(2026, 3, 2)
    )
    market.labour.record_payment(
        borrower, request_id="pay", agreement=a, settlement=settlement, amount="240.00"
    )
    market.labour.confirm_shift(lender, request_id="c3", agreement=a, shift=extra)
    market.labour.close_agreement(borrower, request_id="close", agreement=a, reason="season over")
    statement = market.labour.statement(a)
    assert (statement.settled, statement.paid) == (statement.paid, statement.settled)
    assert "closed" == statement.status.value


@pytest.mark.parametrize("suspended", [LENDER, BORROWER])
def test_a_suspended_firm_undertakes_nothing_new_and_nothing_is_recorded(market, suspended):
    """Proposing, accepting, adding workers and recording new shifts are refused with
    ``firm_not_active`` when either side is suspended; each refusal records nothing."""
    establish(market)
    a = agreement(market, "a")
    proposed = market.labour.propose_agreement(
        REPS[BORROWER],
        request_id="p2",
        lender=LENDER,
        work="上釉 glazing",
        rate_per_hour="20",
        first_day=MARCH[0],
        last_day=MARCH[1],
        workers=["W-20"],
    )
    suspend(market, suspended)
    before = head(market)
    refused = [
        lambda: record(market, a, "new-shift"),
        lambda: market.labour.accept_agreement(REPS[LENDER], request_id="acc", agreement=proposed),
        lambda: market.labour.add_workers(
            REPS[LENDER], request_id="add", agreement=a, workers=["W-30"]
        ),
        lambda: market.labour.propose_agreement(
            REPS[BORROWER],
            request_id="p3",
            lender=LENDER,
            work="彩绘 painting",
            rate_per_hour="20",
            first_day=MARCH[0],
            last_day=MARCH[1],
            workers=["W-21"],
        ),
    ]
    for command in refused:
        with pytest.raises(FirmNotActive):
            command()
        assert before == head(market)
