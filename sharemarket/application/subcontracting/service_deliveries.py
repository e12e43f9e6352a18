"""``market.subcontracting``, the subcontractor's side: parts accepted, delivered, billed."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.subcontracting import commands as c
from sharemarket.domain.actor import Actor
from sharemarket.domain.subcontracting.values import (
    Bill,
)


class SubcontractDeliveries(Service):
    """The subcontractor takes a part on, delivers and reworks its pieces, bills and returns."""

    # The subcontractor ----------------------------------------------------------------------------

    def accept_part(self, actor: Actor, *, request_id: str, part: UUID) -> None:
        """The subcontractor accepts the part offered to it: it undertakes to make the pieces.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's subcontractor.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            FirmNotActive: The subcontractor or the issuer is suspended or left.
            PartNotOpen: The part is no longer an offer.
        """
        self._run(c.AcceptPart(actor=actor, request_id=request_id, part=part))

    def decline_part(self, actor: Actor, *, request_id: str, part: UUID, reason: str) -> None:
        """The subcontractor declines; the pieces return to the order.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's subcontractor.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            PartNotOpen: The part is no longer an offer.
        """
        self._run(c.DeclinePart(actor=actor, request_id=request_id, part=part, reason=reason))

    def deliver(
        self, actor: Actor, *, request_id: str, part: UUID, pieces: int, delivered_on: date
    ) -> UUID:
        """New pieces delivered, up to what is outstanding plus the tolerance; returns the
        delivery's id, which the issuer inspects.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's subcontractor.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            PartNotOpen: The part is not accepted (still offered, or ended).
            DeliveryExceedsOutstanding: The pieces pass what is outstanding plus the tolerance, or
                too many deliveries await inspection.
        """
        return self._run(
            c.Deliver(
                actor=actor,
                request_id=request_id,
                part=part,
                pieces=pieces,
                delivered_on=delivered_on,
            )
        )

    def deliver_rework(
        self, actor: Actor, *, request_id: str, part: UUID, pieces: int, delivered_on: date
    ) -> UUID:
        """Reworked pieces delivered again, up to those returned for rework: they never count
        twice towards the quantity.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's subcontractor.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            PartNotOpen: The part is not accepted (still offered, or ended).
            DeliveryExceedsOutstanding: The pieces pass those returned for rework, or too many
                deliveries await inspection.
        """
        return self._run(
            c.DeliverRework(
                actor=actor,
                request_id=request_id,
                part=part,
                pieces=pieces,
                delivered_on=delivered_on,
            )
        )

    def bill_part(self, actor: Actor, *, request_id: str, part: UUID, billed_on: date) -> Bill:
        """Bill every accepted piece not billed before, less any agreed late charge.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's subcontractor.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            PartNotOpen: The part is not accepted (still offered, or ended).
            NothingToBill: Every accepted piece is billed already.
        """
        return self._run(
            c.BillPart(actor=actor, request_id=request_id, part=part, billed_on=billed_on)
        )

    def return_material(
        self, actor: Actor, *, request_id: str, part: UUID, material: str, quantity: int
    ) -> None:
        """Leftovers of a material returned to the issuer; never more than is held.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's subcontractor.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            MaterialOverReturn: The material was never sent, or less of it is held than returned.
        """
        self._run(
            c.ReturnMaterial(
                actor=actor, request_id=request_id, part=part, material=material, quantity=quantity
            )
        )
