"""Inspecting a delivery (验货), and correcting an inspection: the figures each one decides.

An inspection splits a delivery into accepted and rejected pieces, each rejected piece with its
reason and what becomes of it (rework or scrap). Pieces accepted count once: rework pieces come
back out of those held for rework, never out of the quantity outstanding. A correcting inspection
replaces the figures of an earlier one; it is refused where it would undo what followed (pieces
billed, rework pieces already delivered again).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.subcontracting.errors import (
    DeliveryExceedsOutstanding,
    InspectionMismatch,
    InspectionNotCorrectable,
)
from sharemarket.domain.subcontracting.values import (
    Inspection,
    MaterialBalance,
    MaterialBearer,
    MaterialUnit,
    MaterialUse,
    Rejections,
    ScrapEffect,
    check_pieces,
)
from sharemarket.domain.time import check_business_date

if TYPE_CHECKING:
    from sharemarket.domain.subcontracting.part import SubcontractPart


def decide(
    part: SubcontractPart,
    *,
    delivery_id: UUID,
    inspected_on: date,
    accepted: int,
    rejections: Rejections,
    scrap_effect: ScrapEffect,
    previous: Inspection | None,
) -> Inspection:
    """The inspection of a delivery awaiting it on ``inspected_on`` (``previous`` None), or the
    correction, made on ``inspected_on``, of ``previous``: checked against the part's totals as
    they would stand without ``previous``. A correction keeps the date of what it corrects."""
    what = "inspected_on" if previous is None else "corrected_on"
    check_business_date(inspected_on, what)
    check_pieces(accepted, "accepted", positive=False)
    if not isinstance(rejections, Rejections):
        raise TypeError(f"rejected is Rejections, not {type(rejections).__name__}")
    if not isinstance(scrap_effect, ScrapEffect):
        raise TypeError(f"scrap_effect is a ScrapEffect, not {type(scrap_effect).__name__}")
    if previous is None:
        pieces, rework, delivered_on = part.delivery(delivery_id)
        awaiting_after = part.awaiting_pieces - pieces
        since, when = delivered_on, inspected_on
    else:
        # A correction fixes the inspection it replaces: its figures stand at that date.
        pieces, rework, delivered_on = previous.pieces, previous.rework, previous.delivered_on
        awaiting_after = part.awaiting_pieces
        since = when = previous.inspected_on
    if inspected_on < since:
        raise InvalidInput(
            f"{what} {inspected_on} is before {since}, when the "
            f"{'delivery came' if previous is None else 'inspection it corrects was made'}"
        )
    rejected = rejections.pieces()
    if accepted + rejected != pieces:
        raise InspectionMismatch(
            f"{accepted:,} accepted and {rejected:,} rejected make {accepted + rejected:,}; "
            f"delivery {delivery_id} brought {pieces:,} pieces, each accepted or rejected"
        )
    base = previous or Inspection(
        delivery_id,
        when,
        delivered_on,
        pieces,
        rework,
        0,
        Rejections.none(),
        ScrapEffect.REPLACE,
        0,
    )
    accepted_after = part.accepted - base.accepted + accepted
    candidate = Inspection(
        delivery_id,
        when,
        delivered_on,
        pieces,
        rework,
        accepted,
        rejections,
        scrap_effect,
        0,
    )
    rework_after = part.rework_held - base.reworked + candidate.reworked
    quantity_before = part.quantity + base.reduced
    reduced = 0
    if scrap_effect is ScrapEffect.REDUCE:
        room = quantity_before - accepted_after - rework_after - awaiting_after
        reduced = min(candidate.scrapped, max(0, room))
    quantity_after = quantity_before - reduced
    if accepted_after > part.terms.ceiling(quantity_after):
        raise DeliveryExceedsOutstanding(
            f"accepting {accepted:,} pieces would bring {part.label} to {accepted_after:,} "
            f"accepted, above its {quantity_after:,} pieces and their tolerance"
        )
    if previous is not None:
        if rework_after < 0:
            raise InspectionNotCorrectable(
                f"rework pieces of delivery {delivery_id} were already delivered again; "
                "inspect that rework delivery instead"
            )
        if accepted_after < part.billed_pieces:
            raise InspectionNotCorrectable(
                f"the correction would leave {accepted_after:,} pieces accepted, fewer than the "
                f"{part.billed_pieces:,} already billed"
            )
    return Inspection(
        delivery_id,
        when,
        delivered_on,
        pieces,
        rework,
        accepted,
        rejections,
        scrap_effect,
        reduced,
    )


def correctable(part: SubcontractPart, delivery_id: UUID) -> Inspection:
    """The inspection in force for a delivery, or why it cannot be corrected."""
    previous = part.inspection(delivery_id)
    if previous is None:
        raise InspectionNotCorrectable(
            f"delivery {delivery_id} has no inspection {part.label} keeps correctable: it was "
            "never inspected, or is older than the last inspections a part keeps"
        )
    return previous


def counted(part: SubcontractPart, accepted: int, scrapped: int) -> int:
    """Pieces whose material is consumed: the accepted ones, and the scrapped ones when the
    issuer bears their material."""
    if part.terms.material_borne_by is MaterialBearer.ISSUER:
        return accepted + scrapped
    return accepted


def material_balance(
    part: SubcontractPart,
    material: str,
    row: list[Any],
    *,
    pieces: int | None = None,
    sent_more: int = 0,
) -> MaterialBalance:
    """sent − consumed − returned. The counted pieces consume ``per_piece`` each, as far as
    what was sent and not returned covers them (beyond, the material was the subcontractor's:
    ``uncovered``). ``pieces`` and ``sent_more`` ask what the balance would be."""
    unit, per_piece, sent, returned = row
    if pieces is None:
        pieces = counted(part, part.accepted, part.scrapped)
    sent_total = int(sent) + sent_more
    needed = int(per_piece) * pieces
    consumed = min(needed, sent_total - int(returned))
    return MaterialBalance(
        material=material,
        unit=MaterialUnit(unit),
        per_piece=int(per_piece),
        sent=sent_total,
        consumed=consumed,
        returned=int(returned),
        uncovered=needed - consumed,
    )


def consumption_change(
    part: SubcontractPart, previous: Inspection | None, decided: Inspection
) -> tuple[MaterialUse, ...]:
    """By how much each material's consumption changes with ``decided`` (replacing
    ``previous``): the events carry it, so the journal can post what the subcontractor holds."""
    old_accepted = previous.accepted if previous else 0
    old_scrapped = previous.scrapped if previous else 0
    after = counted(
        part,
        part.accepted - old_accepted + decided.accepted,
        part.scrapped - old_scrapped + decided.scrapped,
    )
    change = []
    for name, row in sorted(part.materials.items()):
        now = material_balance(part, name, row)
        delta = material_balance(part, name, row, pieces=after).consumed - now.consumed
        if delta:
            change.append(MaterialUse(name, now.unit, delta))
    return tuple(change)
