"""Loading the labour slice's aggregates: agreements, timesheets and the park's labour rules."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.actor import Actor
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


def policy(loader: Loader) -> WorkingTimePolicy:
    """The park's working-time policy (the Labour Law until an administrator sets one)."""
    rules = loader.read_only(LabourRules, LABOUR_RULES_ID)
    return LABOUR_LAW if rules is None else rules.policy


def timesheet(loader: Loader, home: FirmId, worker: str, actor: Actor) -> WorkerTimesheet:
    """The worker's timesheet, opened on the first hours ever booked for them."""
    sheet = loader.find(WorkerTimesheet, timesheet_id(home, worker))
    return sheet if sheet is not None else WorkerTimesheet.open(home, worker, actor)


def sheet_of_shift(loader: Loader, a: LabourAgreement, shift_id: UUID) -> WorkerTimesheet:
    """The timesheet that holds the hours of a shift already recorded under ``a``."""
    worker = a.shift(shift_id).shift.worker
    return loader.get(
        WorkerTimesheet, timesheet_id(a.lender, worker), f"timesheet of worker {worker}"
    )
