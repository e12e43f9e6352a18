"""Deliveries of a part: new pieces up to what is outstanding plus the tolerance, and reworked
pieces up to those returned for rework, so a reworked piece never counts twice."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.park.membership import Park
from sharemarket.domain.subcontracting.errors import DeliveryExceedsOutstanding
from sharemarket.domain.subcontracting.part import AWAITING_MAX, SubcontractPart
from sharemarket.domain.subcontracting.values import check_pieces
from sharemarket.domain.time import check_business_date


def deliver(
    park: Park,
    actor: Actor,
    part: SubcontractPart,
    *,
    delivery_id: UUID,
    pieces: int,
    rework: bool,
    on: date,
) -> None:
    """The subcontractor delivers new pieces, or reworked ones (``rework``)."""
    part.require_party(park, actor, part.subcontractor, "subcontractor")
    part.require_open("delivered")
    check_pieces(pieces, "pieces")
    check_business_date(on, "delivered_on")
    if str(delivery_id) in part.awaiting or str(delivery_id) in part.inspections:
        raise InvalidInput(f"delivery {delivery_id} is already recorded under {part.label}")
    if len(part.awaiting) >= AWAITING_MAX:
        raise DeliveryExceedsOutstanding(
            f"{part.label} has {AWAITING_MAX} deliveries awaiting inspection; the issuer "
            "inspects them before more are delivered"
        )
    if rework:
        if pieces > part.rework_held:
            raise DeliveryExceedsOutstanding(
                f"{pieces:,} rework pieces delivered for {part.label}, which has "
                f"{part.rework_held:,} returned for rework"
            )
    else:
        room = part.ceiling - part.accepted - part.awaiting_pieces - part.rework_held
        if pieces > room:
            raise DeliveryExceedsOutstanding(
                f"{pieces:,} new pieces delivered for {part.label}: {part.outstanding:,} are "
                f"outstanding and the tolerance of {part.terms.tolerance_percent} % allows "
                f"{max(0, room):,}"
            )
    part.trigger_event(
        part.Delivered,
        delivery_id=delivery_id,
        pieces=pieces,
        rework=rework,
        delivered_on=on,
        actor=actor,
    )
