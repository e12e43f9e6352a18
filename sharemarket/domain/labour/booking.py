"""Shifts booked on two aggregates at once: the agreement and the worker's timesheet.

A shift belongs to an agreement (between two firms) and its hours to the worker's timesheet
(across every firm the worker works for). These functions are the rule that spans both: each
checks both, then records on both, so the application saves them together in one atomic save.
"""

from __future__ import annotations

from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.policy import WorkingTimePolicy
from sharemarket.domain.labour.shift import Shift
from sharemarket.domain.labour.timesheet import WorkerTimesheet
from sharemarket.domain.park.membership import Park


def record_shift(
    park: Park,
    actor: Actor,
    agreement: LabourAgreement,
    sheet: WorkerTimesheet,
    shift: Shift,
    policy: WorkingTimePolicy,
) -> None:
    """The borrower records ``shift``; its hours are booked on the worker's timesheet.

    Every check (the agreement's, then the working-time caps across all the worker's firms)
    passes before either aggregate changes.
    """
    _require_sheet_of(agreement, sheet, shift)
    # The agreement's checks, then the timesheet's caps (it books the hours), then the agreement
    # records: the agreement's state is checked once.
    agreement.record_shift(park, actor, shift, then=lambda: _book(actor, sheet, shift, policy))


def withdraw_shift(
    park: Park, actor: Actor, agreement: LabourAgreement, sheet: WorkerTimesheet, shift_id: UUID
) -> Shift:
    """The borrower takes back a pending or disputed shift; its hours are released."""
    _require_sheet_of(agreement, sheet, agreement.shift(shift_id).shift)
    withdrawn = agreement.withdraw_shift(park, actor, shift_id)
    sheet.release(actor, str(withdrawn.shift_id), withdrawn.work_date)
    return withdrawn


def reverse_shift(
    park: Park,
    actor: Actor,
    agreement: LabourAgreement,
    sheet: WorkerTimesheet,
    shift_id: UUID,
    reason: str,
) -> Shift:
    """Either firm cancels a confirmed, unsettled shift by a reversing entry; hours released."""
    _require_sheet_of(agreement, sheet, agreement.shift(shift_id).shift)
    reversed_shift = agreement.reverse_shift(park, actor, shift_id, reason)
    sheet.release(actor, str(reversed_shift.shift_id), reversed_shift.work_date)
    return reversed_shift


def replace_shift(
    park: Park,
    actor: Actor,
    agreement: LabourAgreement,
    sheet: WorkerTimesheet,
    *,
    old: UUID,
    new: Shift,
    policy: WorkingTimePolicy,
    reason: str | None = None,
) -> None:
    """Replace a shift by ``new`` for the same worker, atomically.

    Without ``reason`` the old shift must be pending or disputed and is withdrawn (re-recording);
    with one it must be confirmed and is reversed (a correction, both entries kept).

    The old hours are released before the new ones are booked (an 8h shift replaced by an 11h
    one on the same day fits the cap). So, unlike :func:`record_shift`, a refusal of the new
    shift leaves both aggregates changed in memory: the caller discards them (the unit of work
    does), and nothing is recorded.
    """
    if reason is None:
        withdraw_shift(park, actor, agreement, sheet, old)
    else:
        reverse_shift(park, actor, agreement, sheet, old, reason)
    record_shift(park, actor, agreement, sheet, new, policy)


def _book(actor: Actor, sheet: WorkerTimesheet, shift: Shift, policy: WorkingTimePolicy) -> None:
    sheet.book(
        actor,
        entry=str(shift.shift_id),
        work_date=shift.work_date,
        minutes=shift.minutes,
        overtime=shift.overtime,
        day_type=shift.day_type,
        policy=policy,
    )


def _require_sheet_of(agreement: LabourAgreement, sheet: WorkerTimesheet, shift: Shift) -> None:
    if sheet.home_firm != agreement.lender or sheet.worker != shift.worker:
        raise InvalidInput(
            f"the timesheet of worker {sheet.worker} at {sheet.home_firm} does not hold shifts of "
            f"worker {shift.worker} lent by {agreement.lender}"
        )
