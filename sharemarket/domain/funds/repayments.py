"""What a disbursed loan receives and owes: repayments (allocated once, recorded in the event),
penalty interest by the day, write-off and the refund of an overpayment; and what of it reaches
the pool, for a pool loan (the pool is saved with the loan)."""

from __future__ import annotations

from datetime import date

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.funds import allocation as alloc
from sharemarket.domain.funds import pool_cash, prepayment
from sharemarket.domain.funds.errors import LoanRepaymentTooLarge
from sharemarket.domain.funds.lending import S, reason_text, require_lender, require_status
from sharemarket.domain.funds.loan import Loan, PenaltyCharge
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.funds.prepayment import InterestChange
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park


def check_paid_on(loan: Loan, on: date) -> None:
    assert loan.disbursed_on is not None
    if on < loan.disbursed_on:
        raise InvalidInput(f"paid on {on} is before the disbursal on {loan.disbursed_on}")


def to_pool(pool: Pool | None, loan: Loan, actor: Actor, a: alloc.Allocation, on: date) -> None:
    """Money paid on a pool loan reaches the pool: a recovery, once the loan is written off."""
    if pool is None:
        return
    income = a.interest + a.penalty
    if loan.status is S.WRITTEN_OFF:
        pool_cash.recover(pool, actor, loan.id, loan.borrower, a.principal, income, on)
    else:
        pool_cash.receive(pool, actor, loan.id, loan.borrower, a.principal, income, a.excess, on)


def repay(park: Park, loan: Loan, pool: Pool | None, actor: Actor, amount: Money, on: date) -> None:
    """The lender records a repayment received; the allocation is decided once and recorded.
    Principal prepaid lowers the interest of the instalments not yet due (``prepayment``),
    recorded before the repayment that pays the lowered interest."""
    require_lender(park, loan, actor)
    require_status(loan, "record a repayment", S.ACTIVE)
    check_paid_on(loan, on)
    if not amount:
        raise InvalidInput("amount is zero; record a positive repayment")
    assert loan.disbursed_on is not None
    disbursed_on, owed = loan.disbursed_on, loan.owed
    repriced: list[InterestChange] = []

    def lowered(middle: tuple[alloc.Owed, ...]) -> dict[int, Money]:
        repriced.extend(prepayment.reprice(loan.terms, disbursed_on, owed, middle, on))
        return {c.number: c.after for c in repriced}

    allocation = alloc.allocate(owed, amount, on, lowered)
    to_pool(pool, loan, actor, allocation, on)
    if repriced:
        loan.trigger_event(Loan.InterestRepriced, on=on, changes=tuple(repriced), actor=actor)
    loan.trigger_event(
        Loan.RepaymentRecorded, amount=amount, paid_on=on, allocation=allocation, actor=actor
    )


def accrue_penalty(park: Park, loan: Loan, actor: Actor, as_of: date) -> None:
    """Penalty interest on overdue principal up to ``as_of`` (the domain reads no clock), by
    the day on each balance: a repayment since the last accrual lowers it from its date on."""
    require_lender(park, loan, actor)
    require_status(loan, "accrue penalty interest", S.ACTIVE)
    assert loan.penalty_accrued_to is not None
    if as_of <= loan.penalty_accrued_to:
        raise InvalidInput(
            f"as of {as_of} is not after {loan.penalty_accrued_to}, to which penalty interest "
            "is already accrued"
        )
    charges = alloc.penalties(
        loan.owed,
        loan.terms.overdue_rate,
        loan.penalty_accrued_to,
        as_of,
        loan.penalty_fen_days,
        loan.penalty_since,
    )
    loan.trigger_event(
        Loan.PenaltyAccrued,
        as_of=as_of,
        charges=tuple(PenaltyCharge(n, m) for n, m in charges),
        actor=actor,
    )


def write_off(
    park: Park, loan: Loan, pool: Pool | None, actor: Actor, on: date, reason: str
) -> None:
    require_lender(park, loan, actor)
    require_status(loan, "write off", S.ACTIVE)
    check_paid_on(loan, on)
    owed = loan.owed
    principal = Money.sum(o.principal for o in owed)
    if pool is not None:
        pool_cash.lose(pool, actor, loan.id, loan.borrower, principal, on)
    loan.trigger_event(
        Loan.WrittenOff,
        on=on,
        principal=principal,
        interest=Money.sum(o.interest for o in owed),
        penalty=Money.sum(o.penalty for o in owed),
        reason=reason_text(reason),
        actor=actor,
    )


def refund(
    park: Park, loan: Loan, pool: Pool | None, actor: Actor, amount: Money, on: date
) -> None:
    """The lender refunds an overpayment; refunding all of it closes the loan."""
    require_lender(park, loan, actor)
    require_status(loan, "refund an overpayment", S.OVERPAID)
    if amount != loan.excess:
        raise LoanRepaymentTooLarge(
            f"loan {loan.id} was overpaid by {loan.excess}; refund exactly that, not {amount}"
        )
    if pool is not None:
        pool_cash.refund(pool, actor, loan.id, loan.borrower, amount)
    loan.trigger_event(Loan.OverpaymentRefunded, amount=amount, paid_on=on, actor=actor)
