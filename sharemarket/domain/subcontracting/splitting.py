"""The rules that change an order's split, deciding on the order and its part together.

Offering, declining, withdrawing, cancelling a backorder and scrapping pieces out of a part's
quantity change what a part holds of its order; each rule here changes both aggregates, and the
application saves both in one transaction, so the order's version guards "offered never exceeds
the order" against concurrent writers.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.membership import Park
from sharemarket.domain.subcontracting import inspection
from sharemarket.domain.subcontracting.errors import (
    BackorderNotCancellable,
    PartNotOpen,
    SelfSubcontracting,
)
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import REASON_MAX, SubcontractPart
from sharemarket.domain.subcontracting.values import (
    Inspection,
    PartStatus,
    PartTerms,
    Rejections,
    ScrapEffect,
)
from sharemarket.domain.text import free_text


def _require_issuer(park: Park, actor: Actor, order: SubcontractOrder, *, active: bool) -> None:
    if actor.firm != order.issuer:
        raise PermissionDenied(
            f"{actor} may not change the split of {order.label}: only its issuer's "
            "representatives may"
        )
    park.require_representative(actor, order.issuer, must_be_active=active)


def _require_part_of(order: SubcontractOrder, part: SubcontractPart) -> None:
    if part.order_id != order.id:
        raise InvalidInput(f"{part.label} is not a part of {order.label}")


def offer_part(
    park: Park,
    actor: Actor,
    order: SubcontractOrder,
    *,
    part_id: UUID,
    subcontractor: FirmId,
    terms: PartTerms,
) -> SubcontractPart:
    """The issuer offers ``terms.quantity`` pieces of the order to ``subcontractor``."""
    _require_issuer(park, actor, order, active=True)
    return offered(park, actor, order, part_id=part_id, subcontractor=subcontractor, terms=terms)


def offered(
    park: Park,
    actor: Actor,
    order: SubcontractOrder,
    *,
    part_id: UUID,
    subcontractor: FirmId,
    terms: PartTerms,
) -> SubcontractPart:
    """The part offered, every rule checked but who offers it: the caller has checked that
    ``actor`` may (the issuer's representative in :func:`offer_part`, a side of the accepted
    match a part is drafted from in the matching slice)."""
    park.require_active(order.issuer)
    if subcontractor == order.issuer:
        raise SelfSubcontracting(f"firm {subcontractor} cannot subcontract its own order to itself")
    park.require_active(subcontractor)
    if not isinstance(terms, PartTerms):
        raise TypeError(f"terms is PartTerms, not {type(terms).__name__}")
    order.split_off(part_id, terms.quantity)
    return SubcontractPart._create(
        SubcontractPart.Offered,
        id=part_id,
        order_id=order.id,
        issuer=order.issuer,
        subcontractor=subcontractor,
        terms=terms,
        actor=actor,
    )


def decline(
    park: Park, actor: Actor, order: SubcontractOrder, part: SubcontractPart, reason: str
) -> None:
    """The subcontractor declines the offer: its pieces return to the order."""
    _require_part_of(order, part)
    part.require_party(park, actor, part.subcontractor, "subcontractor")
    _require_offered(part, "declined")
    part.trigger_event(part.Declined, reason=free_text(reason, "reason", REASON_MAX), actor=actor)
    order.resize(part.id, 0)


def withdraw(
    park: Park, actor: Actor, order: SubcontractOrder, part: SubcontractPart, reason: str
) -> None:
    """The issuer withdraws an offer not yet accepted: its pieces return to the order."""
    _require_part_of(order, part)
    _require_issuer(park, actor, order, active=False)
    _require_offered(part, "withdrawn")
    part.trigger_event(part.Withdrawn, reason=free_text(reason, "reason", REASON_MAX), actor=actor)
    order.resize(part.id, 0)


def cancel_backorder(
    park: Park, actor: Actor, order: SubcontractOrder, part: SubcontractPart, reason: str
) -> int:
    """The issuer cancels what of an accepted part is not yet delivered (its backorder); the
    pieces return to the order, to offer to another firm. Returns the pieces cancelled."""
    _require_part_of(order, part)
    _require_issuer(park, actor, order, active=False)
    part.require_open("cut back")
    pieces = part.outstanding
    if not pieces:
        raise BackorderNotCancellable(
            f"nothing of {part.label} is left undelivered: {part.accepted:,} accepted, "
            f"{part.awaiting_pieces:,} awaiting inspection, {part.rework_held:,} in rework"
        )
    part.trigger_event(
        part.BackorderCancelled,
        pieces=pieces,
        reason=free_text(reason, "reason", REASON_MAX),
        actor=actor,
    )
    order.resize(part.id, part.share)
    return pieces


def inspect(
    park: Park,
    actor: Actor,
    order: SubcontractOrder,
    part: SubcontractPart,
    *,
    delivery_id: UUID,
    inspected_on: date,
    accepted: int,
    rejections: Rejections,
    scrap_effect: ScrapEffect,
) -> Inspection:
    """The issuer inspects a delivery; scrapped pieces it drops leave the order's split."""
    _require_part_of(order, part)
    _require_issuer(park, actor, order, active=False)
    decided = inspection.decide(
        part,
        delivery_id=delivery_id,
        inspected_on=inspected_on,
        accepted=accepted,
        rejections=rejections,
        scrap_effect=scrap_effect,
        previous=None,
    )
    part.trigger_event(
        part.Inspected,
        inspection=decided,
        subcontractor=part.subcontractor,
        due_on=part.terms.due_on,
        consumed=inspection.consumption_change(part, None, decided),
        actor=actor,
    )
    order.resize(part.id, part.share)
    return decided


def correct_inspection(
    park: Park,
    actor: Actor,
    order: SubcontractOrder,
    part: SubcontractPart,
    *,
    delivery_id: UUID,
    corrected_on: date,
    accepted: int,
    rejections: Rejections,
    scrap_effect: ScrapEffect,
    reason: str,
) -> Inspection:
    """A correcting inspection: new figures for an inspected delivery, the old ones kept."""
    _require_part_of(order, part)
    _require_issuer(park, actor, order, active=False)
    previous = inspection.correctable(part, delivery_id)
    decided = inspection.decide(
        part,
        delivery_id=delivery_id,
        inspected_on=corrected_on,
        accepted=accepted,
        rejections=rejections,
        scrap_effect=scrap_effect,
        previous=previous,
    )
    # Checked before anything is recorded: a correction that drops fewer scrapped pieces out of
    # the quantity gives them back to the part, which takes them from the order's split again.
    order.resize(part.id, part.share + previous.reduced - decided.reduced)
    part.trigger_event(
        part.InspectionCorrected,
        previous=previous,
        inspection=decided,
        reason=free_text(reason, "reason", REASON_MAX),
        corrected_on=corrected_on,
        subcontractor=part.subcontractor,
        due_on=part.terms.due_on,
        consumed=inspection.consumption_change(part, previous, decided),
        actor=actor,
    )
    return decided


def _require_offered(part: SubcontractPart, verb: str) -> None:
    if part.stage is not PartStatus.OFFERED:
        raise PartNotOpen(f"{part.label} is {part.stage.value}; only an offered part can be {verb}")
