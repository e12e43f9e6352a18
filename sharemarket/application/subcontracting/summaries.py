"""One-line audit summaries of subcontracting events, in plain words."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.projections.audit_summaries import SummaryRules, short, who
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart
from sharemarket.domain.subcontracting.values import Inspection, MaterialUse

summaries = SummaryRules()


def part(part_id: UUID) -> str:
    return f"part {short(part_id)}"


def order(order_id: UUID) -> str:
    return f"order {short(order_id)}"


def pieces(n: int) -> str:
    return f"{n:,} piece{'s' if n != 1 else ''}"


def inspection_text(i: Inspection) -> str:
    kind = "rework delivery" if i.rework else "delivery"
    text = f"{kind} {short(i.delivery_id)} of {pieces(i.pieces)}: {i.accepted:,} accepted"
    if i.rejections.lines:
        text += f", rejected {i.rejections}"
        if i.reduced:
            text += f" ({pieces(i.reduced)} dropped from the part)"
    return text


def uses(consumed: tuple[MaterialUse, ...]) -> str:
    if not consumed:
        return ""
    return "; consumed " + ", ".join(
        f"{u.quantity:,} {u.unit.value} of {u.material}" for u in consumed
    )


@summaries.summary(SubcontractOrder.Recorded)
def order_recorded(e: SubcontractOrder.Recorded, _: PartyBook) -> str:
    kept = f", keeping {pieces(e.kept)}" if e.kept else ""
    return (
        f"{who(e.actor)} recorded {order(e.originator_id)} {e.reference}: {pieces(e.quantity)} "
        f"of {e.product} due {e.due_on.isoformat()}{kept}"
    )


@summaries.summary(SubcontractOrder.PartSplitOff)
def split_off(e: SubcontractOrder.PartSplitOff, _: PartyBook) -> str:
    return f"{order(e.originator_id)} split {pieces(e.quantity)} off to {part(e.part_id)}"


@summaries.summary(SubcontractOrder.PartResized)
def resized(e: SubcontractOrder.PartResized, _: PartyBook) -> str:
    if not e.quantity:
        return f"{order(e.originator_id)} took back every piece of {part(e.part_id)}"
    return f"{order(e.originator_id)} now splits {pieces(e.quantity)} to {part(e.part_id)}"


@summaries.summary(SubcontractPart.Offered)
def offered(e: SubcontractPart.Offered, _: PartyBook) -> str:
    t = e.terms
    return (
        f"{who(e.actor)} offered {part(e.originator_id)} of {order(e.order_id)} to "
        f"{e.subcontractor.short}: {t.operation.value} of {pieces(t.quantity)} at "
        f"{t.unit_price} a piece, due {t.due_on.isoformat()}, tolerance {t.tolerance_percent} %"
    )


@summaries.summary(SubcontractPart.Accepted)
def accepted(e: SubcontractPart.Accepted, _: PartyBook) -> str:
    return f"{who(e.actor)} accepted {part(e.originator_id)}"


@summaries.summary(SubcontractPart.Declined)
def declined(e: SubcontractPart.Declined, _: PartyBook) -> str:
    return f"{who(e.actor)} declined {part(e.originator_id)}: {e.reason}"


@summaries.summary(SubcontractPart.Withdrawn)
def withdrawn(e: SubcontractPart.Withdrawn, _: PartyBook) -> str:
    return f"{who(e.actor)} withdrew the offer of {part(e.originator_id)}: {e.reason}"


@summaries.summary(SubcontractPart.BackorderCancelled)
def backorder_cancelled(e: SubcontractPart.BackorderCancelled, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} cancelled the undelivered {pieces(e.pieces)} of "
        f"{part(e.originator_id)}: {e.reason}"
    )


@summaries.summary(SubcontractPart.Delivered)
def delivered(e: SubcontractPart.Delivered, _: PartyBook) -> str:
    kind = "reworked pieces" if e.rework else "pieces"
    return (
        f"{who(e.actor)} delivered {e.pieces:,} {kind} of {part(e.originator_id)} on "
        f"{e.delivered_on.isoformat()} (delivery {short(e.delivery_id)})"
    )


@summaries.summary(SubcontractPart.Inspected)
def inspected(e: SubcontractPart.Inspected, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} inspected {inspection_text(e.inspection)} of {part(e.originator_id)}"
        f"{uses(e.consumed)}"
    )


@summaries.summary(SubcontractPart.InspectionCorrected)
def corrected(e: SubcontractPart.InspectionCorrected, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} corrected on {e.corrected_on.isoformat()} the inspection of "
        f"{part(e.originator_id)}, was "
        f"{e.previous.accepted:,} accepted, now {inspection_text(e.inspection)}{uses(e.consumed)}"
        f": {e.reason}"
    )


@summaries.summary(SubcontractPart.Billed)
def billed(e: SubcontractPart.Billed, _: PartyBook) -> str:
    b = e.bill
    charge = f" less a late charge of {b.late_charge}" if b.late_charge else ""
    return (
        f"{who(e.actor)} billed {pieces(b.pieces)} of {part(e.originator_id)} at "
        f"{b.unit_price}: {b.gross}{charge}, {b.amount} to pay"
    )


@summaries.summary(SubcontractPart.PaymentRecorded)
def paid(e: SubcontractPart.PaymentRecorded, _: PartyBook) -> str:
    return f"{who(e.actor)} paid {e.amount} on {part(e.originator_id)}"


@summaries.summary(SubcontractPart.SettledByClearing)
def settled_by_clearing(e: SubcontractPart.SettledByClearing, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} committed clearing run {short(e.run_id)}, which paid {e.amount} on "
        f"{part(e.originator_id)} by netting"
    )


@summaries.summary(SubcontractPart.MaterialSent)
def material_sent(e: SubcontractPart.MaterialSent, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} sent {e.quantity:,} {e.unit.value} of {e.material} for "
        f"{part(e.originator_id)}, {e.per_piece:,} {e.unit.value} a piece"
    )


@summaries.summary(SubcontractPart.MaterialReturned)
def material_returned(e: SubcontractPart.MaterialReturned, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} returned {e.quantity:,} {e.unit.value} of {e.material} from "
        f"{part(e.originator_id)}"
    )
