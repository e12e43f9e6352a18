"""Guarantees of a loan decided against the park: required, accepted, called, repaid by subrogation.

A loan that requires guarantees is disbursed only once every guarantor has accepted
(``lending.disburse``). Calling a guarantee records that the guarantor paid the lender; the
payment is allocated over the loan like a repayment, and the guarantor gains a subrogation claim
(追偿权) on the borrower for it, which the borrower repays to the guarantor.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import Conflict, InvalidInput, NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds import allocation as alloc
from sharemarket.domain.funds.errors import (
    GuaranteeNotCallable,
    LoanRepaymentTooLarge,
    LoanSelfLending,
    LoanStatusWrong,
)
from sharemarket.domain.funds.guarantees import Guarantee, GuaranteeKind, GuaranteeStatus
from sharemarket.domain.funds.lending import (
    check_paid_on,
    reason_text,
    require_lender,
    require_status,
    to_pool,
)
from sharemarket.domain.funds.loan import Loan, LoanStatus
from sharemarket.domain.funds.network import GuaranteeNetwork, HeldGuarantee
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park
from sharemarket.domain.time import LAST_BUSINESS_DATE

S = LoanStatus


def _guarantee(loan: Loan, guarantor: FirmId) -> Guarantee:
    g = loan.guarantee_of(guarantor)
    if g is None:
        raise NotFound(f"{guarantor} does not guarantee loan {loan.id}")
    return g


def require_guarantee(
    park: Park, loan: Loan, actor: Actor, guarantor: FirmId, limit: Money, kind: GuaranteeKind
) -> None:
    """The borrower names a guarantor (a member) for up to ``limit``, before approval."""
    park.require_representative(actor, loan.borrower)
    require_status(loan, "require a guarantee", S.SUBMITTED)
    park.require_active(guarantor)
    if guarantor in (loan.borrower, loan.lender):
        raise LoanSelfLending(
            f"{guarantor} is the loan's borrower or lender and cannot guarantee it"
        )
    if loan.guarantee_of(guarantor) is not None:
        raise Conflict(f"{guarantor} is already a guarantor of loan {loan.id}")
    if not limit:
        raise InvalidInput("limit is zero; a guarantee covers a positive amount")
    if limit > loan.terms.principal:
        raise InvalidInput(f"limit {limit} is above the loan's principal {loan.terms.principal}")
    loan.trigger_event(
        Loan.GuaranteeRequired, guarantee=Guarantee(guarantor, limit, kind), actor=actor
    )


def _answer(park: Park, loan: Loan, actor: Actor, guarantor: FirmId) -> None:
    park.require_representative(actor, guarantor)
    require_status(loan, "answer for a guarantee", S.SUBMITTED, S.APPROVED)
    g = _guarantee(loan, guarantor)
    if g.status is not GuaranteeStatus.PENDING:
        raise LoanStatusWrong(f"{guarantor} has already {g.status.value} this guarantee")


def accept(
    park: Park,
    loan: Loan,
    network: GuaranteeNetwork,
    actor: Actor,
    guarantor: FirmId,
    exposures: Mapping[str, Money],
) -> None:
    """The guarantor accepts: the network holds the guarantee (its limit and the guarantor's
    current ``exposures`` within the most one firm may guarantee, closing no cycle where the
    park refuses them); both are saved together."""
    _answer(park, loan, actor, guarantor)
    g = _guarantee(loan, guarantor)
    held = HeldGuarantee(loan.id, guarantor, loan.borrower, loan.lender, g.limit)
    network.hold(actor, held, exposures)
    loan.trigger_event(Loan.GuaranteeAccepted, guarantor=guarantor, actor=actor)


#: A loan in these states has ended: its guarantees leave the network.
ENDED = (S.CLOSED, S.OVERPAID, S.REJECTED, S.WITHDRAWN)


def release_if_ended(loan: Loan, network: GuaranteeNetwork, actor: Actor) -> bool:
    """Release the loan's guarantees from the network once the loan has ended; True if it did."""
    if loan.status in ENDED and network.holds(loan.id):
        network.release(actor, loan.id)
        return True
    return False


def decline(park: Park, loan: Loan, actor: Actor, guarantor: FirmId, reason: str) -> None:
    _answer(park, loan, actor, guarantor)
    loan.trigger_event(
        Loan.GuaranteeDeclined, guarantor=guarantor, reason=reason_text(reason), actor=actor
    )


def record_enforcement_failed(park: Park, loan: Loan, actor: Actor, on: date, reason: str) -> None:
    require_lender(park, loan, actor)
    require_status(loan, "record failed enforcement", S.ACTIVE, S.WRITTEN_OFF)
    if loan.enforcement_failed:
        raise Conflict(f"failed enforcement is already recorded on loan {loan.id}")
    loan.trigger_event(Loan.EnforcementFailed, on=on, reason=reason_text(reason), actor=actor)


def callable_amount(loan: Loan, guarantor: FirmId, on: date) -> Money:
    """The most the lender may call ``guarantor`` for on ``on``: within its exposure, and
    within what is overdue (everything owed, once the loan is written off)."""
    g = _guarantee(loan, guarantor)
    if not loan.is_open or g.status is not GuaranteeStatus.ACCEPTED:
        return Money(0)
    if g.kind is GuaranteeKind.GENERAL and not loan.enforcement_failed:
        return Money(0)
    due = loan.outstanding if loan.status is S.WRITTEN_OFF else loan.arrears(on).total
    return min(due, loan.exposure(guarantor))


def call(
    park: Park,
    loan: Loan,
    pool: Pool | None,
    actor: Actor,
    guarantor: FirmId,
    amount: Money,
    on: date,
) -> None:
    """The lender called ``guarantor``, who paid ``amount``: allocated over the loan like a
    repayment (all of it due, once written off), and a subrogation claim on the borrower."""
    require_lender(park, loan, actor)
    require_status(loan, "call a guarantee", S.ACTIVE, S.WRITTEN_OFF)
    check_paid_on(loan, on)
    g = _guarantee(loan, guarantor)
    most = callable_amount(loan, guarantor, on)
    if not amount or amount > most:
        why = (
            "a general guarantee (一般保证) is callable only after failed enforcement against "
            "the borrower is recorded"
            if g.kind is GuaranteeKind.GENERAL and not loan.enforcement_failed
            else f"the most it can be called for on {on} is {most} (its exposure "
            f"{loan.exposure(guarantor)}, within what is overdue)"
        )
        raise GuaranteeNotCallable(f"cannot call {guarantor} for {amount}: {why}")
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


def repay_subrogation(
    park: Park, loan: Loan, actor: Actor, guarantor: FirmId, amount: Money, on: date
) -> None:
    """The guarantor records what the borrower repaid it on its subrogation claim."""
    park.require_representative(actor, guarantor, must_be_active=False)
    g = _guarantee(loan, guarantor)
    if not amount or amount > g.claim:
        raise LoanRepaymentTooLarge(
            f"{guarantor} holds a subrogation claim of {g.claim} on loan {loan.id}; "
            f"a repayment of {amount} must be positive and within it"
        )
    loan.trigger_event(
        Loan.SubrogationRepaid, guarantor=guarantor, amount=amount, paid_on=on, actor=actor
    )
