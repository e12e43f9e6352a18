"""``market.subcontracting``, the issuer's inspections, materials sent and payments."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.subcontracting import commands as c
from sharemarket.application.subcontracting.commands import MoneyIn
from sharemarket.domain.actor import Actor
from sharemarket.domain.subcontracting.values import (
    Inspection,
    MaterialUnit,
    Rejections,
    ScrapEffect,
)

NONE_REJECTED = Rejections.none()


class SubcontractInspections(Service):
    """The issuer inspects every delivery, sends materials and pays the bills."""

    # Inspection, materials, payment (the issuer) -------------------------------------------------

    def inspect_delivery(
        self,
        actor: Actor,
        *,
        request_id: str,
        part: UUID,
        delivery: UUID,
        inspected_on: date,
        accepted: int,
        rejected: Rejections = NONE_REJECTED,
        scrap_effect: ScrapEffect | str = ScrapEffect.REPLACE,
    ) -> Inspection:
        """Accepted + rejected = delivered; each rejected piece has a reason and goes back for
        rework or is scrapped (``scrap_effect``: made again, or dropped from the quantity).

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's issuer.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            DeliveryNotAwaitingInspection: The delivery was inspected already, or never made.
            InspectionMismatch: Accepted and rejected pieces do not add up to those delivered.
            DeliveryExceedsOutstanding: The accepted pieces would pass the part's quantity plus
                its tolerance.
        """
        return self._run(
            c.InspectDelivery(
                actor=actor,
                request_id=request_id,
                part=part,
                delivery=delivery,
                inspected_on=inspected_on,
                accepted=accepted,
                rejected=rejected,
                scrap_effect=scrap_effect,
            )
        )

    def correct_inspection(
        self,
        actor: Actor,
        *,
        request_id: str,
        part: UUID,
        delivery: UUID,
        corrected_on: date,
        accepted: int,
        reason: str,
        rejected: Rejections = NONE_REJECTED,
        scrap_effect: ScrapEffect | str = ScrapEffect.REPLACE,
    ) -> Inspection:
        """A correcting inspection of a delivery: its figures replace the earlier ones, and both
        stay in the log. The corrected figures stand at the date of the inspection they correct
        (the scorecard counts them there); ``corrected_on`` is when the correction is made.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's issuer.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            InspectionNotCorrectable: The delivery has no inspection the part keeps correctable, or
                the correction would undo what happened since (pieces billed, rework redelivered).
            InspectionMismatch: Accepted and rejected pieces do not add up to those delivered.
            DeliveryExceedsOutstanding: The accepted pieces would pass the part's quantity plus
                its tolerance.
            OrderOversplit: Fewer scrapped pieces dropped from the quantity would take back more
                of the order than is left to split.
        """
        return self._run(
            c.CorrectInspection(
                actor=actor,
                request_id=request_id,
                part=part,
                delivery=delivery,
                corrected_on=corrected_on,
                accepted=accepted,
                rejected=rejected,
                scrap_effect=scrap_effect,
                reason=reason,
            )
        )

    def send_material(
        self,
        actor: Actor,
        *,
        request_id: str,
        part: UUID,
        material: str,
        unit: MaterialUnit | str,
        quantity: int,
        per_piece: int,
    ) -> None:
        """Material sent for a part, in a declared unit, with the consumption per piece agreed.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's issuer.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            PartNotOpen: The part is declined, withdrawn or ended.
            MaterialTermsChanged: The material was first sent in another unit or at another
                consumption per piece.
        """
        self._run(
            c.SendMaterial(
                actor=actor,
                request_id=request_id,
                part=part,
                material=material,
                unit=unit,
                quantity=quantity,
                per_piece=per_piece,
            )
        )

    def record_payment(self, actor: Actor, *, request_id: str, part: UUID, amount: MoneyIn) -> UUID:
        """A payment on the part's bills, never more than is owed.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's issuer.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            PartOverpayment: The payment is more than is still owed on the part's bills.
        """
        return self._run(
            c.RecordPartPayment(actor=actor, request_id=request_id, part=part, amount=amount)
        )
