"""``market.subcontracting``: orders split among member firms (二次发单), delivered, inspected,
reworked and settled."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import get_topic

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.inputs import as_firm_id, as_uuid
from sharemarket.application.kernel.log_reads import created_ids
from sharemarket.application.subcontracting import access
from sharemarket.application.subcontracting import commands as c
from sharemarket.application.subcontracting.commands import MoneyIn
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, StoreError
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart
from sharemarket.domain.subcontracting.reports import (
    OrderReport,
    PartReport,
    Scorecard,
    ScoredInspection,
    scorecard,
)
from sharemarket.domain.subcontracting.values import (
    Bill,
    Inspection,
    MaterialBearer,
    MaterialUnit,
    Operation,
    Rejections,
    ScrapEffect,
)
from sharemarket.domain.time import check_business_date

_SCORED = (
    get_topic(SubcontractPart.Inspected),
    get_topic(SubcontractPart.InspectionCorrected),
)
_PAGE = 500
NONE_REJECTED = Rejections.none()


class SubcontractingService(Service):
    """An issuing firm splits an order into parts offered to other member firms; they deliver in
    part, the issuer inspects every delivery, rejected pieces are reworked or scrapped, and the
    subcontractors bill the accepted pieces."""

    # Orders and parts (the issuer) --------------------------------------------------------------

    def record_order(
        self,
        actor: Actor,
        *,
        request_id: str,
        reference: str,
        product: str,
        quantity: int,
        due_on: date,
        kept: int = 0,
    ) -> UUID:
        """The actor's firm records an order it holds (its own reference, no customer data).

        ``kept`` pieces it makes itself and never offers. Returns the order's id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for a member firm as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the actor's firm is not a member.
            FirmNotActive: The actor's firm is suspended or left.
        """
        return self._run(
            c.RecordOrder(
                actor=actor,
                request_id=request_id,
                reference=reference,
                product=product,
                quantity=quantity,
                due_on=due_on,
                kept=kept,
            )
        )

    def offer_part(
        self,
        actor: Actor,
        *,
        request_id: str,
        order: UUID,
        subcontractor: FirmId | str,
        operation: Operation | str,
        quantity: int,
        unit_price: MoneyIn,
        due_on: date,
        tolerance_percent: int = 0,
        material_borne_by: MaterialBearer | str = MaterialBearer.ISSUER,
        late_charge_per_day: MoneyIn = 0,
        late_charge_cap: MoneyIn = 0,
    ) -> UUID:
        """Offer ``quantity`` pieces of the order to ``subcontractor``; returns the part's id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the order's issuer.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the order does not exist, or the subcontractor
                is not a member.
            FirmNotActive: The issuer or the subcontractor is suspended or left.
            SelfSubcontracting: The subcontractor is the order's issuer.
            OrderPartLimit: The order already holds as many live parts as it may.
            OrderOversplit: The order has fewer pieces left to split than offered.
        """
        return self._run(
            c.OfferPart(
                actor=actor,
                request_id=request_id,
                order=order,
                subcontractor=subcontractor,
                operation=operation,
                quantity=quantity,
                unit_price=unit_price,
                due_on=due_on,
                tolerance_percent=tolerance_percent,
                material_borne_by=material_borne_by,
                late_charge_per_day=late_charge_per_day,
                late_charge_cap=late_charge_cap,
            )
        )

    def withdraw_offer(self, actor: Actor, *, request_id: str, part: UUID, reason: str) -> None:
        """The issuer takes back an offer not yet accepted; its pieces return to the order.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's issuer.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            PartNotOpen: The part is no longer an offer (accepted, declined, withdrawn).
        """
        self._run(c.WithdrawOffer(actor=actor, request_id=request_id, part=part, reason=reason))

    def cancel_backorder(self, actor: Actor, *, request_id: str, part: UUID, reason: str) -> int:
        """The issuer cancels the undelivered rest of an accepted part, to offer it to another
        firm; returns the pieces cancelled.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the part's issuer.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the part does not exist.
            PartNotOpen: The part is not accepted (still offered, or ended).
            BackorderNotCancellable: Nothing of the part is left undelivered.
        """
        return self._run(
            c.CancelBackorder(actor=actor, request_id=request_id, part=part, reason=reason)
        )

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

    # Queries --------------------------------------------------------------------------------------

    def orders(self, firm: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every order recorded, oldest first; with ``firm``, those it issued.
        Read from the log (a list for people and tools).

        Raises:
            InvalidInput: The credit code is malformed.
        """
        code = None if firm is None else as_firm_id(firm, "firm")
        return created_ids(
            EventLog(self._loader.app),
            (SubcontractOrder.Recorded,),
            None if code is None else lambda e: e.issuer == code,
        )

    def part(self, part: UUID, as_of: date) -> PartReport:
        """A part's figures and its status as of a date (late: pieces still due after it).

        Raises:
            InvalidInput: The date is outside the range the market records.
            NotFound: The part does not exist.
        """
        check_business_date(as_of, "as_of")
        return PartReport.of(access.part(self._loader, as_uuid(part, "part")), as_of)

    def order(self, order: UUID, as_of: date) -> OrderReport:
        """An order's split and its live parts (declined and withdrawn offers, and parts cut to
        nothing, leave it; each stays readable by its id).

        Raises:
            InvalidInput: The date is outside the range the market records.
            NotFound: The order does not exist.
        """
        check_business_date(as_of, "as_of")
        found = access.order(self._loader, as_uuid(order, "order"))
        parts = [access.part(self._loader, UUID(key)) for key in found.parts]
        return OrderReport.of(found, parts, as_of)

    def scorecard(self, firm: FirmId | str, first_day: date, last_day: date) -> Scorecard:
        """A subcontracting firm's record from the inspections made from ``first_day`` to
        ``last_day``: pieces accepted, rejections by reason, deliveries on time. It reads the
        inspection events of the log (a report, not a command's path).

        Raises:
            InvalidInput: The credit code is malformed, a date is outside the range the market
                records, or ``last_day`` is before ``first_day``.
        """
        code = as_firm_id(firm, "firm")
        check_business_date(first_day, "first_day")
        check_business_date(last_day, "last_day")
        if last_day < first_day:
            raise InvalidInput(f"last_day {last_day} is before first_day {first_day}")
        return scorecard(code, first_day, last_day, self._scored())

    def _scored(self) -> list[ScoredInspection]:
        app = self._loader.app
        seen: list[ScoredInspection] = []
        start: int | None = None
        try:
            while True:
                page = app.recorder.select_notifications(
                    start=start, limit=_PAGE, topics=_SCORED, inclusive_of_start=start is None
                )
                for notification in page:
                    event = app.mapper.to_domain_event(notification)
                    if isinstance(event, SubcontractPart.InspectionCorrected):
                        seen.append(
                            ScoredInspection(-1, event.previous, event.subcontractor, event.due_on)
                        )
                    elif not isinstance(event, SubcontractPart.Inspected):
                        continue
                    seen.append(
                        ScoredInspection(1, event.inspection, event.subcontractor, event.due_on)
                    )
                if len(page) < _PAGE:
                    return seen
                start = page[-1].id
        except PersistenceError as exc:
            raise StoreError(f"the event store failed to read inspections: {exc}") from None
