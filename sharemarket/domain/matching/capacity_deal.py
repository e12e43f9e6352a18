"""An accepted capacity match becomes a subcontracting part offer (the subcontracting slice's deal).

The needing firm is the issuer: an order of its own is recorded for the pieces the match covers
(its reference derived from the match, none kept back), and a part of all of them is offered to
the firm whose line is free: the need's operation (one of the subcontracting operations, named
in the listing's words), due on the need's date, at the price a piece the resource asks (or,
if it names none, the price the need offers). The subcontracting slice's own rules decide the
order and the part. The deal is the part: it completes when it is delivered (or closed) with
pieces accepted; it falls through when it is declined or withdrawn, or its backorder is
cancelled with nothing accepted.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.matching.deals import Acceptance, DealOutcome, Drafted, Find
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.terms import CapacityTerms, Terms
from sharemarket.domain.park.membership import Park
from sharemarket.domain.subcontracting import splitting
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart
from sharemarket.domain.subcontracting.values import Operation, PartStatus, PartTerms

#: How a listing may name each operation: its value in words, and its Chinese name (陶瓷工序).
OPERATION_WORDS: dict[Operation, tuple[str, ...]] = {
    Operation.PAINTING: ("painting", "彩绘"),
    Operation.SLIP_CASTING: ("slip casting", "slip_casting", "倒坯"),
    Operation.FETTLING: ("fettling", "修坯"),
    Operation.GLAZING: ("glazing", "上釉"),
    Operation.FINISHED_PIECE: ("finished piece", "finished_piece", "成品"),
}

#: The digits of a hex id spelled as letters, so that a derived reference is an opaque id
#: (no run of digits that could look like a phone number).
_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def operation_of(words: str) -> Operation:
    """The one subcontracting operation ``words`` name ("上釉 glazing" is glazing)."""
    text = words.casefold()
    named = [op for op, names in OPERATION_WORDS.items() if any(n in text for n in names)]
    if len(named) != 1:
        known = ", ".join(f"{names[0]} ({names[-1]})" for names in OPERATION_WORDS.values())
        what = "none" if not named else " and ".join(op.value for op in named)
        raise InvalidInput(
            f"the capacity listings' operation {words!r} names {what} of the subcontracting "
            f"operations; a part offer is for one of {known}"
        )
    return named[0]


def order_reference(match_id: UUID) -> str:
    """The order's reference, derived from the match: "M-" and the match id in letters."""
    return "M-" + match_id.hex.translate(_LETTERS)


def order_id_of(deal_id: UUID) -> UUID:
    return uuid5(deal_id, "subcontract-order")


class CapacityDeal:
    """The subcontracting slice's :class:`~sharemarket.domain.matching.deals.DealKind`."""

    name = "subcontract_part"
    aggregate = SubcontractPart

    def draft(
        self,
        park: Park,
        actor: Actor,
        *,
        deal_id: UUID,
        match: Match,
        need: Terms,
        offer: Terms,
        when: Acceptance,
        find: Find,
    ) -> Drafted:
        assert isinstance(need, CapacityTerms)
        assert isinstance(offer, CapacityTerms)
        assert match.offer_owner is not None  # capacity is offered by a firm
        price = offer.unit_price if offer.unit_price is not None else need.unit_price
        if price is None:
            raise InvalidInput(
                f"neither listing of {match.label} names a price a piece; a part is offered at "
                "one: post the capacity with unit_price=Money.of(...)"
            )
        operation = operation_of(need.operation)
        order = SubcontractOrder.recorded(
            park,
            actor,
            issuer=match.need_owner,
            order_id=order_id_of(deal_id),
            reference=order_reference(match.id),
            product=need.product,
            quantity=match.quantity,
            kept=0,
            due_on=need.by_date,
        )
        part = splitting.offered(
            park,
            actor,
            order,
            part_id=deal_id,
            subcontractor=match.offer_owner,
            terms=PartTerms(
                operation=operation,
                quantity=match.quantity,
                unit_price=price,
                due_on=need.by_date,
            ),
        )
        return Drafted(part, (order,))

    def outcome(self, deal: Any) -> tuple[DealOutcome, str]:
        assert isinstance(deal, SubcontractPart)
        status = deal.status
        if status in (PartStatus.DECLINED, PartStatus.WITHDRAWN):
            return DealOutcome.FELL_THROUGH, f"{deal.label} was {status.value}"
        if status not in (PartStatus.DELIVERED, PartStatus.CLOSED):
            return DealOutcome.PENDING, f"{deal.label} is {status.value}, not yet delivered"
        if not deal.accepted:
            return DealOutcome.FELL_THROUGH, f"{deal.label} was cut back with no piece accepted"
        return DealOutcome.COMPLETED, f"{deal.label} {status.value} with {deal.accepted:,} accepted"


CAPACITY_DEAL = CapacityDeal()
