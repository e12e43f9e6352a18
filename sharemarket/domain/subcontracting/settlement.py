"""Settling a part: bills for accepted pieces not billed before, and the issuer's payments.

A bill is the accepted pieces not yet billed × the unit price. The unit price is whole fen, so
the product is exact: nothing is rounded. An agreed late-delivery charge (per day the latest
accepted delivery came after the due date, capped over the part's life) is deducted line by line.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.money import Money, check_amount
from sharemarket.domain.park.membership import Park
from sharemarket.domain.subcontracting.errors import NothingToBill, PartOverpayment
from sharemarket.domain.subcontracting.part import SubcontractPart
from sharemarket.domain.subcontracting.values import Bill
from sharemarket.domain.time import check_business_date


def bill(
    park: Park, actor: Actor, part: SubcontractPart, *, bill_id: UUID, billed_on: date
) -> Bill:
    """The subcontractor bills every accepted piece not billed before."""
    part.require_party(park, actor, part.subcontractor, "subcontractor")
    part.require_open("billed")
    check_business_date(billed_on, "billed_on")
    pieces = part.accepted - part.billed_pieces
    if pieces <= 0:
        raise NothingToBill(
            f"{part.label} has {part.accepted:,} accepted pieces, all billed already"
        )
    terms = part.terms
    gross = check_amount(terms.unit_price * pieces, "the bill")
    late_days = 0
    if part.last_accepted_delivery is not None:
        late_days = max(0, (date.fromisoformat(part.last_accepted_delivery) - terms.due_on).days)
    charge_total = min(terms.late_charge_per_day * late_days, terms.late_charge_cap)
    charge = Money(min(max(0, charge_total.fen - part.late_charged_fen), gross.fen))
    made = Bill(
        bill_id=bill_id,
        billed_on=billed_on,
        pieces=pieces,
        unit_price=terms.unit_price,
        gross=gross,
        late_days=late_days,
        late_charge=charge,
    )
    part.trigger_event(part.Billed, bill=made, actor=actor)
    return made


def pay(
    park: Park, actor: Actor, part: SubcontractPart, *, payment_id: UUID, amount: Money
) -> None:
    """The issuer records a payment on the part's bills, never more than is owed."""
    part.require_party(park, actor, part.issuer, "issuer")
    if not isinstance(amount, Money):
        raise TypeError(f"amount is Money, not {type(amount).__name__}")
    check_amount(amount, "the payment")
    if amount.fen <= 0:
        raise InvalidInput(f"a payment must be positive, got {amount}")
    if amount > part.owed:
        raise PartOverpayment(
            f"payment of {amount} is more than the {part.owed} still owed on {part.label}"
        )
    part.trigger_event(part.PaymentRecorded, payment_id=payment_id, amount=amount, actor=actor)
