"""SubcontractOrder: an order the issuing firm (发单方) holds, and how much of it is split off.

The order keeps only what its one invariant needs: the quantity each live part holds (offered,
or accepted less its cancelled backorder and the scrapped pieces dropped from it). Every
command that changes the split saves the order, so two offers racing for the last pieces of
an order cannot both be recorded (optimistic concurrency on the order's version).
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.membership import Park
from sharemarket.domain.subcontracting.errors import OrderOversplit, OrderPartLimit
from sharemarket.domain.subcontracting.values import check_pieces
from sharemarket.domain.text import free_text, opaque_id
from sharemarket.domain.time import check_business_date

PRODUCT_MAX = 200
REFERENCE_MAX = 64
#: Live parts (offered or accepted) of one order: the order's state is bounded by it.
PARTS_MAX = 200


class SubcontractOrder(Aggregate):
    """An order of ``quantity`` pieces of ``product`` due on ``due_on``, held by ``issuer``."""

    class Event(Aggregate.Event):
        """The base of ``SubcontractOrder``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Recorded(Aggregate.Created, Event):
        issuer: FirmId
        reference: str
        product: str
        quantity: int
        kept: int
        due_on: date
        actor: Actor

    class PartSplitOff(Event):
        part_id: UUID
        quantity: int

        def apply(self, order: SubcontractOrder) -> None:
            order.parts[str(self.part_id)] = self.quantity

    class PartResized(Event):
        """A part's share shrank (backorder cancelled, scrapped pieces dropped) or was
        released (offer declined or withdrawn: zero)."""

        part_id: UUID
        quantity: int

        def apply(self, order: SubcontractOrder) -> None:
            if self.quantity:
                order.parts[str(self.part_id)] = self.quantity
            else:
                order.parts.pop(str(self.part_id), None)

    def __init__(
        self,
        issuer: FirmId,
        reference: str,
        product: str,
        quantity: int,
        kept: int,
        due_on: date,
        actor: Actor,
    ) -> None:
        self.issuer = issuer
        self.reference = reference
        self.product = product
        self.quantity = quantity
        self.kept = kept
        self.due_on = due_on
        # part id -> pieces that part holds of the order (live parts only)
        self.parts: dict[str, int] = {}

    @classmethod
    def record(
        cls,
        park: Park,
        actor: Actor,
        *,
        order_id: UUID,
        reference: str,
        product: str,
        quantity: int,
        kept: int,
        due_on: date,
    ) -> SubcontractOrder:
        """The issuing firm (the actor's firm) records an order it holds."""
        if actor.firm is None:
            raise PermissionDenied(f"{actor} acts for no firm: an order is recorded by its issuer")
        park.require_representative(actor, actor.firm)
        return cls.recorded(
            park,
            actor,
            issuer=actor.firm,
            order_id=order_id,
            reference=reference,
            product=product,
            quantity=quantity,
            kept=kept,
            due_on=due_on,
        )

    @classmethod
    def recorded(
        cls,
        park: Park,
        actor: Actor,
        *,
        issuer: FirmId,
        order_id: UUID,
        reference: str,
        product: str,
        quantity: int,
        kept: int,
        due_on: date,
    ) -> SubcontractOrder:
        """``issuer``'s order, every rule checked but who records it: the caller has checked
        that ``actor`` may (the issuer's representative in :meth:`record`, a side of the
        accepted match an order is drafted from in the matching slice)."""
        park.require_active(issuer)
        check_pieces(quantity, "quantity")
        check_pieces(kept, "kept", positive=False)
        if kept >= quantity:
            raise InvalidInput(
                f"kept is {kept:,} of an order of {quantity:,} pieces; the issuer keeps less "
                "than the whole order, or there is nothing to split"
            )
        return cls._create(
            cls.Recorded,
            id=order_id,
            issuer=issuer,
            reference=opaque_id(reference, "reference", REFERENCE_MAX),
            product=free_text(product, "product", PRODUCT_MAX),
            quantity=quantity,
            kept=kept,
            due_on=check_business_date(due_on, "due_on"),
            actor=actor,
        )

    @property
    def label(self) -> str:
        return f"order {self.reference} of {self.issuer} ({self.quantity:,} pieces {self.product})"

    @property
    def split(self) -> int:
        """Pieces held by the order's live parts."""
        return sum(self.parts.values())

    @property
    def available(self) -> int:
        """Pieces the issuer may still offer: the order less what it keeps and what is split."""
        return self.quantity - self.kept - self.split

    def share_of(self, part_id: UUID) -> int:
        """Pieces the part holds of the order: none once it was declined, withdrawn or cut to
        nothing (its row leaves the order, which keeps only live parts)."""
        return self.parts.get(str(part_id), 0)

    # Changes of the split: called by the rules of domain.subcontracting.splitting ------------

    def split_off(self, part_id: UUID, quantity: int) -> None:
        if len(self.parts) >= PARTS_MAX:
            raise OrderPartLimit(
                f"{self.label} already has {PARTS_MAX} live parts; close some before offering more"
            )
        if quantity > self.available:
            raise OrderOversplit(
                f"offering {quantity:,} piece{'s' if quantity != 1 else ''} would split "
                f"{self.split + quantity:,} of "
                f"{self.label}, which has {self.quantity - self.kept:,} to split "
                f"({self.kept:,} kept by the issuer); {self.available:,} remain"
            )
        self.trigger_event(self.PartSplitOff, part_id=part_id, quantity=quantity)

    def resize(self, part_id: UUID, quantity: int) -> None:
        """Set what a part holds of the order: less (a backorder cancelled, scrapped pieces
        dropped, an offer declined or withdrawn: zero), or more again (a correcting inspection
        that drops fewer scrapped pieces), checked against what is available."""
        share = self.share_of(part_id)
        if quantity > share and quantity - share > self.available:
            raise OrderOversplit(
                f"giving part {part_id} back {quantity - share:,} pieces would split more of "
                f"{self.label} than it has: {self.available:,} remain to split"
            )
        if quantity != share:
            self.trigger_event(self.PartResized, part_id=part_id, quantity=quantity)
