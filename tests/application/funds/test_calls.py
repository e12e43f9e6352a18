"""Calling a guarantee in two steps: the lender calls, the guarantor later pays (and so gains its
subrogation claim); a general guarantor only after failed enforcement against the borrower.
Every refusal records nothing."""

from __future__ import annotations

from datetime import date

from sharemarket import GuaranteeCallNotIssued, GuaranteeKind, GuaranteeNotCallable, Money
from tests.application.funds.test_loans import refused
from tests.funds_support import CONTRACT, terms
from tests.funds_support import park as dehua
from tests.labour_support import GUANFU, JIAMEI, SHUNMEI, TONGXIN, rep

LATE, LATER = date(2026, 3, 1), date(2026, 3, 10)


def _loan(market):  # type: ignore[no-untyped-def]
    """同鑫's ¥120,000 from 佳美, guaranteed jointly and severally by 顺美 and generally (no type
    stated) by 冠福, each for ¥60,000; nothing paid, so instalment 1 is overdue on 03-01."""
    dehua(market)
    loan = market.funds.request_loan(
        rep(TONGXIN), request_id="l", lender=JIAMEI, **terms(principal="120000")
    )
    market.funds.require_guarantee(
        rep(TONGXIN), request_id="g1", loan=loan, guarantor=SHUNMEI, limit="60000",
        kind=GuaranteeKind.JOINT_AND_SEVERAL,
    )  # fmt: skip
    market.funds.require_guarantee(
        rep(TONGXIN), request_id="g2", loan=loan, guarantor=GUANFU, limit="60000"
    )
    for firm in (SHUNMEI, GUANFU):
        market.funds.accept_guarantee(rep(firm), request_id=f"ga-{firm}", loan=loan)
    market.funds.approve_loan(rep(JIAMEI), request_id="ok", loan=loan)
    market.funds.disburse_loan(rep(JIAMEI), request_id="pay", loan=loan, disbursed_on=CONTRACT)
    return loan


def _guarantee(market, loan, firm):  # type: ignore[no-untyped-def]
    return next(
        g.guarantee for g in market.funds.loan(loan).guarantees if g.guarantee.guarantor == firm
    )


def test_the_lender_calls_and_the_guarantor_pays_later_gaining_its_claim(market):
    loan = _loan(market)
    overdue = market.funds.arrears(loan, LATE).total
    funds = market.funds
    funds.issue_guarantee_call(
        rep(JIAMEI), request_id="call", loan=loan, guarantor=SHUNMEI, amount=overdue,
        called_on=LATE,
    )  # fmt: skip
    called = _guarantee(market, loan, SHUNMEI)
    assert (overdue, Money(0), Money(0)) == (called.called, called.paid, called.claim)
    assert overdue == funds.arrears(loan, LATE).total  # a call is not a payment
    # Called for everything overdue: nothing more can be called until it pays.
    refused(
        market,
        GuaranteeNotCallable,
        lambda: funds.issue_guarantee_call(
            rep(JIAMEI), request_id="call-more", loan=loan, guarantor=SHUNMEI, amount="0.01",
            called_on=LATE,
        ),
    )  # fmt: skip
    # It pays part on 03-10, then the rest; each payment answers the open call only.
    part = Money.of("1000")
    funds.record_guarantor_payment(
        rep(JIAMEI), request_id="paid-1", loan=loan, guarantor=SHUNMEI, amount=part,
        paid_on=LATER,
    )  # fmt: skip
    refused(
        market,
        GuaranteeCallNotIssued,
        lambda: funds.record_guarantor_payment(
            rep(JIAMEI), request_id="paid-too-much", loan=loan, guarantor=SHUNMEI,
            amount=overdue - part + Money(1), paid_on=LATER,
        ),
    )  # fmt: skip
    funds.record_guarantor_payment(
        rep(JIAMEI), request_id="paid-2", loan=loan, guarantor=SHUNMEI, amount=overdue - part,
        paid_on=LATER,
    )  # fmt: skip
    paid = _guarantee(market, loan, SHUNMEI)
    assert (Money(0), overdue, overdue) == (paid.called, paid.paid, paid.claim)
    assert Money(0) == funds.arrears(loan, LATER).total


def test_a_general_guarantor_is_called_only_after_enforcement_against_the_borrower_failed(
    market,
):
    loan = _loan(market)
    funds = market.funds
    refused(
        market,
        GuaranteeNotCallable,
        lambda: funds.issue_guarantee_call(
            rep(JIAMEI), request_id="too-early", loan=loan, guarantor=GUANFU, amount="100",
            called_on=LATE,
        ),
    )  # fmt: skip
    refused(
        market,
        GuaranteeCallNotIssued,
        lambda: funds.record_guarantor_payment(
            rep(JIAMEI), request_id="uncalled", loan=loan, guarantor=GUANFU, amount="100",
            paid_on=LATE,
        ),
    )  # fmt: skip
    funds.record_enforcement_failed(
        rep(JIAMEI), request_id="enf", loan=loan, failed_on=LATE, reason="no assets to seize"
    )
    funds.issue_guarantee_call(
        rep(JIAMEI), request_id="call", loan=loan, guarantor=GUANFU, amount="100",
        called_on=LATE,
    )  # fmt: skip
    assert Money.of("100") == _guarantee(market, loan, GUANFU).called


def test_what_the_borrower_pays_after_a_call_lowers_what_the_guarantor_can_still_pay(market):
    """Called for the arrears on 03-01, the guarantor has not paid when 同鑫 pays them itself:
    nothing is overdue, so its payment is refused (not a prepayment by the guarantor)."""
    loan = _loan(market)
    funds = market.funds
    overdue = funds.arrears(loan, LATE).total
    funds.issue_guarantee_call(
        rep(JIAMEI), request_id="call", loan=loan, guarantor=SHUNMEI, amount=overdue,
        called_on=LATE,
    )  # fmt: skip
    funds.record_repayment(rep(JIAMEI), request_id="own", loan=loan, amount=overdue, paid_on=LATE)
    refused(
        market,
        GuaranteeNotCallable,
        lambda: funds.record_guarantor_payment(
            rep(JIAMEI), request_id="late-pay", loan=loan, guarantor=SHUNMEI, amount="1",
            paid_on=LATER,
        ),
    )  # fmt: skip
