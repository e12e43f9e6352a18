"""Order subcontracting (二次发单) in the journal: pieces accepted, bills and payments, materials.

An accepted piece posts -1 piece given by the subcontractor and +1 received by the issuer (a
correcting inspection posts the difference). A bill posts its amount receivable by the
subcontractor and payable by the issuer; a payment clears that much of both. Material sent posts
its quantity given by the issuer and received by the subcontractor, in the asset of its unit;
what the pieces consume and what comes back posts the other way, so the subcontractor's
``RECEIVED`` balance in a material asset is what it holds (the reference names the material).
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sharemarket.application.projections.journal import (
    AccountKind,
    Asset,
    Posting,
    PostingRules,
    owed,
    paid,
    transfer,
)
from sharemarket.application.projections.parties import PartyBook, PartyRules, Roles
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart
from sharemarket.domain.subcontracting.values import MaterialUnit

SUBCONTRACT_PIECES: Asset[int] = Asset("SUBCONTRACT_PIECES", int)
"""Pieces accepted on inspection: given by the subcontractor, received by the issuer."""

MATERIAL_ASSETS: dict[MaterialUnit, Asset[int]] = {
    MaterialUnit.GRAM: Asset("SUBCONTRACT_MATERIAL_G", int),
    MaterialUnit.KILOGRAM: Asset("SUBCONTRACT_MATERIAL_KG", int),
    MaterialUnit.PIECE: Asset("SUBCONTRACT_MATERIAL_PIECE", int),
}
"""Materials supplied for parts, one asset per declared unit (grams, kilograms or pieces)."""
ASSETS = (SUBCONTRACT_PIECES, *MATERIAL_ASSETS.values())

postings = PostingRules()
parties = PartyRules()

GIVEN, RECEIVED = AccountKind.GIVEN, AccountKind.RECEIVED


@parties.declare(SubcontractOrder.Recorded)
def order_parties(event: SubcontractOrder.Recorded) -> Roles:
    return {"issuer": event.issuer}


@parties.declare(SubcontractPart.Offered)
def part_parties(event: SubcontractPart.Offered) -> Roles:
    return {"issuer": event.issuer, "subcontractor": event.subcontractor}


def issuer_and_subcontractor(book: PartyBook, part_id: UUID) -> tuple[FirmId, FirmId]:
    roles = book.roles(part_id)
    try:
        return roles["issuer"], roles["subcontractor"]
    except KeyError:
        raise LookupError(
            f"subcontracted part {part_id} has no known issuer and subcontractor: its Offered "
            "event was never projected"
        ) from None


def _moved(
    asset: Asset[int], amount: int, giver: FirmId, taker: FirmId, reference: str
) -> tuple[Posting, ...]:
    """``amount`` from ``giver`` (GIVEN) to ``taker`` (RECEIVED); a negative amount reverses
    such a move (off the taker's RECEIVED, back onto the giver's GIVEN)."""
    if amount < 0:
        return transfer(
            asset,
            -amount,
            source=taker,
            source_kind=RECEIVED,
            target=giver,
            target_kind=GIVEN,
            reference=reference,
        )
    return transfer(
        asset,
        amount,
        source=giver,
        source_kind=GIVEN,
        target=taker,
        target_kind=RECEIVED,
        reference=reference,
    )


def _consumed(
    event: SubcontractPart.Inspected | SubcontractPart.InspectionCorrected, book: PartyBook
) -> list[Posting]:
    """What the accepted (and, per the part's terms, scrapped) pieces consumed comes back to the
    issuer in the pieces: it leaves what the subcontractor holds."""
    issuer, sub = issuer_and_subcontractor(book, event.originator_id)
    out: list[Posting] = []
    for use in event.consumed:
        ref = f"{use.material} consumed by part {event.originator_id}"
        out.extend(_moved(MATERIAL_ASSETS[use.unit], -use.quantity, issuer, sub, ref))
    return out


@postings.rule(SubcontractPart.Inspected)
def inspected(event: SubcontractPart.Inspected, book: PartyBook) -> Sequence[Posting]:
    issuer, sub = issuer_and_subcontractor(book, event.originator_id)
    i = event.inspection
    ref = f"delivery {i.delivery_id}"
    return (*_moved(SUBCONTRACT_PIECES, i.accepted, sub, issuer, ref), *_consumed(event, book))


@postings.rule(SubcontractPart.InspectionCorrected)
def inspection_corrected(
    event: SubcontractPart.InspectionCorrected, book: PartyBook
) -> Sequence[Posting]:
    issuer, sub = issuer_and_subcontractor(book, event.originator_id)
    i = event.inspection
    change = i.accepted - event.previous.accepted
    ref = f"correction of delivery {i.delivery_id}"
    return (*_moved(SUBCONTRACT_PIECES, change, sub, issuer, ref), *_consumed(event, book))


@postings.rule(SubcontractPart.Billed)
def billed(event: SubcontractPart.Billed, book: PartyBook) -> Sequence[Posting]:
    issuer, sub = issuer_and_subcontractor(book, event.originator_id)
    return owed(
        event.bill.amount.fen,
        debtor=issuer,
        creditor=sub,
        reference=f"bill {event.bill.bill_id}",
    )


@postings.rule(SubcontractPart.PaymentRecorded)
def payment_recorded(event: SubcontractPart.PaymentRecorded, book: PartyBook) -> Sequence[Posting]:
    issuer, sub = issuer_and_subcontractor(book, event.originator_id)
    return paid(
        event.amount.fen,
        debtor=issuer,
        creditor=sub,
        reference=f"payment {event.payment_id} on part {event.originator_id}",
    )


@postings.rule(SubcontractPart.SettledByClearing)
def settled_by_clearing(
    event: SubcontractPart.SettledByClearing, book: PartyBook
) -> Sequence[Posting]:
    """Like a payment: the part's receivable and payable fall by what the run cleared."""
    issuer, sub = issuer_and_subcontractor(book, event.originator_id)
    return paid(
        event.amount.fen,
        debtor=issuer,
        creditor=sub,
        reference=f"clearing run {event.run_id} on part {event.originator_id}",
    )


@postings.rule(SubcontractPart.MaterialSent)
def material_sent(event: SubcontractPart.MaterialSent, book: PartyBook) -> Sequence[Posting]:
    issuer, sub = issuer_and_subcontractor(book, event.originator_id)
    asset = MATERIAL_ASSETS[event.unit]
    part = event.originator_id
    sent = _moved(asset, event.quantity, issuer, sub, f"{event.material} sent for part {part}")
    # Pieces accepted before the material came consume it as soon as it is there.
    used = _moved(asset, -event.consumed, issuer, sub, f"{event.material} consumed by part {part}")
    return (*sent, *used)


@postings.rule(SubcontractPart.MaterialReturned)
def material_returned(
    event: SubcontractPart.MaterialReturned, book: PartyBook
) -> Sequence[Posting]:
    issuer, sub = issuer_and_subcontractor(book, event.originator_id)
    ref = f"{event.material} returned from part {event.originator_id}"
    return _moved(MATERIAL_ASSETS[event.unit], -event.quantity, issuer, sub, ref)


postings.moves_no_value(
    SubcontractOrder.Recorded,
    SubcontractOrder.PartSplitOff,
    SubcontractOrder.PartResized,
    SubcontractPart.Offered,
    SubcontractPart.Accepted,
    SubcontractPart.Declined,
    SubcontractPart.Withdrawn,
    SubcontractPart.BackorderCancelled,
    # Delivered pieces count nowhere until inspected: only accepted pieces move.
    SubcontractPart.Delivered,
)
