"""Labour-sharing handlers: load the agreement (and the worker's timesheet), decide, return both.

A shift changes two aggregates: the agreement and the worker's timesheet. The rule that spans
them is the domain's (``domain.labour.booking``); a handler only loads what it names.
"""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.labour import access
from sharemarket.application.labour import commands as c
from sharemarket.application.park.access import read_park
from sharemarket.domain.errors import PermissionDenied
from sharemarket.domain.labour import booking
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.policy import LABOUR_RULES_ID, LabourRules
from sharemarket.domain.labour.timesheet import WorkerTimesheet, home_entry

handlers = Handlers()

Saved = list[LabourAgreement]
Both = list[LabourAgreement | WorkerTimesheet]


@handlers.handles(c.SetWorkingTimePolicy)
def set_policy(loader: Loader, command: c.SetWorkingTimePolicy) -> tuple[list[LabourRules], None]:
    park = read_park(loader)
    rules = loader.find(LabourRules, LABOUR_RULES_ID)
    if rules is None:
        rules = LabourRules.first(park, command.actor, command.policy)
    else:
        rules.set_policy(park, command.actor, command.policy)
    return [rules], None


@handlers.handles(c.ProposeAgreement)
def propose(loader: Loader, command: c.ProposeAgreement) -> tuple[Saved, UUID]:
    a = LabourAgreement.propose(
        read_park(loader),
        command.actor,
        agreement_id=command.agreement_id,
        lender=command.lender,
        work=command.work,
        rate_per_hour=command.rate_per_hour,
        first_day=command.first_day,
        last_day=command.last_day,
        workers=command.workers,
        minutes_cap=command.minutes_cap,
    )
    return [a], command.agreement_id


@handlers.handles(c.AcceptAgreement)
def accept(loader: Loader, command: c.AcceptAgreement) -> tuple[Saved, None]:
    a = access.agreement(loader, command.agreement)
    a.accept(read_park(loader), command.actor)
    return [a], None


@handlers.handles(c.DeclineAgreement)
def decline(loader: Loader, command: c.DeclineAgreement) -> tuple[Saved, None]:
    a = access.agreement(loader, command.agreement)
    a.decline(read_park(loader), command.actor, command.reason)
    return [a], None


@handlers.handles(c.WithdrawAgreement)
def withdraw(loader: Loader, command: c.WithdrawAgreement) -> tuple[Saved, None]:
    a = access.agreement(loader, command.agreement)
    a.withdraw(read_park(loader), command.actor, command.reason)
    return [a], None


@handlers.handles(c.CloseAgreement)
def close(loader: Loader, command: c.CloseAgreement) -> tuple[Saved, None]:
    a = access.agreement(loader, command.agreement)
    a.close(read_park(loader), command.actor, command.reason)
    return [a], None


@handlers.handles(c.AddWorkers)
def add_workers(loader: Loader, command: c.AddWorkers) -> tuple[Saved, None]:
    a = access.agreement(loader, command.agreement)
    a.add_workers(read_park(loader), command.actor, command.workers)
    return [a], None


@handlers.handles(c.RemoveWorkers)
def remove_workers(loader: Loader, command: c.RemoveWorkers) -> tuple[Saved, None]:
    a = access.agreement(loader, command.agreement)
    a.remove_workers(read_park(loader), command.actor, command.workers)
    return [a], None


@handlers.handles(c.RecordShift)
def record_shift(loader: Loader, command: c.RecordShift) -> tuple[Both, UUID]:
    a = access.agreement(loader, command.agreement)
    park = read_park(loader)
    shift = command.shift.shift(command.shift_id)
    sheet = access.timesheet(loader, a.lender, shift.worker, command.actor)
    judge = access.judging(loader, sheet, shift.work_date)
    booking.record_shift(park, command.actor, a, judge, shift, access.policy(loader))
    return [a, access.recorded(sheet, judge)], shift.shift_id


@handlers.handles(c.ConfirmShift)
def confirm_shift(loader: Loader, command: c.ConfirmShift) -> tuple[Saved, None]:
    a = access.on_shift(loader, command.agreement, command.shift)
    a.confirm_shift(read_park(loader), command.actor, command.shift)
    return [access.saved(a)], None


@handlers.handles(c.DisputeShift)
def dispute_shift(loader: Loader, command: c.DisputeShift) -> tuple[Saved, None]:
    a = access.on_shift(loader, command.agreement, command.shift)
    a.dispute_shift(read_park(loader), command.actor, command.shift, command.reason)
    return [access.saved(a)], None


@handlers.handles(c.WithdrawShift)
def withdraw_shift(loader: Loader, command: c.WithdrawShift) -> tuple[Both, None]:
    a = access.on_shift(loader, command.agreement, command.shift)
    sheet = access.sheet_of_shift(loader, a, command.shift)
    judge = access.judging(loader, sheet, a.shift(command.shift).shift.work_date)
    booking.withdraw_shift(read_park(loader), command.actor, a, judge, command.shift)
    return [access.saved(a), access.recorded(sheet, judge)], None


@handlers.handles(c.ReverseShift)
def reverse_shift(loader: Loader, command: c.ReverseShift) -> tuple[Both, None]:
    a = access.on_shift(loader, command.agreement, command.shift)
    sheet = access.sheet_of_shift(loader, a, command.shift)
    judge = access.judging(loader, sheet, a.shift(command.shift).shift.work_date)
    booking.reverse_shift(read_park(loader), command.actor, a, judge, command.shift, command.reason)
    return [access.saved(a), access.recorded(sheet, judge)], None


@handlers.handles(c.RerecordShift)
def rerecord_shift(loader: Loader, command: c.RerecordShift) -> tuple[Both, UUID]:
    return _replace(loader, command, reason=None)


@handlers.handles(c.CorrectShift)
def correct_shift(loader: Loader, command: c.CorrectShift) -> tuple[Both, UUID]:
    return _replace(loader, command, reason=command.reason)


def _replace(loader: Loader, command: c.NewTerms, reason: str | None) -> tuple[Both, UUID]:
    a = access.on_shift(loader, command.agreement, command.shift)
    sheet = access.sheet_of_shift(loader, a, command.shift)
    new = command.replacement(sheet.worker)
    judge = access.judging(loader, sheet, a.shift(command.shift).shift.work_date, new.work_date)
    booking.replace_shift(
        read_park(loader),
        command.actor,
        a,
        judge,
        old=command.shift,
        new=new,
        policy=access.policy(loader),
        reason=reason,
    )
    return [access.saved(a), access.recorded(sheet, judge)], new.shift_id


@handlers.handles(c.DeclareHomeHours)
def declare_home_hours(
    loader: Loader, command: c.DeclareHomeHours
) -> tuple[list[WorkerTimesheet], None]:
    actor = command.actor
    if actor.firm is None:
        raise PermissionDenied(f"{actor} acts for no firm: only the home firm declares hours")
    home = actor.firm
    read_park(loader).require_representative(actor, home)
    sheet = access.timesheet(loader, home, command.worker, actor)
    judge = access.judging(loader, sheet, command.work_date)
    entry = home_entry(command.work_date)
    if command.minutes.value == 0:
        judge.release(actor, entry, command.work_date)
    else:
        judge.book(
            actor,
            entry=entry,
            work_date=command.work_date,
            minutes=command.minutes,
            overtime=command.resolved_overtime,
            day_type=command.day_type,
            policy=access.policy(loader),
        )
    return [access.recorded(sheet, judge)], None


@handlers.handles(c.IssueSettlement)
def issue_settlement(loader: Loader, command: c.IssueSettlement) -> tuple[Saved, UUID]:
    a = access.agreement(loader, command.agreement)
    settlement = a.issue_settlement(
        read_park(loader),
        command.actor,
        settlement_id=command.settlement_id,
        first_day=command.first_day,
        last_day=command.last_day,
        policy=access.policy(loader),
    )
    return [a], settlement.settlement_id


@handlers.handles(c.RecordPayment)
def record_payment(loader: Loader, command: c.RecordPayment) -> tuple[Saved, UUID]:
    a = access.agreement(loader, command.agreement)
    a.record_payment(
        read_park(loader),
        command.actor,
        settlement_id=command.settlement,
        payment_id=command.payment_id,
        amount=command.amount,
    )
    return [a], command.payment_id
