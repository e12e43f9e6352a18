"""Fund loans in the journal (CNY): contributions, loans receivable and payable, interest,
penalties, overpayments and subrogation claims, each a zero-sum pair of postings.

A contribution is owed back by the pool's custodian to the contributor (a bill pair). A loan
keeps three pairs of its own: principal on the loan accounts, interest and penalty interest on
the interest accounts, a guarantor's subrogation claim on the claim accounts. A disbursal books
the principal and the schedule's interest receivable by the lender and payable by the borrower;
a penalty accrual books the penalty; interest a prepayment saves is reversed; a repayment clears
what its allocation paid, each component on its own accounts. A guarantor's payment clears the
lender's receivables the same way and gives the guarantor a claim on the borrower (追偿权),
which the borrower's repayments to it clear. A write-off is the lender's and pool's decision not
to expect the money: the borrower's legal debt stays in the journal, so a guarantor's later
payment still clears it. Guarantee exposure is contingent, off the balance: see
``market.funds.exposure``. The pool's own cash events post nothing (the loan's events do).
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sharemarket.application.projections.journal import (
    AccountKind,
    Pair,
    Posting,
    PostingRules,
    owed,
    paid,
)
from sharemarket.application.projections.parties import PartyBook, PartyRules, Roles
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.allocation import Allocation
from sharemarket.domain.funds.groups import JointGroups
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.lpr import LprTable
from sharemarket.domain.funds.network import GuaranteeNetwork
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.money import Money

postings = PostingRules()
parties = PartyRules()


@parties.declare(Loan.Submitted)
def loan_parties(event: Loan.Submitted) -> Roles:
    return {"borrower": event.borrower, "lender": event.lender}


@parties.declare(Pool.Established)
def pool_parties(event: Pool.Established) -> Roles:
    return {"custodian": event.custodian}


def _role(book: PartyBook, aggregate_id: UUID, role: str) -> FirmId:
    try:
        return book.roles(aggregate_id)[role]
    except KeyError:
        raise LookupError(
            f"{aggregate_id} has no known {role}: its first event was never projected"
        ) from None


#: The loans' own accounts: principal, interest (penalty interest with it), subrogation claims.
LOAN: Pair = (AccountKind.LOAN_PAYABLE, AccountKind.LOAN_RECEIVABLE)
INTEREST: Pair = (AccountKind.INTEREST_PAYABLE, AccountKind.INTEREST_RECEIVABLE)
CLAIM: Pair = (AccountKind.CLAIM_PAYABLE, AccountKind.CLAIM_RECEIVABLE)


def _owed(
    book: PartyBook, loan_id: UUID, amount: Money, ref: str, pair: Pair
) -> tuple[Posting, ...]:
    """``amount`` more owed by the borrower to the lender, on ``pair``."""
    return owed(
        amount.fen,
        debtor=_role(book, loan_id, "borrower"),
        creditor=_role(book, loan_id, "lender"),
        reference=ref,
        pair=pair,
    )


def _paid(
    book: PartyBook, loan_id: UUID, amount: Money, ref: str, pair: Pair
) -> tuple[Posting, ...]:
    """``amount`` of the borrower's debt to the lender on ``pair`` cleared."""
    return paid(
        amount.fen,
        debtor=_role(book, loan_id, "borrower"),
        creditor=_role(book, loan_id, "lender"),
        reference=ref,
        pair=pair,
    )


def _cleared(book: PartyBook, loan_id: UUID, a: Allocation, ref: str) -> tuple[Posting, ...]:
    """What an allocation paid, principal on the loan accounts, interest and penalty on the
    interest accounts."""
    return (
        *_paid(book, loan_id, a.principal, ref, LOAN),
        *_paid(book, loan_id, a.interest + a.penalty, ref, INTEREST),
    )


@postings.rule(Pool.ContributionReceived)
def contribution(event: Pool.ContributionReceived, book: PartyBook) -> Sequence[Posting]:
    return owed(
        event.amount.fen,
        debtor=_role(book, event.originator_id, "custodian"),
        creditor=event.contributor,
        reference=f"contribution to pool {event.originator_id}",
    )


@postings.rule(Pool.ContributionWithdrawn)
def withdrawal(event: Pool.ContributionWithdrawn, book: PartyBook) -> Sequence[Posting]:
    return paid(
        event.amount.fen,
        debtor=_role(book, event.originator_id, "custodian"),
        creditor=event.contributor,
        reference=f"withdrawal from pool {event.originator_id}",
    )


def _scheduled(schedule: Sequence[object]) -> tuple[Money, Money]:
    return (
        Money.sum(i.principal for i in schedule),  # type: ignore[attr-defined]
        Money.sum(i.interest for i in schedule),  # type: ignore[attr-defined]
    )


@postings.rule(Loan.Disbursed)
def disbursed(event: Loan.Disbursed, book: PartyBook) -> Sequence[Posting]:
    principal, interest = _scheduled(event.schedule)
    loan = event.originator_id
    return (
        *_owed(book, loan, principal, "principal", LOAN),
        *_owed(book, loan, interest, "interest", INTEREST),
    )


@postings.rule(Loan.PenaltyAccrued)
def penalty(event: Loan.PenaltyAccrued, book: PartyBook) -> Sequence[Posting]:
    total = Money.sum(c.amount for c in event.charges)
    return _owed(book, event.originator_id, total, f"penalty interest to {event.as_of}", INTEREST)


@postings.rule(Loan.InterestRepriced)
def repriced(event: Loan.InterestRepriced, book: PartyBook) -> Sequence[Posting]:
    """The interest a prepayment saves is no longer owed: a reversing entry of part of the
    interest booked at disbursal."""
    saved = Money.sum(c.before - c.after for c in event.changes)
    ref = f"interest saved by prepayment on {event.on}"
    return _paid(book, event.originator_id, saved, ref, INTEREST)


@postings.rule(Loan.RepaymentRecorded)
def repaid(event: Loan.RepaymentRecorded, book: PartyBook) -> Sequence[Posting]:
    a, loan = event.allocation, event.originator_id
    excess = owed(
        a.excess.fen,
        debtor=_role(book, loan, "lender"),
        creditor=_role(book, loan, "borrower"),
        reference="overpayment",
    )
    return (*_cleared(book, loan, a, f"repayment on {event.paid_on}"), *excess)


@postings.rule(Loan.OverpaymentRefunded)
def refunded(event: Loan.OverpaymentRefunded, book: PartyBook) -> Sequence[Posting]:
    loan = event.originator_id
    return paid(
        event.amount.fen,
        debtor=_role(book, loan, "lender"),
        creditor=_role(book, loan, "borrower"),
        reference="refund",
    )


@postings.rule(Loan.DisbursalUndone)
def disbursal_undone(event: Loan.DisbursalUndone, book: PartyBook) -> Sequence[Posting]:
    """The reversing entry of the disbursal (only a loan with nothing paid can be undone)."""
    loan = event.originator_id
    return (
        *_paid(book, loan, event.principal, "principal (disbursal undone)", LOAN),
        *_paid(book, loan, event.interest, "interest (disbursal undone)", INTEREST),
    )


@postings.rule(Loan.GuaranteeCalled)
def called(event: Loan.GuaranteeCalled, book: PartyBook) -> Sequence[Posting]:
    loan = event.originator_id
    claim = owed(
        event.amount.fen,
        debtor=_role(book, loan, "borrower"),
        creditor=event.guarantor,
        reference="subrogation claim",
        pair=CLAIM,
    )
    ref = f"paid by guarantor {event.guarantor.short}"
    return (*_cleared(book, loan, event.allocation, ref), *claim)


@postings.rule(Loan.SubrogationRepaid)
def subrogation_repaid(event: Loan.SubrogationRepaid, book: PartyBook) -> Sequence[Posting]:
    return paid(
        event.amount.fen,
        debtor=_role(book, event.originator_id, "borrower"),
        creditor=event.guarantor,
        reference="subrogation repaid",
        pair=CLAIM,
    )


postings.moves_no_value(
    LprTable.Started,
    LprTable.FigureRecorded,
    Pool.Established,
    Pool.CashLent,
    Pool.CashReturned,
    Pool.CashRefunded,
    Pool.LoanLost,
    Pool.LossRecovered,
    Pool.ApproversSet,
    Loan.Submitted,
    Loan.GuaranteeRequired,
    Loan.GuaranteeAccepted,
    Loan.GuaranteeDeclined,
    Loan.ApprovalGiven,
    Loan.Approved,
    Loan.ApprovalUndone,
    Loan.Rejected,
    Loan.Withdrawn,
    Loan.EnforcementFailed,
    Loan.GuaranteeCallIssued,
    Loan.WrittenOff,
    # Guarantees are contingent: off the balance (market.funds.guarantee_network()).
    GuaranteeNetwork.Started,
    GuaranteeNetwork.RulesSet,
    GuaranteeNetwork.GuaranteeHeld,
    GuaranteeNetwork.GuaranteesReleased,
    JointGroups.Started,
    JointGroups.GroupFormed,
    JointGroups.MemberJoined,
    JointGroups.MemberLeft,
    JointGroups.LoanDisbursalChecked,
)
