"""What the park reads about subcontracting: a part's figures, an order's, a firm's scorecard."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from uuid import UUID

import attrs

from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart
from sharemarket.domain.subcontracting.values import (
    DefectReason,
    Inspection,
    MaterialBalance,
    PartStatus,
    PartTerms,
)
from sharemarket.domain.time import check_business_date


@attrs.frozen
class PartReport:
    """A part's running totals and its status as of a date."""

    part_id: UUID
    order_id: UUID
    issuer: FirmId
    subcontractor: FirmId
    terms: PartTerms
    status: PartStatus
    late: bool
    quantity: int
    delivered: int  # new pieces delivered: rework deliveries never count twice
    delivered_rework: int
    awaiting_inspection: int
    accepted: int
    in_rework: int
    scrapped: int
    outstanding: int
    billed_pieces: int
    billed: Money
    paid: Money
    materials: tuple[MaterialBalance, ...]

    @property
    def owed(self) -> Money:
        """What the issuer still owes on the part: billed less paid."""
        return self.billed - self.paid

    @classmethod
    def of(cls, part: SubcontractPart, as_of: date) -> PartReport:
        """The report of one part as of a date."""
        return cls(
            part_id=part.id,
            order_id=part.order_id,
            issuer=part.issuer,
            subcontractor=part.subcontractor,
            terms=part.terms,
            status=part.status,
            late=part.is_late(as_of),
            quantity=part.quantity,
            delivered=part.delivered_new,
            delivered_rework=part.delivered_rework,
            awaiting_inspection=part.awaiting_pieces,
            accepted=part.accepted,
            in_rework=part.rework_held,
            scrapped=part.scrapped,
            outstanding=part.outstanding,
            billed_pieces=part.billed_pieces,
            billed=part.billed,
            paid=part.paid,
            materials=part.materials_balance(),
        )


@attrs.frozen
class OrderReport:
    """An order's split, as of a date: the status of the order follows from its parts."""

    order_id: UUID
    issuer: FirmId
    reference: str
    product: str
    quantity: int
    kept: int
    split: int
    available: int
    due_on: date
    parts: tuple[PartReport, ...]

    @property
    def status(self) -> PartStatus:
        """Offered until a part is accepted; closed or delivered when every accepted part is;
        partly delivered once any piece came; else accepted."""
        taken = [p.status for p in self.parts if p.status not in _NOT_TAKEN]
        if not taken:
            return PartStatus.OFFERED
        if all(s is PartStatus.CLOSED for s in taken):
            return PartStatus.CLOSED
        if all(s in (PartStatus.DELIVERED, PartStatus.CLOSED) for s in taken):
            return PartStatus.DELIVERED
        if any(s is not PartStatus.ACCEPTED for s in taken):
            return PartStatus.PARTLY_DELIVERED
        return PartStatus.ACCEPTED

    @property
    def late(self) -> bool:
        """Whether any part of the order is late."""
        return any(p.late for p in self.parts)

    @classmethod
    def of(
        cls, order: SubcontractOrder, parts: Iterable[SubcontractPart], as_of: date
    ) -> OrderReport:
        """The report of an order and its parts as of a date."""
        check_business_date(as_of, "as_of")
        return cls(
            order_id=order.id,
            issuer=order.issuer,
            reference=order.reference,
            product=order.product,
            quantity=order.quantity,
            kept=order.kept,
            split=order.split,
            available=order.available,
            due_on=order.due_on,
            parts=tuple(PartReport.of(p, as_of) for p in parts),
        )


_NOT_TAKEN = (PartStatus.OFFERED, PartStatus.DECLINED, PartStatus.WITHDRAWN)


@attrs.frozen
class Scorecard:
    """A subcontracting firm's record over a period, from the inspections made in it."""

    firm: FirmId
    first_day: date
    last_day: date
    inspected: int
    accepted: int
    rejected_by_reason: dict[DefectReason, int]
    deliveries: int  # deliveries of new pieces inspected
    on_time: int  # of those, delivered on or before the part's due date

    @property
    def rejected(self) -> int:
        """The pieces rejected, every reason together."""
        return sum(self.rejected_by_reason.values())

    def rejection_rate(self, reason: DefectReason | None = None) -> Fraction:
        """Rejected pieces (for ``reason``, or all) over pieces inspected; 0 if none were."""
        if not self.inspected:
            return Fraction(0)
        n = self.rejected if reason is None else self.rejected_by_reason.get(reason, 0)
        return Fraction(n, self.inspected)

    @property
    def on_time_rate(self) -> Fraction:
        """Deliveries on time over all deliveries; 0 if none."""
        return Fraction(self.on_time, self.deliveries) if self.deliveries else Fraction(0)


@attrs.frozen
class ScoredInspection:
    """One inspection as the scorecard counts it: +1 when made, -1 when a correction replaces it."""

    sign: int
    inspection: Inspection
    subcontractor: FirmId
    due_on: date


def scorecard(
    firm: FirmId, first_day: date, last_day: date, seen: Iterable[ScoredInspection]
) -> Scorecard:
    """Fold the inspections of ``firm`` made from ``first_day`` to ``last_day``: a correction
    takes back what it replaces (when that fell in the period too) and counts its own."""
    inspected = accepted = deliveries = on_time = 0
    reasons: dict[DefectReason, int] = {}
    for s in seen:
        i = s.inspection
        if s.subcontractor != firm or not first_day <= i.inspected_on <= last_day:
            continue
        inspected += s.sign * i.pieces
        accepted += s.sign * i.accepted
        for reason, n in i.rejections.by_reason().items():
            reasons[reason] = reasons.get(reason, 0) + s.sign * n
        if not i.rework:
            deliveries += s.sign
            on_time += s.sign * (i.delivered_on <= s.due_on)
    return Scorecard(
        firm=firm,
        first_day=first_day,
        last_day=last_day,
        inspected=inspected,
        accepted=accepted,
        rejected_by_reason={
            r: n for r, n in sorted(reasons.items(), key=lambda x: x[0].value) if n
        },
        deliveries=deliveries,
        on_time=on_time,
    )
