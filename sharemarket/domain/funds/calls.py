"""Calling a guarantee: the lender calls a guarantor, who later pays and so gains a claim.

A joint-and-several guarantor (连带责任保证) can be called as soon as an instalment is overdue; a
general guarantor (一般保证, the type presumed when none is stated: Civil Code Art. 686) only once
the lender has recorded that enforcement against the borrower failed (its 先诉抗辩权, the
right to have the borrower pursued first). A call is for what is overdue (everything owed, once
the loan is written off), within the guarantor's exposure less what it has been called for and
not yet paid. The guarantor's payment, recorded by the lender, answers an open call: it is
allocated over the loan like a repayment, and the guarantor gains a subrogation claim (追偿权) on
the borrower for it.
"""

from __future__ import annotations

from datetime import date

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds import allocation as alloc
from sharemarket.domain.funds.errors import GuaranteeCallNotIssued, GuaranteeNotCallable
from sharemarket.domain.funds.guarantees import Guarantee, GuaranteeKind, GuaranteeStatus
from sharemarket.domain.funds.lending import require_lender, require_status
from sharemarket.domain.funds.loan import Loan, LoanStatus
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.funds.repayments import check_paid_on, to_pool
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park
from sharemarket.domain.time import LAST_BUSINESS_DATE

S = LoanStatus


def _guarantee(loan: Loan, guarantor: FirmId) -> Guarantee:
    g = loan.guarantee_of(guarantor)
    if g is None:
        raise NotFound(f"{guarantor} does not guarantee loan {loan.id}")
    return g


def callable_amount(loan: Loan, guarantor: FirmId, on: date) -> Money:
    """The most ``guarantor`` may pay on a call on ``on``: within its exposure, and within what
    is overdue (everything owed, once the loan is written off)."""
    g = _guarantee(loan, guarantor)
    if not loan.is_open or g.status is not GuaranteeStatus.ACCEPTED:
        return Money(0)
    if g.kind is GuaranteeKind.GENERAL and not loan.enforcement_failed:
        return Money(0)
    due = loan.outstanding if loan.status is S.WRITTEN_OFF else loan.arrears(on).total
    return min(due, loan.exposure(guarantor))


def _why_not(loan: Loan, guarantor: FirmId, on: date, most: Money) -> str:
    g = _guarantee(loan, guarantor)
    if g.kind is GuaranteeKind.GENERAL and not loan.enforcement_failed:
        return (
            "a general guarantee (一般保证) is callable only after failed enforcement against "
            "the borrower is recorded"
        )
    return (
        f"the most it can be called for on {on} is {most} (its exposure "
        f"{loan.exposure(guarantor)}, within what is overdue, less {g.called} already called)"
    )


def issue(park: Park, loan: Loan, actor: Actor, guarantor: FirmId, amount: Money, on: date) -> None:
    """The lender calls ``guarantor`` for ``amount``: overdue, within its exposure less the
    calls it has not paid yet, a general guarantee only after failed enforcement."""
    require_lender(park, loan, actor)
    require_status(loan, "call a guarantee", S.ACTIVE, S.WRITTEN_OFF)
    check_paid_on(loan, on)
    g = _guarantee(loan, guarantor)
    most = max(Money(0), callable_amount(loan, guarantor, on) - g.called)
    if not amount or amount > most:
        why = _why_not(loan, guarantor, on, most)
        raise GuaranteeNotCallable(f"cannot call {guarantor} for {amount}: {why}")
    loan.trigger_event(
        Loan.GuaranteeCallIssued, guarantor=guarantor, amount=amount, on=on, actor=actor
    )


def pay(
    park: Park,
    loan: Loan,
    pool: Pool | None,
    actor: Actor,
    guarantor: FirmId,
    amount: Money,
    on: date,
) -> None:
    """The lender records that ``guarantor`` paid ``amount`` on its open call: allocated over
    the loan like a repayment (all of it due, once written off), and a subrogation claim on the
    borrower. What the borrower has paid since the call lowers what can still be paid."""
    require_lender(park, loan, actor)
    require_status(loan, "record a guarantor's payment", S.ACTIVE, S.WRITTEN_OFF)
    check_paid_on(loan, on)
    g = _guarantee(loan, guarantor)
    if not amount or amount > g.called:
        raise GuaranteeCallNotIssued(
            f"{guarantor} has been called for {g.called} on loan {loan.id} and not paid it; "
            f"a payment of {amount} must be positive and within it (the lender calls first)"
        )
    most = callable_amount(loan, guarantor, on)
    if amount > most:
        why = _why_not(loan, guarantor, on, most)
        raise GuaranteeNotCallable(f"{guarantor} cannot pay {amount} on its call: {why}")
    as_of = LAST_BUSINESS_DATE if loan.status is S.WRITTEN_OFF else on
    allocation = alloc.allocate(loan.owed, amount, as_of)
    to_pool(pool, loan, actor, allocation, on)
    loan.trigger_event(
        Loan.GuaranteeCalled,
        guarantor=guarantor,
        amount=amount,
        paid_on=on,
        allocation=allocation,
        actor=actor,
    )


def call_and_pay(
    park: Park,
    loan: Loan,
    pool: Pool | None,
    actor: Actor,
    guarantor: FirmId,
    amount: Money,
    on: date,
) -> None:
    """A call the guarantor paid on the day it was issued: both steps recorded at once."""
    issue(park, loan, actor, guarantor, amount, on)
    pay(park, loan, pool, actor, guarantor, amount, on)
