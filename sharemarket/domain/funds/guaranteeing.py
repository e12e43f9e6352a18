"""Guarantees of a loan decided against the park: required, accepted, declined, repaid by
subrogation.

A loan that requires guarantees is disbursed only once every guarantor has accepted
(``lending.disburse``). Calls and the guarantor's payments are in ``calls``; a payment gives the
guarantor a subrogation claim (追偿权) on the borrower, which the borrower repays to it here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import Conflict, InvalidInput, NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.errors import (
    LoanRepaymentTooLarge,
    LoanSelfLending,
    LoanStatusWrong,
)
from sharemarket.domain.funds.guarantees import Guarantee, GuaranteeKind, GuaranteeStatus
from sharemarket.domain.funds.lending import (
    reason_text,
    require_lender,
    require_status,
)
from sharemarket.domain.funds.loan import Loan, LoanStatus
from sharemarket.domain.funds.network import GuaranteeNetwork, HeldGuarantee
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park

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
