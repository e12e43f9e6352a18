"""One-line audit summaries of labour-sharing events: agreements, shifts, bills, timesheets."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.projections.audit_summaries import SummaryRules, short, who
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.policy import DayType, LabourRules, WorkingTimePolicy
from sharemarket.domain.labour.shift import Shift
from sharemarket.domain.labour.timesheet import WorkerTimesheet

summaries = SummaryRules()


def agreement(agreement_id: UUID) -> str:
    return f"agreement {short(agreement_id)}"


def shift_text(shift: Shift) -> str:
    """ "7h30 by worker W-17 on 2026-03-02", with overtime and the kind of day when there are."""
    extra = ""
    if shift.day_type is not DayType.WORKDAY:
        extra = f" ({shift.day_type.value.replace('_', ' ')})"
    elif shift.overtime:
        extra = f" ({shift.overtime} overtime)"
    return f"{shift.minutes}{extra} by worker {shift.worker} on {shift.work_date.isoformat()}"


def party(book: PartyBook, aggregate_id: UUID, role: str) -> str:
    """ " 91350…Y43", the firm in ``role`` on the aggregate, or "" when it is not known."""
    firm = book.roles(aggregate_id).get(role)
    return "" if firm is None else f" {firm.short}"


def entry_text(entry: str) -> str:
    """What a timesheet entry stands for: a shift, or the home firm's own hours of a day."""
    if entry.startswith("home:"):
        return f"home hours of {entry.removeprefix('home:')}"
    return f"shift {entry[:8]}"


@summaries.summary(LabourAgreement.Proposed)
def proposed(e: LabourAgreement.Proposed, _: PartyBook) -> str:
    workers = len(e.workers)
    cap = "" if e.minutes_cap is None else f", cap {e.minutes_cap}"
    return (
        f"{who(e.actor)} proposed {agreement(e.originator_id)}: to borrow {workers} "
        f"worker{'s' if workers != 1 else ''} from {e.lender.short} for {e.work} at "
        f"{e.rate_per_hour}/h, {e.first_day.isoformat()} to {e.last_day.isoformat()}{cap}"
    )


@summaries.summary(LabourAgreement.ProposedFromMatch)
def proposed_from_match(e: LabourAgreement.ProposedFromMatch, _: PartyBook) -> str:
    cap = "" if e.minutes_cap is None else f", cap {e.minutes_cap}"
    return (
        f"match {short(e.match_id)} drafted {agreement(e.originator_id)} ({who(e.actor)} "
        f"accepting): {e.borrower.short} to borrow workers from {e.lender.short} for {e.work} "
        f"at {e.rate_per_hour}/h, {e.first_day.isoformat()} to {e.last_day.isoformat()}{cap}"
    )


@summaries.summary(LabourAgreement.Accepted)
def accepted(e: LabourAgreement.Accepted, book: PartyBook) -> str:
    borrower = party(book, e.originator_id, "borrower")
    return f"{who(e.actor)} accepted {agreement(e.originator_id)} to lend workers to{borrower}"


@summaries.summary(LabourAgreement.Declined)
def declined(e: LabourAgreement.Declined, _: PartyBook) -> str:
    return f"{who(e.actor)} declined {agreement(e.originator_id)}: {e.reason}"


@summaries.summary(LabourAgreement.Withdrawn)
def withdrawn(e: LabourAgreement.Withdrawn, _: PartyBook) -> str:
    return f"{who(e.actor)} withdrew {agreement(e.originator_id)}: {e.reason}"


@summaries.summary(LabourAgreement.Closed)
def closed(e: LabourAgreement.Closed, _: PartyBook) -> str:
    return f"{who(e.actor)} closed {agreement(e.originator_id)}: {e.reason}"


@summaries.summary(LabourAgreement.WorkersAdded)
def workers_added(e: LabourAgreement.WorkersAdded, _: PartyBook) -> str:
    return f"{who(e.actor)} added workers {', '.join(e.workers)} to {agreement(e.originator_id)}"


@summaries.summary(LabourAgreement.WorkersRemoved)
def workers_removed(e: LabourAgreement.WorkersRemoved, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} removed workers {', '.join(e.workers)} from {agreement(e.originator_id)}"
    )


@summaries.summary(LabourAgreement.ShiftRecorded)
def shift_recorded(e: LabourAgreement.ShiftRecorded, _: PartyBook) -> str:
    return f"{who(e.actor)} recorded {shift_text(e.shift)} under {agreement(e.originator_id)}"


@summaries.summary(LabourAgreement.ShiftConfirmed)
def shift_confirmed(e: LabourAgreement.ShiftConfirmed, _: PartyBook) -> str:
    return f"{who(e.actor)} confirmed {shift_text(e.shift)} under {agreement(e.originator_id)}"


@summaries.summary(LabourAgreement.ShiftDisputed)
def shift_disputed(e: LabourAgreement.ShiftDisputed, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} disputed shift {short(e.shift_id)} under {agreement(e.originator_id)}: "
        f"{e.reason}"
    )


@summaries.summary(LabourAgreement.ShiftWithdrawn)
def shift_withdrawn(e: LabourAgreement.ShiftWithdrawn, _: PartyBook) -> str:
    return f"{who(e.actor)} withdrew shift {short(e.shift_id)} under {agreement(e.originator_id)}"


@summaries.summary(LabourAgreement.ShiftReversed)
def shift_reversed(e: LabourAgreement.ShiftReversed, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} reversed {shift_text(e.shift)} under {agreement(e.originator_id)}: "
        f"{e.reason}"
    )


@summaries.summary(LabourAgreement.SettlementIssued)
def settlement_issued(e: LabourAgreement.SettlementIssued, book: PartyBook) -> str:
    s = e.settlement
    shifts = len(s.shift_ids)
    payer = party(book, e.originator_id, "borrower")
    return (
        f"{who(e.actor)} billed{payer} {s.amount} for {s.minutes} in {shifts} "
        f"shift{'s' if shifts != 1 else ''} worked {s.first_day.isoformat()} to "
        f"{s.last_day.isoformat()} under {agreement(e.originator_id)}, settlement "
        f"{short(s.settlement_id)}"
    )


@summaries.summary(LabourAgreement.PaymentRecorded)
def payment_recorded(e: LabourAgreement.PaymentRecorded, book: PartyBook) -> str:
    payee = party(book, e.originator_id, "lender")
    return (
        f"{who(e.actor)} paid{payee} {e.amount} on settlement {short(e.settlement_id)} under "
        f"{agreement(e.originator_id)}"
    )


@summaries.summary(LabourAgreement.SettledByClearing)
def settled_by_clearing(e: LabourAgreement.SettledByClearing, book: PartyBook) -> str:
    payee = party(book, e.originator_id, "lender")
    return (
        f"{who(e.actor)} committed clearing run {short(e.run_id)}, which paid{payee} {e.amount} "
        f"on settlement {short(e.settlement_id)} under {agreement(e.originator_id)} by netting"
    )


@summaries.summary(WorkerTimesheet.Opened)
def timesheet_opened(e: WorkerTimesheet.Opened, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} opened timesheet {short(e.originator_id)} of worker {e.worker} "
        f"of {e.home_firm.short}"
    )


@summaries.summary(WorkerTimesheet.HoursBooked)
def hours_booked(e: WorkerTimesheet.HoursBooked, book: PartyBook) -> str:
    kind = e.day_type.value.replace("_", " ")
    overtime = f", {e.overtime} overtime" if e.overtime else ""
    return (
        f"{who(e.actor)} booked {e.minutes} ({kind}{overtime}) on {e.work_date.isoformat()} "
        f"on timesheet {short(e.originator_id)} of{party(book, e.originator_id, 'home')} "
        f"for {entry_text(e.entry)}"
    )


@summaries.summary(WorkerTimesheet.HoursReleased)
def hours_released(e: WorkerTimesheet.HoursReleased, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} released the hours of {entry_text(e.entry)} on timesheet "
        f"{short(e.originator_id)}"
    )


def policy_text(p: WorkingTimePolicy) -> str:
    weekly = "" if p.weekly_standard_max is None else f", {p.weekly_standard_max} a week"
    return (
        f"{p.daily_standard} + {p.daily_overtime_max} overtime a day, "
        f"{p.monthly_overtime_max} overtime a month{weekly}"
    )


@summaries.summary(LabourRules.Created, LabourRules.PolicySet)
def policy_set(e: LabourRules.Created | LabourRules.PolicySet, _: PartyBook) -> str:
    return f"{who(e.actor)} set the working-time policy: {policy_text(e.policy)}"
