"""What a labour agreement amounts to so far, from its own records: minutes confirmed and
pending (by worker and by date), amounts settled and paid."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

import attrs

from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.shift import ShiftStatus
from sharemarket.domain.labour.status import AgreementStatus
from sharemarket.domain.money import Money

if TYPE_CHECKING:
    from sharemarket.domain.labour.agreement import LabourAgreement


@attrs.frozen
class AgreementStatement:
    """What an agreement amounts to so far, from its own records."""

    agreement_id: UUID
    borrower: FirmId
    lender: FirmId
    status: AgreementStatus
    confirmed_by_worker: dict[str, Minutes]
    pending_by_worker: dict[str, Minutes]
    confirmed_by_date: dict[date, Minutes]
    pending_by_date: dict[date, Minutes]
    settled: Money
    paid: Money

    @property
    def owed(self) -> Money:
        """What the borrower still owes: settled less paid."""
        return self.settled - self.paid

    @property
    def confirmed(self) -> Minutes:
        """Every confirmed minute, all workers together."""
        return Minutes.sum(self.confirmed_by_worker.values())

    @property
    def pending(self) -> Minutes:
        """Every minute still awaiting the lender's confirmation."""
        return Minutes.sum(self.pending_by_worker.values())


def statement_of(agreement: LabourAgreement) -> AgreementStatement:
    """The statement of ``agreement``: its pending and confirmed shifts summed, its bills."""
    confirmed_w: dict[str, Minutes] = {}
    pending_w: dict[str, Minutes] = {}
    confirmed_d: dict[date, Minutes] = {}
    pending_d: dict[date, Minutes] = {}
    for entry in agreement.shift_entries():
        if entry.status is ShiftStatus.CONFIRMED:
            by_worker, by_date = confirmed_w, confirmed_d
        elif entry.status is ShiftStatus.PENDING:
            by_worker, by_date = pending_w, pending_d
        else:
            continue
        s = entry.shift
        by_worker[s.worker] = by_worker.get(s.worker, Minutes(0)) + s.minutes
        by_date[s.work_date] = by_date.get(s.work_date, Minutes(0)) + s.minutes
    return AgreementStatement(
        agreement_id=agreement.id,
        borrower=agreement.borrower,
        lender=agreement.lender,
        status=agreement.status,
        confirmed_by_worker=dict(sorted(confirmed_w.items())),
        pending_by_worker=dict(sorted(pending_w.items())),
        confirmed_by_date=dict(sorted(confirmed_d.items())),
        pending_by_date=dict(sorted(pending_d.items())),
        settled=Money.sum(s.amount for s in agreement.settlements.values()),
        paid=Money(sum(agreement.paid.values())),
    )
