"""SubcontractPart: one part of an order offered to one member firm, and its running totals.

A part keeps totals, not lists: pieces delivered, accepted, held for rework, scrapped, billed;
money billed, charged and paid; each material sent, returned. Deliveries wait here until
inspected (at most ``AWAITING_MAX`` at a time), and the newest inspections stay correctable
(at most ``INSPECTIONS_KEPT``, holding at most ``REJECTION_LINES_KEPT`` rejection lines: see
``kept_inspections.py``); the events carry every figure, so the log and the views keep the
history.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park
from sharemarket.domain.subcontracting import inspection as rules
from sharemarket.domain.subcontracting.errors import (
    DeliveryNotAwaitingInspection,
    PartNotOpen,
)
from sharemarket.domain.subcontracting.kept_inspections import Kept, bound, keep
from sharemarket.domain.subcontracting.part_clearing import PartClearing
from sharemarket.domain.subcontracting.values import (
    Bill,
    Inspection,
    MaterialBalance,
    MaterialUnit,
    MaterialUse,
    PartStatus,
    PartTerms,
)
from sharemarket.domain.time import check_business_date

#: Deliveries of one part waiting for inspection at one time.
AWAITING_MAX = 50
#: Materials one part may be supplied with.
MATERIALS_MAX = 10
REASON_MAX = 500
MATERIAL_MAX = 100


class SubcontractPart(PartClearing, Aggregate):
    """``terms.quantity`` pieces of an order, offered by ``issuer`` to ``subcontractor``."""

    #: Snapshots of version 1 kept the last 20 inspections whatever their rejection lines;
    #: version 2 bounds their lines too (``upcast_v1_v2`` drops the oldest beyond).
    class_version = 2

    class Event(Aggregate.Event):
        """The base of ``SubcontractPart``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Offered(Aggregate.Created, Event):
        order_id: UUID
        issuer: FirmId
        subcontractor: FirmId
        terms: PartTerms
        actor: Actor

    class Accepted(Event):
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            part.stage = PartStatus.ACCEPTED

    class Declined(Event):
        reason: str
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            part.stage = PartStatus.DECLINED

    class Withdrawn(Event):
        reason: str
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            part.stage = PartStatus.WITHDRAWN

    class BackorderCancelled(Event):
        pieces: int
        reason: str
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            part.cancelled += self.pieces

    class Delivered(Event):
        delivery_id: UUID
        pieces: int
        rework: bool
        delivered_on: date
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            key = str(self.delivery_id)
            part.awaiting[key] = [self.pieces, self.rework, self.delivered_on.isoformat()]
            if self.rework:
                part.delivered_rework += self.pieces
                part.rework_held -= self.pieces
            else:
                part.delivered_new += self.pieces

    class Inspected(Event):
        inspection: Inspection
        subcontractor: FirmId
        due_on: date
        consumed: tuple[MaterialUse, ...]  # change of what the pieces consumed
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            del part.awaiting[str(self.inspection.delivery_id)]
            part.count(self.inspection, 1)
            part.keep(self.inspection)

    class InspectionCorrected(Event):
        previous: Inspection
        inspection: Inspection
        reason: str
        corrected_on: date
        subcontractor: FirmId
        due_on: date
        consumed: tuple[MaterialUse, ...]
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            part.count(self.previous, -1)
            part.count(self.inspection, 1)
            part.keep(self.inspection)

    class Billed(Event):
        bill: Bill
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            part.billed_pieces += self.bill.pieces
            part.billed_fen += self.bill.amount.fen
            part.late_charged_fen += self.bill.late_charge.fen

    class PaymentRecorded(Event):
        payment_id: UUID
        amount: Money
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            part.paid_fen += self.amount.fen

    class SettledByClearing(Event):
        """A park clearing run paid ``amount`` of the part's bills (a payment by netting)."""

        run_id: UUID
        amount: Money
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            part.paid_fen += self.amount.fen

    class MaterialSent(Event):
        material: str
        unit: MaterialUnit
        per_piece: int
        quantity: int
        consumed: int  # what pieces already counted consume of the material sent now
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            row = part.materials.setdefault(self.material, [self.unit.value, self.per_piece, 0, 0])
            row[2] += self.quantity

    class MaterialReturned(Event):
        material: str
        unit: MaterialUnit
        quantity: int
        actor: Actor

        def apply(self, part: SubcontractPart) -> None:
            part.materials[self.material][3] += self.quantity

    def __init__(
        self, order_id: UUID, issuer: FirmId, subcontractor: FirmId, terms: PartTerms, actor: Actor
    ) -> None:
        self.order_id = order_id
        self.issuer = issuer
        self.subcontractor = subcontractor
        self.terms = terms
        self.stage = PartStatus.OFFERED
        self.cancelled = 0  # backorder cancelled
        self.reduced = 0  # scrapped pieces dropped from the quantity
        self.delivered_new = 0
        self.delivered_rework = 0
        self.accepted = 0
        self.rework_held = 0  # rejected for rework, not yet delivered again
        self.scrapped = 0
        self.last_accepted_delivery: str | None = None
        # delivery id -> [pieces, rework, delivered_on]: deliveries not yet inspected
        self.awaiting: dict[str, list[Any]] = {}
        # delivery id -> its inspection in force, the newest ones (see kept_inspections.py)
        self.inspections: Kept = {}
        self.billed_pieces = 0
        self.billed_fen = 0
        self.late_charged_fen = 0
        self.paid_fen = 0
        # material -> [unit, per piece, sent, returned]
        self.materials: dict[str, list[Any]] = {}

    # State changes shared by the inspection events ----------------------------------------------

    def count(self, inspection: Inspection, sign: int) -> None:
        self.accepted += sign * inspection.accepted
        self.rework_held += sign * inspection.reworked
        self.scrapped += sign * inspection.scrapped
        self.reduced += sign * inspection.reduced
        if sign > 0 and inspection.accepted:
            on = inspection.delivered_on.isoformat()
            if self.last_accepted_delivery is None or on > self.last_accepted_delivery:
                self.last_accepted_delivery = on

    def keep(self, inspection: Inspection) -> None:
        keep(self.inspections, inspection)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot whose kept inspections were bounded by number only: bound their lines."""
        bound(state["inspections"])

    # Queries ------------------------------------------------------------------------------------

    @property
    def label(self) -> str:
        return f"part {self.id} ({self.terms.operation.value}, {self.subcontractor})"

    @property
    def quantity(self) -> int:
        """The pieces the part holds now: as offered, less the cancelled backorder and the
        scrapped pieces dropped from it."""
        return self.terms.quantity - self.cancelled - self.reduced

    @property
    def share(self) -> int:
        """What the part holds of its order's split (nothing once declined or withdrawn)."""
        return 0 if self.stage in (PartStatus.DECLINED, PartStatus.WITHDRAWN) else self.quantity

    @property
    def ceiling(self) -> int:
        return self.terms.ceiling(self.quantity)

    @property
    def awaiting_pieces(self) -> int:
        return sum(int(row[0]) for row in self.awaiting.values())

    @property
    def outstanding(self) -> int:
        """New pieces still to deliver for the quantity (rework and deliveries in inspection
        count as on their way)."""
        return max(0, self.quantity - self.accepted - self.awaiting_pieces - self.rework_held)

    @property
    def status(self) -> PartStatus:
        if self.stage is not PartStatus.ACCEPTED:
            return self.stage
        if self.accepted >= self.quantity and not self.awaiting and not self.rework_held:
            settled = self.billed_pieces == self.accepted and self.paid_fen == self.billed_fen
            return PartStatus.CLOSED if settled else PartStatus.DELIVERED
        return PartStatus.PARTLY_DELIVERED if self.delivered_new else PartStatus.ACCEPTED

    def is_late(self, as_of: date) -> bool:
        """Pieces are still due after the due date."""
        check_business_date(as_of, "as_of")
        open_ = self.status in (PartStatus.ACCEPTED, PartStatus.PARTLY_DELIVERED)
        return open_ and as_of > self.terms.due_on

    @property
    def billed(self) -> Money:
        return Money(self.billed_fen)

    @property
    def paid(self) -> Money:
        return Money(self.paid_fen)

    @property
    def owed(self) -> Money:
        return Money(self.billed_fen - self.paid_fen)

    def materials_balance(self) -> tuple[MaterialBalance, ...]:
        return tuple(
            rules.material_balance(self, name, row) for name, row in sorted(self.materials.items())
        )

    # Checks -------------------------------------------------------------------------------------

    def require_party(self, park: Park, actor: Actor, firm: FirmId, role: str) -> None:
        if actor.firm != firm:
            raise PermissionDenied(f"{actor} may not do this to {self.label}: only its {role} may")
        park.require_representative(actor, firm, must_be_active=False)

    def require_open(self, verb: str) -> None:
        if self.stage is not PartStatus.ACCEPTED:
            raise PartNotOpen(
                f"{self.label} is {self.stage.value}; only an accepted part can be {verb}"
            )

    def delivery(self, delivery_id: UUID) -> tuple[int, bool, date]:
        row = self.awaiting.get(str(delivery_id))
        if row is None:
            raise DeliveryNotAwaitingInspection(
                f"delivery {delivery_id} of {self.label} is not awaiting inspection: it was "
                "inspected already (correct the inspection instead) or never delivered"
            )
        pieces, rework, on = row
        return int(pieces), bool(rework), date.fromisoformat(str(on))

    def inspection(self, delivery_id: UUID) -> Inspection | None:
        return self.inspections.get(str(delivery_id))

    # Commands of the subcontractor --------------------------------------------------------------

    def accept(self, park: Park, actor: Actor) -> None:
        self.require_party(park, actor, self.subcontractor, "subcontractor")
        park.require_active(self.subcontractor)
        park.require_active(self.issuer)
        self._require_offered("accepted")
        self.trigger_event(self.Accepted, actor=actor)

    def _require_offered(self, verb: str) -> None:
        if self.stage is not PartStatus.OFFERED:
            raise PartNotOpen(
                f"{self.label} is {self.stage.value}; only an offered part can be {verb}"
            )
