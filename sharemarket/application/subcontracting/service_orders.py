"""``market.subcontracting``, its orders: recorded, split into parts offered, withdrawn."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.subcontracting import commands as c
from sharemarket.application.subcontracting.commands import MoneyIn
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.subcontracting.values import (
    MaterialBearer,
    Operation,
)


class SubcontractOrders(Service):
    """The issuer records an order and offers its parts to member firms."""

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
