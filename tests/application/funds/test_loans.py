"""market.funds on every store: the LPR table, the pool, a loan's lifecycle, refusals that record
nothing, guarantees called and repaid by subrogation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from sharemarket import (
    GuaranteeClosesCycle,
    GuaranteeKind,
    GuaranteeLimitExceeded,
    GuaranteeNotCallable,
    InterestAboveLegalCap,
    InvalidInput,
    JointGroupMembership,
    LoanDisbursalDate,
    LoanGuaranteesPending,
    LoanPrincipalTooSmall,
    LoanRepaymentTooLarge,
    LoanSelfLending,
    LoanStatus,
    LoanStatusWrong,
    LoanTermsOutsidePoolRules,
    LprEntryNotLater,
    LprNotPublished,
    Money,
    PermissionDenied,
    PoolCashShort,
    PoolContributionShort,
    PoolLendingShareExceeded,
    RequestIdReused,
    ShareMarket,
)
from tests.funds_support import CONTRACT, FIRST_DUE, firm_loan, park, pool, pool_loan, terms
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, rep


def refused(market: ShareMarket, error: type[Exception], call: Callable[[], Any]) -> Exception:
    """The call raises ``error`` and records nothing."""
    head = market.event_log.head()
    with pytest.raises(error) as caught:
        call()
    assert head == market.event_log.head()
    return caught.value


def test_the_lpr_table_is_extended_with_later_figures_only(market):
    park(market)
    market.funds.record_lpr(
        ADMIN, request_id="lpr", effective_from=date(2026, 6, 22), rate=Decimal("2.90")
    )
    assert Decimal("2.90") == market.funds.lpr_on(date(2026, 6, 22)).rate
    assert Decimal("3.00") == market.funds.lpr_on(date(2026, 6, 21)).rate
    refused(
        market,
        LprEntryNotLater,
        lambda: market.funds.record_lpr(
            ADMIN, request_id="rewrite", effective_from=date(2025, 5, 20), rate=Decimal("2.50")
        ),
    )
    refused(
        market,
        PermissionDenied,
        lambda: market.funds.record_lpr(
            rep(TONGXIN),
            request_id="by-firm",
            effective_from=date(2026, 7, 22),
            rate=Decimal("2.8"),
        ),
    )
    assert 14 == len(market.funds.lpr_figures())


def test_a_loan_above_four_times_the_lpr_is_refused_and_records_nothing(market):
    park(market)
    error = refused(
        market,
        InterestAboveLegalCap,
        lambda: market.funds.request_loan(
            rep(TONGXIN), request_id="greedy", lender=JIAMEI, **terms(annual_rate=Decimal("12.01"))
        ),
    )
    assert "12.00 %" in str(error)
    assert "2025-05-20" in str(error)
    refused(
        market,
        LprNotPublished,
        lambda: market.funds.request_loan(
            rep(TONGXIN),
            request_id="old",
            lender=JIAMEI,
            **terms(contract_date=date(2019, 1, 2), first_due_date=date(2019, 2, 2)),
        ),
    )


def test_a_loan_between_firms_from_request_to_close(market):
    """An interest-free 3-month loan, repaid on schedule, closes; its receipts replay."""
    park(market)
    loan = firm_loan(market, "free", principal="300000", annual_rate=Decimal("0"), periods=3)
    statement = market.funds.loan(loan)
    assert LoanStatus.ACTIVE is statement.status
    assert [Money.of("100000")] * 3 == [i.total for i in statement.schedule]
    for n, instalment in enumerate(statement.schedule):
        market.funds.record_repayment(
            rep(JIAMEI),
            request_id=f"pay-{n}",
            loan=loan,
            amount=instalment.total,
            paid_on=instalment.due_on,
        )
    assert LoanStatus.CLOSED is market.funds.loan(loan).status
    assert Money(0) == market.funds.loan(loan).outstanding
    # Different arguments under a used request id are refused.
    refused(
        market,
        RequestIdReused,
        lambda: market.funds.record_repayment(
            rep(JIAMEI), request_id="pay-0", loan=loan, amount="1.00", paid_on=date(2026, 2, 15)
        ),
    )


def test_overpayment_then_refund_closes(market):
    park(market)
    loan = firm_loan(
        market, "over", principal="1200", annual_rate=Decimal("0"), periods=1, schedule="bullet"
    )
    market.funds.record_repayment(
        rep(JIAMEI), request_id="pay", loan=loan, amount="1250.00", paid_on=FIRST_DUE
    )
    assert (LoanStatus.OVERPAID, Money.of("50")) == (
        market.funds.loan(loan).status,
        market.funds.loan(loan).overpaid,
    )
    refused(
        market,
        LoanRepaymentTooLarge,
        lambda: market.funds.refund_overpayment(
            rep(JIAMEI), request_id="refund-less", loan=loan, amount="10.00", paid_on=FIRST_DUE
        ),
    )
    market.funds.refund_overpayment(
        rep(JIAMEI), request_id="refund", loan=loan, amount="50.00", paid_on=FIRST_DUE
    )
    assert LoanStatus.CLOSED is market.funds.loan(loan).status


def test_approval_and_disbursal_are_undone_by_events_of_their_own(market):
    park(market)
    p = pool(market)
    loan = pool_loan(market, p, "undo", principal="200000", disburse=False)
    market.funds.undo_approval(ADMIN, request_id="undo-approval", loan=loan, reason="wrong rate")
    assert LoanStatus.SUBMITTED is market.funds.loan(loan).status
    market.funds.approve_loan(ADMIN, request_id="approve-again", loan=loan)
    market.funds.disburse_loan(ADMIN, request_id="disburse", loan=loan, disbursed_on=CONTRACT)
    assert Money.of("2800000") == market.funds.pool(p).cash
    market.funds.undo_disbursal(ADMIN, request_id="undo-disbursal", loan=loan, reason="typo")
    assert LoanStatus.APPROVED is market.funds.loan(loan).status
    assert (Money.of("3000000"), Money(0)) == (
        market.funds.pool(p).cash,
        market.funds.pool(p).lent_out,
    )


def test_lifecycle_steps_out_of_order_are_refused(market):
    park(market)
    loan = firm_loan(market, "order", disburse=False)
    refused(
        market,
        LoanStatusWrong,
        lambda: market.funds.record_repayment(
            rep(JIAMEI), request_id="early", loan=loan, amount="1.00", paid_on=FIRST_DUE
        ),
    )
    refused(
        market,
        PermissionDenied,
        lambda: market.funds.disburse_loan(
            rep(TONGXIN), request_id="self", loan=loan, disbursed_on=CONTRACT
        ),
    )
    market.funds.reject_loan(rep(JIAMEI), request_id="reject", loan=loan, reason="no cash")
    refused(
        market,
        LoanStatusWrong,
        lambda: market.funds.disburse_loan(
            rep(JIAMEI), request_id="late", loan=loan, disbursed_on=CONTRACT
        ),
    )
    refused(
        market,
        LoanSelfLending,
        lambda: market.funds.request_loan(
            rep(TONGXIN), request_id="self-loan", lender=TONGXIN, **terms()
        ),
    )


def test_pool_rules_cash_and_lending_share_are_enforced(market):
    park(market)
    p = pool(market, funded="3000000", max_per_firm="1000000")
    refused(
        market,
        LoanTermsOutsidePoolRules,
        lambda: market.funds.apply_to_pool(
            rep(TONGXIN),
            request_id="too-much",
            pool=p,
            **terms(principal="1000000.01", annual_rate=Decimal(0)),
        ),
    )
    refused(
        market,
        LoanTermsOutsidePoolRules,
        lambda: market.funds.apply_to_pool(rep(TONGXIN), request_id="rate", pool=p, **terms()),
    )
    for i, firm in enumerate((TONGXIN, JIAMEI)):
        pool_loan(market, p, f"l{i}", borrower=firm, principal="1000000")
    third = pool_loan(market, p, "l3", borrower=SHUNMEI, principal="500000", disburse=False)
    # 2,000,000 lent of 3,000,000: 80 % allows 2,400,000.
    refused(
        market,
        PoolLendingShareExceeded,
        lambda: market.funds.disburse_loan(
            ADMIN, request_id="l3-disburse", loan=third, disbursed_on=CONTRACT
        ),
    )
    market.funds.withdraw_contribution(
        ADMIN, request_id="w-part", pool=p, contributor=GUANFU, amount="600000", paid_on=CONTRACT
    )
    refused(
        market,
        PoolCashShort,
        lambda: market.funds.withdraw_contribution(
            ADMIN,
            request_id="w-cash",
            pool=p,
            contributor=JIAMEI,
            amount="400000.01",
            paid_on=CONTRACT,
        ),
    )
    refused(
        market,
        PoolContributionShort,
        lambda: market.funds.withdraw_contribution(
            ADMIN, request_id="w-more", pool=p, contributor=TONGXIN, amount="1.00", paid_on=CONTRACT
        ),
    )
    statement = market.funds.pool(p)
    assert (Money.of("400000"), Money.of("2000000")) == (statement.cash, statement.lent_out)
    assert Money.of("400000") == statement.contributions[GUANFU.code]


def test_guarantees_must_be_accepted_before_disbursal_and_joint_ones_are_called_when_overdue(
    market,
):
    park(market)
    loan = market.funds.request_loan(
        rep(TONGXIN), request_id="g", lender=JIAMEI, **terms(principal="120000", periods=12)
    )
    market.funds.require_guarantee(
        rep(TONGXIN),
        request_id="g-1",
        loan=loan,
        guarantor=SHUNMEI,
        limit="60000",
        kind=GuaranteeKind.JOINT_AND_SEVERAL,
    )
    market.funds.require_guarantee(
        rep(TONGXIN), request_id="g-2", loan=loan, guarantor=GUANFU, limit="60000"
    )
    market.funds.approve_loan(rep(JIAMEI), request_id="g-approve", loan=loan)
    market.funds.accept_guarantee(rep(SHUNMEI), request_id="g-1-accept", loan=loan)
    refused(
        market,
        LoanGuaranteesPending,
        lambda: market.funds.disburse_loan(
            rep(JIAMEI), request_id="g-disburse-early", loan=loan, disbursed_on=CONTRACT
        ),
    )
    market.funds.accept_guarantee(rep(GUANFU), request_id="g-2-accept", loan=loan)
    market.funds.disburse_loan(
        rep(JIAMEI), request_id="g-disburse", loan=loan, disbursed_on=CONTRACT
    )
    assert Money.of("60000") == market.funds.exposure(loan, SHUNMEI)
    late = date(2026, 3, 1)
    arrears = market.funds.arrears(loan, late)
    assert 14 == arrears.days_overdue
    # Nothing overdue yet on the first due date: the joint guarantor cannot be called.
    refused(
        market,
        GuaranteeNotCallable,
        lambda: market.funds.call_guarantee(
            rep(JIAMEI),
            request_id="call-early",
            loan=loan,
            guarantor=SHUNMEI,
            amount="1.00",
            paid_on=FIRST_DUE,
        ),
    )
    # The general guarantor only after failed enforcement.
    refused(
        market,
        GuaranteeNotCallable,
        lambda: market.funds.call_guarantee(
            rep(JIAMEI),
            request_id="call-general",
            loan=loan,
            guarantor=GUANFU,
            amount="1.00",
            paid_on=late,
        ),
    )
    market.funds.call_guarantee(
        rep(JIAMEI),
        request_id="call",
        loan=loan,
        guarantor=SHUNMEI,
        amount=arrears.total,
        paid_on=late,
    )
    assert Money(0) == market.funds.arrears(loan, late).total
    claim = market.funds.loan(loan).guarantees[1].guarantee  # SHUNMEI sorts after GUANFU
    assert (SHUNMEI, arrears.total) == (claim.guarantor, claim.claim)
    market.funds.repay_subrogation(
        rep(SHUNMEI), request_id="sub", loan=loan, amount="100.00", paid_on=late
    )
    refused(
        market,
        LoanRepaymentTooLarge,
        lambda: market.funds.repay_subrogation(
            rep(SHUNMEI), request_id="sub-more", loan=loan, amount=arrears.total, paid_on=late
        ),
    )
    market.funds.record_enforcement_failed(
        rep(JIAMEI), request_id="enf", loan=loan, failed_on=date(2026, 5, 1), reason="no assets"
    )
    market.funds.write_off(
        rep(JIAMEI),
        request_id="wo",
        loan=loan,
        written_off_on=date(2026, 5, 2),
        reason="borrower insolvent",
    )
    exposure = market.funds.exposure(loan, GUANFU)
    assert exposure > Money(0)
    market.funds.call_guarantee(
        rep(JIAMEI),
        request_id="call-2",
        loan=loan,
        guarantor=GUANFU,
        amount=exposure,
        paid_on=date(2026, 5, 3),
    )
    # What it paid counts against its limit: together never more than the ¥60,000 it guaranteed.
    assert exposure + market.funds.exposure(loan, GUANFU) <= Money.of("60000")
    assert market.funds.loan(loan).outstanding_principal < Money.of("60000")


def test_penalty_interest_accrues_on_overdue_principal(market):
    park(market)
    loan = firm_loan(
        market,
        "pen",
        principal="120000",
        annual_rate=Decimal("6"),
        overdue_rate=Decimal("6"),
        periods=12,
        schedule="equal_principal",
    )
    market.funds.accrue_penalty(rep(JIAMEI), request_id="acc", loan=loan, as_of=date(2026, 3, 17))
    # Instalment 1 (¥10,000 principal) 30 days overdue at 6 % / 360: ¥50.00; instalment 2,
    # two days: ¥3.33.
    assert Money.of("53.33") == market.funds.arrears(loan, date(2026, 3, 17)).penalty
    refused(
        market,
        InvalidInput,
        lambda: market.funds.accrue_penalty(
            rep(JIAMEI), request_id="acc-again", loan=loan, as_of=date(2026, 3, 17)
        ),
    )


def test_the_guarantee_network_reports_exposure_chains_and_cycles(market):
    """同鑫's loan is guaranteed by 顺美, whose bank loan 同鑫 guarantees: a cycle of two."""
    park(market)
    market.funds.set_guarantee_rules(
        ADMIN, request_id="rules", max_per_guarantor="800000", cycles="report"
    )
    loan = market.funds.request_loan(
        rep(TONGXIN), request_id="n", lender=JIAMEI, **terms(principal="120000")
    )
    market.funds.require_guarantee(
        rep(TONGXIN),
        request_id="n-g",
        loan=loan,
        guarantor=SHUNMEI,
        limit="60000",
        kind="joint_and_several",
    )
    market.funds.accept_guarantee(rep(SHUNMEI), request_id="n-ga", loan=loan)
    bank = "91350526MA2YC0001Q"
    market.funds.record_external_guarantee(
        ADMIN, request_id="bank", lender=bank, borrower=SHUNMEI, guarantor=TONGXIN, limit="500000"
    )
    refused(
        market,
        GuaranteeLimitExceeded,
        lambda: market.funds.record_external_guarantee(
            ADMIN,
            request_id="bank-2",
            lender=bank,
            borrower=GUANFU,
            guarantor=TONGXIN,
            limit="300000.01",
        ),
    )
    report = market.funds.guarantee_network()
    assert [{SHUNMEI, TONGXIN}] == [set(c) for c in report.cycles]
    by = {p.firm: p for p in report.positions}
    # The loan is not disbursed: 顺美's guarantee holds its limit but exposes nothing yet.
    assert (Money(0), Money.of("500000")) == (by[SHUNMEI].direct, by[SHUNMEI].through_chains)
    assert Money.of("500000") == by[TONGXIN].direct
    # With cycles refused, a guarantee of 同鑫 by 顺美, who 同鑫 already answers for, is refused.
    market.funds.set_guarantee_rules(
        ADMIN, request_id="rules-2", max_per_guarantor="800000", cycles="refuse"
    )
    refused(
        market,
        GuaranteeClosesCycle,
        lambda: market.funds.record_external_guarantee(
            ADMIN,
            request_id="bank-3",
            lender=bank,
            borrower=TONGXIN,
            guarantor=SHUNMEI,
            limit="1000",
        ),
    )
    # The loan withdrawn, its guarantee leaves the network and the cycle with it.
    market.funds.withdraw_loan(rep(TONGXIN), request_id="n-w", loan=loan, reason="not needed")
    assert () == market.funds.guarantee_network().cycles


def test_a_disbursal_outside_the_contract_dates_and_a_tiny_principal_are_refused(market):
    park(market)
    loan = firm_loan(market, "dates", disburse=False)
    for day in (date(2026, 1, 14), FIRST_DUE):
        refused(
            market,
            LoanDisbursalDate,
            lambda day=day: market.funds.disburse_loan(
                rep(JIAMEI), request_id=f"dates-{day}", loan=loan, disbursed_on=day
            ),
        )
    refused(
        market,
        LoanPrincipalTooSmall,
        lambda: market.funds.request_loan(
            rep(TONGXIN), request_id="tiny", lender=JIAMEI, **terms(principal="119.99")
        ),
    )


def test_each_contributor_shares_income_and_losses_pro_rata_over_time(market):
    """At 3.45 % a year the pool earns interest; 佳美 contributed 20 days before 顺美, so it earns
    more of the first month's interest; a write-off is shared the same way."""
    park(market)
    p = market.funds.establish_pool(
        ADMIN,
        request_id="shared",
        name="pool",
        custodian="12350526MB00000019",
        max_per_firm="500000",
        max_periods=12,
        annual_rate=Decimal("3.45"),
        lendable_percent=Decimal(100),
    )
    for firm, day in ((JIAMEI, date(2025, 12, 26)), (SHUNMEI, date(2026, 1, 15))):
        market.funds.contribute(
            ADMIN, request_id=f"in-{firm}", pool=p, contributor=firm, amount="300000",
            received_on=day,
        )  # fmt: skip
    loan = market.funds.apply_to_pool(
        rep(TONGXIN),
        request_id="shared-loan",
        pool=p,
        **terms(principal="120000", annual_rate=Decimal("3.45"), schedule="equal_principal"),
    )
    market.funds.approve_loan(ADMIN, request_id="shared-ok", loan=loan)
    market.funds.disburse_loan(ADMIN, request_id="shared-pay", loan=loan, disbursed_on=CONTRACT)
    first = market.funds.loan(loan).schedule[0]
    market.funds.record_repayment(
        ADMIN, request_id="shared-1", loan=loan, amount=first.total, paid_on=first.due_on
    )
    statement = market.funds.pool(p)
    jiamei, shunmei = statement.shares[JIAMEI.code], statement.shares[SHUNMEI.code]
    assert first.interest == jiamei.income + shunmei.income == statement.income
    # 佳美: 300,000 x 51 days; 顺美: 300,000 x 31 days.
    assert jiamei.income > shunmei.income
    market.funds.write_off(
        ADMIN, request_id="shared-wo", loan=loan, written_off_on=date(2026, 3, 1), reason="gone"
    )
    statement = market.funds.pool(p)
    lost = statement.shares[JIAMEI.code].losses + statement.shares[SHUNMEI.code].losses
    assert Money.of("110000") == lost == statement.losses


def test_a_joint_group_members_loan_needs_every_other_members_joint_guarantee(market):
    park(market)
    group = market.funds.form_joint_group(ADMIN, request_id="grp", name="城东联保小组")
    for firm in (TONGXIN, SHUNMEI, GUANFU):
        market.funds.join_joint_group(ADMIN, request_id=f"grp-{firm}", group=group, firm=firm)
    refused(
        market,
        JointGroupMembership,
        lambda: market.funds.join_joint_group(
            ADMIN, request_id="grp-again", group=group, firm=GUANFU
        ),
    )
    loan = firm_loan(market, "grp-loan", disburse=False, principal="120000")
    refused(
        market,
        LoanGuaranteesPending,
        lambda: market.funds.disburse_loan(
            rep(JIAMEI), request_id="grp-early", loan=loan, disbursed_on=CONTRACT
        ),
    )
    market.funds.undo_approval(rep(JIAMEI), request_id="grp-undo", loan=loan, reason="guarantees")
    for firm in (SHUNMEI, GUANFU):
        market.funds.require_guarantee(
            rep(TONGXIN), request_id=f"grp-g-{firm}", loan=loan, guarantor=firm, limit="120000",
            kind="joint_and_several",
        )  # fmt: skip
        market.funds.accept_guarantee(rep(firm), request_id=f"grp-ga-{firm}", loan=loan)
    market.funds.approve_loan(rep(JIAMEI), request_id="grp-ok", loan=loan)
    market.funds.disburse_loan(rep(JIAMEI), request_id="grp-pay", loan=loan, disbursed_on=CONTRACT)
    assert LoanStatus.ACTIVE is market.funds.loan(loan).status
    market.funds.leave_joint_group(ADMIN, request_id="grp-leave", group=group, firm=GUANFU)
    assert [{TONGXIN, SHUNMEI}] == [set(g.members) for g in market.funds.joint_groups()]


def test_a_repayment_between_two_accruals_lowers_the_penalty_from_its_date(market):
    """Instalment 1 (¥10,000 principal, ¥600 interest) falls due on 2026-02-15; ¥5,600 paid on
    03-07 clears its interest and half its principal. Accrued to 03-17 at 6 % / 360: ¥10,000
    for the 20 days to 03-07 and ¥5,000 for the 10 days after (¥33.33 + ¥8.33, ¥41.67 half up
    on the 250,000 yuan-days), and instalment 2's ¥10,000 for 2 days (¥3.33)."""
    park(market)
    loan = firm_loan(
        market, "pen-pro", principal="120000", annual_rate=Decimal("6"),
        overdue_rate=Decimal("6"), periods=12, schedule="equal_principal",
    )  # fmt: skip
    market.funds.record_repayment(
        rep(JIAMEI), request_id="part", loan=loan, amount="5600", paid_on=date(2026, 3, 7)
    )
    market.funds.accrue_penalty(rep(JIAMEI), request_id="acc", loan=loan, as_of=date(2026, 3, 17))
    owed = {o.number: o.penalty for o in market.funds.loan(loan).owed}
    assert (Money.of("41.67"), Money.of("3.33")) == (owed[1], owed[2])


def test_a_recovery_after_a_write_off_gives_back_the_losses_shared_pro_rata(market):
    """An interest-free pool loan of ¥120,000, guaranteed by 冠福 for ¥60,000, is written off
    with nothing paid: 佳美 and 顺美 share the loss over time. 冠福 then pays ¥30,000 on a
    call: the pool's losses fall to ¥90,000 and each contributor's share by a quarter (to the
    fen, largest remainder); the pool's income does not move."""
    park(market)
    p = market.funds.establish_pool(
        ADMIN, request_id="rec", name="pool", custodian="12350526MB00000019",
        max_per_firm="500000", max_periods=12, annual_rate=Decimal(0),
        lendable_percent=Decimal(100),
    )  # fmt: skip
    for firm, day in ((JIAMEI, date(2025, 12, 26)), (SHUNMEI, date(2026, 1, 5))):
        market.funds.contribute(
            ADMIN, request_id=f"in-{firm}", pool=p, contributor=firm, amount="300000",
            received_on=day,
        )  # fmt: skip
    loan = market.funds.apply_to_pool(
        rep(TONGXIN), request_id="rec-loan", pool=p,
        **terms(principal="120000", annual_rate=Decimal(0)),
    )  # fmt: skip
    market.funds.require_guarantee(
        rep(TONGXIN), request_id="rec-g", loan=loan, guarantor=GUANFU, limit="60000",
        kind="joint_and_several",
    )  # fmt: skip
    market.funds.accept_guarantee(rep(GUANFU), request_id="rec-ga", loan=loan)
    market.funds.approve_loan(ADMIN, request_id="rec-ok", loan=loan)
    market.funds.disburse_loan(ADMIN, request_id="rec-pay", loan=loan, disbursed_on=CONTRACT)
    market.funds.write_off(
        ADMIN, request_id="rec-wo", loan=loan, written_off_on=date(2026, 3, 1), reason="gone"
    )
    before = market.funds.pool(p)
    lost = {c: before.shares[c].losses for c in (JIAMEI.code, SHUNMEI.code)}
    assert Money.of("120000") == before.losses == sum(lost.values(), Money(0))
    assert lost[JIAMEI.code] > lost[SHUNMEI.code]  # 佳美 stood in the pool longer
    market.funds.call_guarantee(
        ADMIN, request_id="rec-call", loan=loan, guarantor=GUANFU, amount="30000",
        paid_on=date(2026, 3, 10),
    )  # fmt: skip
    after = market.funds.pool(p)
    left = {c: after.shares[c].losses for c in lost}
    assert Money.of("90000") == after.losses == sum(left.values(), Money(0))
    assert (before.income, Money(0)) == (after.income, after.shares[JIAMEI.code].income)
    for code, share in lost.items():
        assert abs(left[code].fen - share.fen * 3 / 4) <= 1
