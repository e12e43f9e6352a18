"""Fund loans in the journal: contributions, loans, interest, penalties, overpayments and
subrogation claims post zero-sum CNY, and each firm's balances read as its position."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sharemarket import Money, ShareMarket
from sharemarket.application.projections.journal import CNY, AccountKind
from sharemarket.park_views import ParkViews
from tests.funds_support import CONTRACT, FIRST_DUE, SERVICE_CENTRE, firm_loan, park, pool
from tests.labour_support import GUANFU, JIAMEI, SHUNMEI, TONGXIN, rep


def test_every_fund_event_posts_zero_sum_and_balances_show_each_position(tmp_path: Path):
    market = ShareMarket.in_memory()
    park(market)
    pool(market, funded="300000")
    # 同鑫 borrows ¥12,000 from 佳美 at 6 % over 12 months, equal principal; 顺美 guarantees it.
    loan = market.funds.request_loan(
        rep(TONGXIN),
        request_id="j",
        lender=JIAMEI,
        principal="12000",
        annual_rate=Decimal(6),
        overdue_rate=Decimal(6),
        contract_date=CONTRACT,
        first_due_date=FIRST_DUE,
        periods=12,
        schedule="equal_principal",
    )
    market.funds.require_guarantee(
        rep(TONGXIN), request_id="j-g", loan=loan, guarantor=SHUNMEI, limit="6000",
        kind="joint_and_several",
    )  # fmt: skip
    market.funds.accept_guarantee(rep(SHUNMEI), request_id="j-ga", loan=loan)
    market.funds.approve_loan(rep(JIAMEI), request_id="j-ok", loan=loan)
    market.funds.disburse_loan(rep(JIAMEI), request_id="j-pay", loan=loan, disbursed_on=CONTRACT)
    interest = Money.sum(i.interest for i in market.funds.loan(loan).schedule)
    late = date(2026, 3, 17)
    market.funds.accrue_penalty(rep(JIAMEI), request_id="j-pen", loan=loan, as_of=late)
    arrears = market.funds.arrears(loan, late)
    market.funds.call_guarantee(
        rep(JIAMEI), request_id="j-call", loan=loan, guarantor=SHUNMEI, amount=arrears.total,
        paid_on=late,
    )  # fmt: skip
    market.funds.repay_subrogation(
        rep(SHUNMEI), request_id="j-sub", loan=loan, amount="100", paid_on=late
    )
    # An interest-free bullet loan overpaid by ¥5, then refunded.
    other = firm_loan(market, "o", borrower=GUANFU, lender=JIAMEI, principal="1000",
                      annual_rate=Decimal(0), periods=1, schedule="bullet")  # fmt: skip
    market.funds.record_repayment(
        rep(JIAMEI), request_id="o-over", loan=other, amount="1005", paid_on=FIRST_DUE
    )

    views = ParkViews.sqlite(tmp_path / "views")
    try:
        assert market.event_log.head() == views.catch_up(market)
        assert views.verify().ok
        totals = views.totals()
        assert 0 == totals.amount(CNY)  # zero-sum
        assert totals.receivable == totals.payable
        # The pool's custodian owes each contributor its contribution.
        assert Money.of("300000") == views.balances(SERVICE_CENTRE).payable
        assert Money.of("100000") == views.balances(GUANFU).receivable - Money.of("5")
        # 同鑫 owes 佳美 principal + interest + penalty less what 顺美 paid, and 顺美 its claim.
        outstanding = market.funds.loan(loan).outstanding
        tongxin = views.balances(TONGXIN)
        claim = arrears.total - Money.of("100")
        assert outstanding + claim == tongxin.payable
        assert Money.of("12000") + interest + arrears.penalty - arrears.total == outstanding
        assert claim == views.balances(SHUNMEI).receivable - Money.of("100000")
        # The overpayment stood owed back to 冠福 until refunded.
        market.funds.refund_overpayment(
            rep(JIAMEI), request_id="o-refund", loan=other, amount="5", paid_on=FIRST_DUE
        )
        views.catch_up(market)
        assert Money.of("100000") == views.balances(GUANFU).receivable
        assert 0 == views.totals().amount(CNY)
    finally:
        views.close()


def test_principal_interest_and_claims_are_kept_on_accounts_of_their_own(tmp_path: Path):
    """¥12,000 at 6 % over 12 months, equal principal: the lender's loan account holds the
    principal, its interest account the schedule's interest; a repayment clears each component
    on its own account; a guarantor's payment leaves it a claim on the claim accounts."""
    market = ShareMarket.in_memory()
    park(market)
    loan = firm_loan(market, "acc", principal="12000", annual_rate=Decimal(6), periods=12,
                     schedule="equal_principal", disburse=False)  # fmt: skip
    market.funds.undo_approval(rep(JIAMEI), request_id="acc-undo", loan=loan, reason="guarantee")
    market.funds.require_guarantee(
        rep(TONGXIN), request_id="acc-g", loan=loan, guarantor=SHUNMEI, limit="6000",
        kind="joint_and_several",
    )  # fmt: skip
    market.funds.accept_guarantee(rep(SHUNMEI), request_id="acc-ga", loan=loan)
    market.funds.approve_loan(rep(JIAMEI), request_id="acc-ok", loan=loan)
    market.funds.disburse_loan(rep(JIAMEI), request_id="acc-pay", loan=loan, disbursed_on=CONTRACT)
    schedule = market.funds.loan(loan).schedule
    interest = Money.sum(i.interest for i in schedule)
    first = schedule[0]
    market.funds.record_repayment(
        rep(JIAMEI), request_id="acc-1", loan=loan, amount=first.total, paid_on=first.due_on
    )
    second = schedule[1]
    market.funds.call_guarantee(
        rep(JIAMEI), request_id="acc-call", loan=loan, guarantor=SHUNMEI, amount=second.total,
        paid_on=date(2026, 3, 16),
    )  # fmt: skip
    with ParkViews.sqlite(tmp_path / "views") as views:
        views.catch_up(market)
        assert views.verify().ok
        jiamei, tongxin, shunmei = (views.balances(f) for f in (JIAMEI, TONGXIN, SHUNMEI))
        principal_left = Money.of("12000") - first.principal - second.principal
        interest_left = interest - first.interest - second.interest
        assert (principal_left.fen, interest_left.fen) == (
            jiamei.amount(CNY, AccountKind.LOAN_RECEIVABLE),
            jiamei.amount(CNY, AccountKind.INTEREST_RECEIVABLE),
        )
        assert second.total.fen == shunmei.amount(CNY, AccountKind.CLAIM_RECEIVABLE)
        assert -second.total.fen == tongxin.amount(CNY, AccountKind.CLAIM_PAYABLE)
        # Every account together: what 同鑫 owes in all.
        assert principal_left + interest_left + second.total == tongxin.payable
        assert 0 == views.totals().amount(CNY)
