"""The loan's lifecycle up to disbursal, decided against the park, the LPR table and (for pool
loans) the pool: applying, approval, rejection, withdrawal, disbursal and its undoing.

A rule spanning the loan and the pool lives here: a pool loan's disbursal changes both, and the
handler saves both in one transaction (as for repayments, in ``repayments``, and calls, in
``calls``).
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds import allocation as alloc
from sharemarket.domain.funds import pool_cash
from sharemarket.domain.funds.errors import (
    LoanDisbursalDate,
    LoanGuaranteesPending,
    LoanSelfLending,
    LoanStatusWrong,
    PoolApprovalRepeated,
)
from sharemarket.domain.funds.groups import JointGroups
from sharemarket.domain.funds.guarantees import GuaranteeStatus
from sharemarket.domain.funds.loan import Loan, LoanStatus
from sharemarket.domain.funds.lpr import LprTable
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.funds.schedule import LoanTerms, build_schedule
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text

REASON_MAX = 500
S = LoanStatus


def require_status(loan: Loan, doing: str, *allowed: LoanStatus) -> None:
    if loan.status not in allowed:
        names = " or ".join(s.value for s in allowed)
        raise LoanStatusWrong(
            f"cannot {doing}: loan {loan.id} is {loan.status.value}, and only a {names} loan can"
        )


def require_lender(park: Park, loan: Loan, actor: Actor) -> None:
    """The pool's administrators act for a pool loan; the lender's representatives otherwise."""
    if loan.pool is not None:
        park.require_administrator(actor)
    else:
        park.require_representative(actor, loan.lender, must_be_active=False)


def reason_text(reason: str) -> str:
    return free_text(reason, "reason", REASON_MAX)


def submit(
    park: Park,
    table: LprTable,
    actor: Actor,
    *,
    loan_id: UUID,
    lender: FirmId | None,
    pool: Pool | None,
    terms: LoanTerms,
) -> Loan:
    """The borrower applies: to the pool (``pool``) or to a member firm (``lender``)."""
    borrower = actor.firm
    if borrower is None:
        raise InvalidInput("a loan is applied for by a representative of the borrowing firm")
    park.require_representative(actor, borrower)
    return application(
        park,
        table,
        actor,
        loan_id=loan_id,
        borrower=borrower,
        lender=lender,
        pool=pool,
        terms=terms,
    )


def application(
    park: Park,
    table: LprTable,
    actor: Actor,
    *,
    loan_id: UUID,
    borrower: FirmId,
    lender: FirmId | None,
    pool: Pool | None,
    terms: LoanTerms,
) -> Loan:
    """``borrower``'s loan application, every rule of a loan checked but who asks: the caller
    has checked that ``actor`` may apply for ``borrower`` (its representative in :func:`submit`,
    a side of the accepted match a loan is drafted from in the matching slice)."""
    park.require_active(borrower)
    lpr = table.check_cap(terms.contract_date, terms.annual_rate, terms.overdue_rate)
    if pool is not None:
        pool_cash.check_terms(pool, borrower, terms)
        lender = pool.custodian
    else:
        assert lender is not None
        park.require_active(lender)
    if lender == borrower:
        raise LoanSelfLending(f"{borrower} cannot lend to itself")
    return Loan._create(
        Loan.Submitted,
        id=loan_id,
        borrower=borrower,
        lender=lender,
        pool=None if pool is None else pool.id,
        terms=terms,
        lpr=lpr,
        actor=actor,
    )


def approve(park: Park, loan: Loan, actor: Actor, pool: Pool | None = None) -> None:
    """The lender approves; a pool loan as the pool's rules say (its administrators, or
    enough of its committee firms, each approving once)."""
    require_status(loan, "approve", S.SUBMITTED)
    if loan.pool is None:
        require_lender(park, loan, actor)
        park.require_active(loan.borrower)
        loan.trigger_event(Loan.Approved, actor=actor)
        return
    assert pool is not None
    assert pool.id == loan.pool
    firm = pool.approver(park, actor, loan.borrower)
    park.require_active(loan.borrower)
    if firm is not None:
        if firm in loan.approvals:
            raise PoolApprovalRepeated(
                f"{firm} has already approved loan {loan.id}; "
                f"{pool.rules.approvals_needed} committee firms of {pool.name} must approve"
            )
        loan.trigger_event(Loan.ApprovalGiven, firm=firm, actor=actor)
        if len(loan.approvals) < pool.rules.approvals_needed:
            return
    loan.trigger_event(Loan.Approved, actor=actor)


def undo_approval(park: Park, loan: Loan, actor: Actor, reason: str) -> None:
    require_lender(park, loan, actor)
    require_status(loan, "undo the approval", S.APPROVED)
    loan.trigger_event(Loan.ApprovalUndone, reason=reason_text(reason), actor=actor)


def reject(park: Park, loan: Loan, actor: Actor, reason: str) -> None:
    require_lender(park, loan, actor)
    require_status(loan, "reject", S.SUBMITTED, S.APPROVED)
    loan.trigger_event(Loan.Rejected, reason=reason_text(reason), actor=actor)


def withdraw(park: Park, loan: Loan, actor: Actor, reason: str) -> None:
    park.require_representative(actor, loan.borrower, must_be_active=False)
    require_status(loan, "withdraw", S.SUBMITTED, S.APPROVED)
    loan.trigger_event(Loan.Withdrawn, reason=reason_text(reason), actor=actor)


def disburse(
    park: Park,
    loan: Loan,
    pool: Pool | None,
    actor: Actor,
    on: date,
    groups: JointGroups,
) -> None:
    """Pay the principal out: approved, every guarantee accepted, the borrower's joint guarantee
    group guaranteeing it (``groups``, saved with the loan: the check is recorded there), dates
    in order, and for a pool loan the pool's cash, lending share and per-firm limit (the pool is
    saved with the loan)."""
    require_lender(park, loan, actor)
    require_status(loan, "disburse", S.APPROVED)
    park.require_active(loan.borrower)
    waiting = [g for g in loan.guarantors if g.status is not GuaranteeStatus.ACCEPTED]
    if waiting:
        names = ", ".join(f"{g.guarantor} ({g.status.value})" for g in waiting)
        raise LoanGuaranteesPending(
            f"loan {loan.id} requires guarantees not yet accepted: {names}; each guarantor "
            "accepts first (or the borrower withdraws and applies again)"
        )
    terms = loan.terms
    if not terms.contract_date <= on < terms.first_due_date:
        raise LoanDisbursalDate(
            f"disbursal on {on} must fall on or after the contract date {terms.contract_date} "
            f"and before the first due date {terms.first_due_date}"
        )
    accepted = {
        g.guarantor: g.kind for g in loan.guarantors if g.status is GuaranteeStatus.ACCEPTED
    }
    groups.check_disbursal(park, actor, loan.id, loan.borrower, accepted)
    if pool is not None:
        pool_cash.lend(pool, actor, loan.id, loan.borrower, terms.principal)
    loan.trigger_event(
        Loan.Disbursed, disbursed_on=on, schedule=build_schedule(terms, on), actor=actor
    )


def undo_disbursal(park: Park, loan: Loan, pool: Pool | None, actor: Actor, reason: str) -> None:
    require_lender(park, loan, actor)
    require_status(loan, "undo the disbursal", S.ACTIVE)
    if loan.owed != tuple(alloc.Owed.of(i) for i in loan.schedule):
        raise LoanStatusWrong(
            f"cannot undo the disbursal of loan {loan.id}: repayments, calls or penalties are "
            "already recorded on it"
        )
    if pool is not None:
        assert loan.disbursed_on is not None
        pool_cash.unlend(
            pool, actor, loan.id, loan.borrower, loan.terms.principal, loan.disbursed_on
        )
    loan.trigger_event(
        Loan.DisbursalUndone,
        principal=loan.terms.principal,
        interest=Money.sum(i.interest for i in loan.schedule),
        reason=reason_text(reason),
        actor=actor,
    )
