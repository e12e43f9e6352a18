"""Who approves a pool loan is the pool's rule: its administrators, or enough of a committee of
member firms, each approving once and never for its own loan; refusals record nothing."""

from __future__ import annotations

from decimal import Decimal

from sharemarket import (
    InvalidInput,
    LoanStatus,
    Money,
    NotFound,
    PermissionDenied,
    PoolApprovalRepeated,
    PoolApproverNotAllowed,
)
from tests.application.funds.test_loans import refused
from tests.funds_support import CONTRACT, park, pool, terms
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, rep


def _apply(market, p, key="loan"):  # type: ignore[no-untyped-def]
    return market.funds.apply_to_pool(
        rep(TONGXIN), request_id=key, pool=p, **terms(principal="120000", annual_rate=Decimal(0))
    )


def test_a_committee_approves_when_enough_firms_have_each_approved_once(market):
    park(market)
    p = pool(market)
    market.funds.set_pool_approvers(
        ADMIN, request_id="committee", pool=p, approvers=[TONGXIN.code, JIAMEI.code, SHUNMEI.code],
        approvals_needed=2,
    )  # fmt: skip
    rules = market.funds.pool(p).rules
    assert ({JIAMEI, SHUNMEI, TONGXIN}, 2) == (set(rules.approvers), rules.approvals_needed)
    loan = _apply(market, p)
    approve = market.funds.approve_loan
    # The administrators no longer approve, nor a firm off the committee, nor the borrower.
    for actor, key in ((ADMIN, "by-admin"), (rep(GUANFU), "by-guanfu"), (rep(TONGXIN), "own")):
        refused(
            market,
            PoolApproverNotAllowed,
            lambda actor=actor, key=key: approve(actor, request_id=key, loan=loan),
        )
    approve(rep(JIAMEI), request_id="jiamei", loan=loan)
    assert LoanStatus.SUBMITTED is market.funds.loan(loan).status  # one of two
    refused(
        market,
        PoolApprovalRepeated,
        lambda: approve(rep(JIAMEI, 2), request_id="jiamei-again", loan=loan),
    )
    approve(rep(SHUNMEI), request_id="shunmei", loan=loan)
    assert LoanStatus.APPROVED is market.funds.loan(loan).status
    # The administrators still pay out; an undone approval needs the committee again.
    market.funds.undo_approval(ADMIN, request_id="undo", loan=loan, reason="terms to review")
    approve(rep(JIAMEI), request_id="jiamei-2", loan=loan)
    assert LoanStatus.SUBMITTED is market.funds.loan(loan).status
    approve(rep(SHUNMEI), request_id="shunmei-2", loan=loan)
    market.funds.disburse_loan(ADMIN, request_id="pay", loan=loan, disbursed_on=CONTRACT)
    assert LoanStatus.ACTIVE is market.funds.loan(loan).status


def test_without_a_committee_the_administrators_approve(market):
    park(market)
    p = pool(market)
    loan = _apply(market, p)
    refused(
        market,
        PermissionDenied,
        lambda: market.funds.approve_loan(rep(JIAMEI), request_id="by-firm", loan=loan),
    )
    market.funds.approve_loan(ADMIN, request_id="ok", loan=loan)
    assert LoanStatus.APPROVED is market.funds.loan(loan).status


def test_only_administrators_name_a_committee_of_members_needing_a_possible_count(market):
    park(market)
    p = pool(market)
    name = market.funds.set_pool_approvers
    firms = [JIAMEI.code, SHUNMEI.code]
    refused(
        market,
        PermissionDenied,
        lambda: name(rep(JIAMEI), request_id="by-firm", pool=p, approvers=firms,
                     approvals_needed=1),
    )  # fmt: skip
    for needed in (0, 3):
        refused(
            market,
            InvalidInput,
            lambda needed=needed: name(ADMIN, request_id=f"n-{needed}", pool=p, approvers=firms,
                                       approvals_needed=needed),
        )  # fmt: skip
    refused(
        market,
        InvalidInput,
        lambda: name(ADMIN, request_id="twice", pool=p, approvers=[*firms, JIAMEI.code],
                     approvals_needed=1),
    )  # fmt: skip
    refused(
        market,
        NotFound,
        lambda: name(ADMIN, request_id="stranger", pool=p, approvers=["91350100M000100Y43"],
                     approvals_needed=1),
    )  # fmt: skip
    assert () == market.funds.pool(p).rules.approvers


def test_a_pool_whose_committee_approves_its_loans_has_a_timeline(market):
    """The timeline replays the pool with its committee named (no gap in its versions)."""
    park(market)
    p = pool(market)
    market.funds.set_pool_approvers(
        ADMIN, request_id="committee", pool=p, approvers=[JIAMEI.code, SHUNMEI.code],
        approvals_needed=1,
    )  # fmt: skip
    loan = _apply(market, p)
    market.funds.approve_loan(rep(JIAMEI), request_id="ok", loan=loan)
    market.funds.disburse_loan(ADMIN, request_id="pay", loan=loan, disbursed_on=CONTRACT)
    last = market.funds.timeline(CONTRACT, CONTRACT).days[-1]
    assert (market.funds.pool(p).cash, Money.of("120000")) == (
        last.pool_cash,
        last.loans_outstanding,
    )
