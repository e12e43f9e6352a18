"""Labour sharing (共享用工) in the journal: confirmed minutes, their reversals, bills and payments.

A confirmed shift of 90 minutes posts -90 labour minutes given by the lender and +90 received by
the borrower; its reversing entry posts the opposite. A settlement posts its amount receivable by
the lender and payable by the borrower; a payment clears that much of both.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sharemarket.application.projections.journal import (
    AccountKind,
    Asset,
    Posting,
    PostingRules,
    owed,
    paid,
    transfer,
)
from sharemarket.application.projections.parties import PartyBook, PartyRules, Roles
from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.policy import LabourRules
from sharemarket.domain.labour.timesheet import WorkerTimesheet

LABOUR_MINUTES: Asset[Minutes] = Asset("LABOUR_MINUTES", Minutes)
"""Minutes of confirmed work by lent workers: given by the lender, received by the borrower."""

postings = PostingRules()
parties = PartyRules()

GIVEN, RECEIVED = AccountKind.GIVEN, AccountKind.RECEIVED


@parties.declare(LabourAgreement.Proposed, LabourAgreement.ProposedFromMatch)
def agreement_parties(event: LabourAgreement.Proposed) -> Roles:
    return {"borrower": event.borrower, "lender": event.lender}


@parties.declare(WorkerTimesheet.Opened)
def timesheet_parties(event: WorkerTimesheet.Opened) -> Roles:
    return {"home": event.home_firm}


def lender_and_borrower(book: PartyBook, agreement_id: UUID) -> tuple[FirmId, FirmId]:
    roles = book.roles(agreement_id)
    try:
        return roles["lender"], roles["borrower"]
    except KeyError:
        raise LookupError(
            f"labour agreement {agreement_id} has no known lender and borrower: its Proposed "
            "event was never projected"
        ) from None


@postings.rule(LabourAgreement.ShiftConfirmed)
def shift_confirmed(event: LabourAgreement.ShiftConfirmed, book: PartyBook) -> Sequence[Posting]:
    lender, borrower = lender_and_borrower(book, event.originator_id)
    shift = event.shift
    return transfer(
        LABOUR_MINUTES,
        shift.minutes.value,
        source=lender,
        source_kind=GIVEN,
        target=borrower,
        target_kind=RECEIVED,
        reference=f"shift {shift.shift_id}",
    )


@postings.rule(LabourAgreement.ShiftReversed)
def shift_reversed(event: LabourAgreement.ShiftReversed, book: PartyBook) -> Sequence[Posting]:
    lender, borrower = lender_and_borrower(book, event.originator_id)
    shift = event.shift
    return transfer(
        LABOUR_MINUTES,
        shift.minutes.value,
        source=borrower,
        source_kind=RECEIVED,
        target=lender,
        target_kind=GIVEN,
        reference=f"shift {shift.shift_id}",
    )


@postings.rule(LabourAgreement.SettlementIssued)
def settlement_issued(
    event: LabourAgreement.SettlementIssued, book: PartyBook
) -> Sequence[Posting]:
    lender, borrower = lender_and_borrower(book, event.originator_id)
    settlement = event.settlement
    return owed(
        settlement.amount.fen,
        debtor=borrower,
        creditor=lender,
        reference=f"settlement {settlement.settlement_id}",
    )


@postings.rule(LabourAgreement.PaymentRecorded)
def payment_recorded(event: LabourAgreement.PaymentRecorded, book: PartyBook) -> Sequence[Posting]:
    lender, borrower = lender_and_borrower(book, event.originator_id)
    return paid(
        event.amount.fen,
        debtor=borrower,
        creditor=lender,
        reference=f"payment {event.payment_id} on settlement {event.settlement_id}",
    )


@postings.rule(LabourAgreement.SettledByClearing)
def settled_by_clearing(
    event: LabourAgreement.SettledByClearing, book: PartyBook
) -> Sequence[Posting]:
    """Like a payment: the settlement's receivable and payable fall by what the run cleared."""
    lender, borrower = lender_and_borrower(book, event.originator_id)
    return paid(
        event.amount.fen,
        debtor=borrower,
        creditor=lender,
        reference=f"clearing run {event.run_id} on settlement {event.settlement_id}",
    )


postings.moves_no_value(
    LabourAgreement.Proposed,
    LabourAgreement.ProposedFromMatch,
    LabourAgreement.Accepted,
    LabourAgreement.Declined,
    LabourAgreement.Withdrawn,
    LabourAgreement.Closed,
    LabourAgreement.WorkersAdded,
    LabourAgreement.WorkersRemoved,
    # Pending, disputed and withdrawn shifts count in no balance: only confirmation moves value.
    LabourAgreement.ShiftRecorded,
    LabourAgreement.ShiftDisputed,
    LabourAgreement.ShiftWithdrawn,
    # A worker's timesheet guards the working-time caps; the minutes move on confirmation.
    WorkerTimesheet.Opened,
    WorkerTimesheet.HoursBooked,
    WorkerTimesheet.HoursReleased,
    LabourRules.Created,
    LabourRules.PolicySet,
)
