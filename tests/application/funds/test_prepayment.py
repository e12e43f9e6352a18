"""A prepayment lowers the interest of the instalments not yet due: by the day for the period it
falls in, at the schedule's rate on the reduced principal for later periods (DOMAIN.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sharemarket import LoanStatus, Money, ShareMarket
from sharemarket.park_views import ParkViews
from tests.funds_support import FIRST_DUE, firm_loan, park
from tests.labour_support import JIAMEI, TONGXIN, rep

PREPAID_ON = date(2026, 3, 5)  # 10 days before instalment 2 falls due on 03-15


def _loan(market: ShareMarket):  # type: ignore[no-untyped-def]
    """¥120,000 over 12 months at 6 %, equal principal: ¥10,000 a month, interest ¥600, ¥550,
    ... ¥50 (0.5 % a month on what is outstanding); instalment 1 paid on its due date."""
    park(market)
    loan = firm_loan(market, "pre", principal="120000", annual_rate=Decimal("6"),
                     periods=12, schedule="equal_principal")  # fmt: skip
    market.funds.record_repayment(
        rep(JIAMEI), request_id="first", loan=loan, amount="10600", paid_on=FIRST_DUE
    )
    return loan


def test_a_prepayment_reprices_the_interest_of_the_instalments_not_yet_due(market):
    """¥10,550 paid on 03-05, nothing due: it prepays instalment 12's ¥10,000 and ¥550 of
    instalment 11. Instalment 2's period has run since 02-15: the ¥10,550 stops bearing interest
    for its 10 days left, ¥10,550 x 6 % / 360 x 10 = ¥17.58, so ¥532.42. Each later period is
    charged 0.5 % on the reduced principal: instalment 3 on ¥89,450, ¥447.25 (was ¥500);
    instalment 11 on ¥9,450, ¥47.25; instalment 12 on nothing, ¥0."""
    loan = _loan(market)
    market.funds.record_repayment(
        rep(JIAMEI), request_id="pre", loan=loan, amount="10550", paid_on=PREPAID_ON
    )
    owed = {o.number: o for o in market.funds.loan(loan).owed}
    assert (Money.of("9450"), Money(0)) == (owed[11].principal, owed[12].principal)
    assert {
        2: Money.of("532.42"),
        3: Money.of("447.25"),
        4: Money.of("397.25"),
        10: Money.of("97.25"),
        11: Money.of("47.25"),
        12: Money(0),
    } == {n: owed[n].interest for n in (2, 3, 4, 10, 11, 12)}
    # The schedule as agreed is kept; what is owed has changed.
    assert Money.of("500") == market.funds.loan(loan).schedule[2].interest


def test_paying_the_loan_off_early_owes_the_current_period_by_the_day_only(tmp_path: Path):
    """On 03-05 the whole ¥110,000 left is prepaid: instalment 2 keeps its interest less the 10
    days left on ¥110,000 (¥550 - ¥183.33 = ¥366.67), later instalments owe none. ¥110,366.67
    closes the loan, and the journal no longer shows 同鑫 owing 佳美 anything."""
    market = ShareMarket.in_memory()
    loan = _loan(market)
    market.funds.record_repayment(
        rep(JIAMEI), request_id="off", loan=loan, amount="110366.67", paid_on=PREPAID_ON
    )
    statement = market.funds.loan(loan)
    assert (LoanStatus.CLOSED, Money(0), Money(0)) == (
        statement.status,
        statement.outstanding,
        statement.overpaid,
    )
    with ParkViews.sqlite(tmp_path / "views") as views:
        views.catch_up(market)
        assert views.verify().ok
        assert (Money(0), Money(0)) == (
            views.balances(TONGXIN).payable,
            views.balances(JIAMEI).receivable,
        )
