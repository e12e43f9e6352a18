"""Loading the labour slice's aggregates: agreements, timesheets and the park's labour rules."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.policy import (
    LABOUR_LAW,
    LABOUR_RULES_ID,
    LabourRules,
    WorkingTimePolicy,
)
from sharemarket.domain.labour.timesheet import WorkerTimesheet, timesheet_id


def agreement(loader: Loader, agreement_id: UUID) -> LabourAgreement:
    return loader.get(LabourAgreement, agreement_id, f"labour agreement {agreement_id}")


def history(loader: Loader, agreement_id: UUID) -> LabourAgreement:
    """The agreement as its whole history makes it, forgetting nothing (for reading: it is
    never saved). Reading it costs the length of the history."""
    events = loader.history(agreement_id)
    if not events:
        raise NotFound(f"labour agreement {agreement_id} does not exist in this market")
    try:
        return LabourAgreement.replayed(events)
    except ValueError:
        raise NotFound(f"{agreement_id} is not a labour agreement") from None


def on_shift(loader: Loader, agreement_id: UUID, shift_id: UUID) -> LabourAgreement:
    """The agreement, to decide a command on one of its shifts: the stored agreement while the
    shift is open; else its whole history, which refuses every command on a closed (or unknown)
    shift with the error it always gave (see ``domain/labour/forgetting.py``)."""
    stored = agreement(loader, agreement_id)
    return stored if shift_id in stored.book else history(loader, agreement_id)


def saved(a: LabourAgreement) -> LabourAgreement:
    """``a``, to be saved: never a replay of the history (its state would keep what closed)."""
    if a.keeps_history:
        raise AssertionError(f"{a.label}: a replay of its history decided a change; a bug")
    return a


def policy(loader: Loader) -> WorkingTimePolicy:
    """The park's working-time policy (the Labour Law until an administrator sets one)."""
    rules = loader.read_only(LabourRules, LABOUR_RULES_ID)
    return LABOUR_LAW if rules is None else rules.policy


def timesheet(loader: Loader, home: FirmId, worker: str, actor: Actor) -> WorkerTimesheet:
    """The worker's timesheet, opened on the first hours ever booked for them."""
    sheet = loader.find(WorkerTimesheet, timesheet_id(home, worker))
    return sheet if sheet is not None else WorkerTimesheet.open(home, worker, actor)


def judging(loader: Loader, sheet: WorkerTimesheet, *days: date) -> WorkerTimesheet:
    """The timesheet to decide a command on ``days`` with: the stored one when its window holds
    them, else the one its whole history makes (see ``domain/labour/timesheet_window.py``)."""
    for day in days:  # a loop, not all(...): asked at every shift
        if not sheet.decides_on(day):
            return WorkerTimesheet.replayed(loader.history(sheet.id))
    return sheet


def recorded(sheet: WorkerTimesheet, judge: WorkerTimesheet) -> WorkerTimesheet:
    """``sheet``, to be saved, with the events decided on ``judge`` if that was its history."""
    if judge is not sheet:
        sheet.adopt(judge.collect_events())
    return sheet


def timesheet_history(loader: Loader, sheet_id: UUID) -> WorkerTimesheet | None:
    """A worker's timesheet as its whole history makes it (for reading), or None."""
    events = loader.history(sheet_id)
    return WorkerTimesheet.replayed(events) if events else None


def sheet_of_shift(loader: Loader, a: LabourAgreement, shift_id: UUID) -> WorkerTimesheet:
    """The timesheet that holds the hours of a shift already recorded under ``a``."""
    worker = a.shift(shift_id).shift.worker
    return loader.get(
        WorkerTimesheet, timesheet_id(a.lender, worker), f"timesheet of worker {worker}"
    )
