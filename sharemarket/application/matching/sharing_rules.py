"""What each event adds to the sharing view: needs by kind and day, and what firms shared.

Needs: posted, matched (the first match agreed by both sides), fulfilled, and closed (withdrawn,
expired or fulfilled), by kind. Firms: what each gave and received, by measure, for every deal of
the park, each marked made from a match or not (a deal is made from a match when an agreed match
names it): labour minutes (confirmed shifts, less reversed ones), pieces accepted and the money
billed for them, venue minutes (completed bookings at another firm's venue), money lent
(disbursed principal, less a disbursal undone) and guarantees (accepted; their limits).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from sharemarket.application.matching.report import (
    BILLED,
    GUARANTEED,
    GUARANTEES,
    LABOUR,
    LENT,
    PIECES,
    VENUE,
)
from sharemarket.application.matching.sharing_view import GIVEN, RECEIVED, SharingBatch
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.matching.listing import Listing, ListingRole
from sharemarket.domain.matching.match import Match
from sharemarket.domain.money import Money
from sharemarket.domain.subcontracting.part import SubcontractPart
from sharemarket.domain.venues.booking import Booking

Facts = Callable[[str], str | None]
Rule = Callable[[Any, date, SharingBatch, Facts, PartyBook], None]
RULES: dict[type, Rule] = {}


def rule(*classes: type) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        for cls in classes:
            RULES[cls] = function
        return function

    return register


def need_key(listing: UUID) -> str:
    return f"need:{listing}"


def deal_key(deal: UUID) -> str:
    return f"deal:{deal}"


@rule(Listing.Posted)
def posted(e: Listing.Posted, day: date, batch: SharingBatch, facts: Facts, _: PartyBook) -> None:
    if e.role is ListingRole.NEED:
        kind = e.terms.kind.value
        batch.count_need(day, kind, "posted")
        batch.facts[need_key(e.originator_id)] = f"{kind}|{day.isoformat()}|"


@rule(Listing.Withdrawn, Listing.Expired, Listing.Fulfilled)
def closed(e: Any, day: date, batch: SharingBatch, facts: Facts, _: PartyBook) -> None:
    need = facts(need_key(e.originator_id))
    if need is None:  # a resource or a service: the report counts needs
        return
    kind = need.split("|")[0]
    batch.count_need(day, kind, "closed")
    if isinstance(e, Listing.Fulfilled):
        batch.count_need(day, kind, "fulfilled")


@rule(Match.Proposed)
def proposed(e: Match.Proposed, day: date, batch: SharingBatch, facts: Facts, _: PartyBook) -> None:
    batch.facts[f"match:{e.originator_id}"] = str(e.need)


@rule(Match.Agreed)
def agreed(e: Match.Agreed, day: date, batch: SharingBatch, facts: Facts, _: PartyBook) -> None:
    if e.deal is not None:
        batch.facts[deal_key(e.deal.deal_id)] = str(e.originator_id)
    need_id = facts(f"match:{e.originator_id}")
    need = None if need_id is None else facts(f"need:{need_id}")
    if need is None:
        return
    kind, posted_on, matched_on = need.split("|")
    if matched_on:  # the need's first agreed match was counted
        return
    batch.count_need(day, kind, "matched")
    batch.wait(day, (day - date.fromisoformat(posted_on)).days)
    batch.facts[f"need:{need_id}"] = f"{kind}|{posted_on}|{day.isoformat()}"


def _roles(book: PartyBook, deal: UUID, giver: str, receiver: str) -> tuple[FirmId, FirmId]:
    roles = book.roles(deal)
    try:
        return roles[giver], roles[receiver]
    except KeyError:
        raise LookupError(f"{deal} has no known {giver} and {receiver}") from None


@rule(LabourAgreement.ShiftConfirmed, LabourAgreement.ShiftReversed)
def shift(e: Any, day: date, batch: SharingBatch, facts: Facts, book: PartyBook) -> None:
    sign = 1 if isinstance(e, LabourAgreement.ShiftConfirmed) else -1
    parties = _roles(book, e.originator_id, "lender", "borrower")
    _shared(e, day, batch, facts, parties, LABOUR, sign * e.shift.minutes.value)


def _shared(
    e: Any,
    day: date,
    batch: SharingBatch,
    facts: Facts,
    parties: tuple[FirmId, FirmId],
    measure: str,
    amount: int,
    deal: UUID | None = None,
) -> None:
    """``amount`` of ``measure`` given by the first firm and received by the second."""
    matched = facts(deal_key(e.originator_id if deal is None else deal)) is not None
    giver, receiver = parties
    batch.share(day, giver, measure, GIVEN, matched, amount)
    batch.share(day, receiver, measure, RECEIVED, matched, amount)


@rule(SubcontractPart.Inspected, SubcontractPart.InspectionCorrected)
def inspected(e: Any, day: date, batch: SharingBatch, facts: Facts, book: PartyBook) -> None:
    accepted = e.inspection.accepted
    if isinstance(e, SubcontractPart.InspectionCorrected):
        accepted -= e.previous.accepted
    parties = _roles(book, e.originator_id, "subcontractor", "issuer")
    _shared(e, day, batch, facts, parties, PIECES, accepted)


@rule(SubcontractPart.Billed)
def billed(
    e: SubcontractPart.Billed, day: date, batch: SharingBatch, facts: Facts, book: PartyBook
) -> None:
    parties = _roles(book, e.originator_id, "subcontractor", "issuer")
    _shared(e, day, batch, facts, parties, BILLED, e.bill.amount.fen)


@rule(Booking.Completed)
def used(
    e: Booking.Completed, day: date, batch: SharingBatch, facts: Facts, book: PartyBook
) -> None:
    host, booker = _roles(book, e.originator_id, "host", "booker")
    if host != booker:  # a firm's own room is not shared
        _shared(e, day, batch, facts, (host, booker), VENUE, e.minutes)


@rule(Loan.Disbursed, Loan.DisbursalUndone)
def lent(e: Any, day: date, batch: SharingBatch, facts: Facts, book: PartyBook) -> None:
    if isinstance(e, Loan.Disbursed):
        principal = Money.sum(i.principal for i in e.schedule).fen
    else:
        principal = -e.principal.fen
    parties = _roles(book, e.originator_id, "lender", "borrower")
    _shared(e, day, batch, facts, parties, LENT, principal)


def guarantee_key(loan: UUID, guarantor: FirmId) -> str:
    return f"guarantee:{loan}:{guarantor.code}"


@rule(Loan.GuaranteeRequired)
def required(
    e: Loan.GuaranteeRequired, day: date, batch: SharingBatch, facts: Facts, _: PartyBook
) -> None:
    guarantee = e.guarantee
    batch.facts[guarantee_key(e.originator_id, guarantee.guarantor)] = str(guarantee.limit.fen)


@rule(Loan.GuaranteeAccepted)
def guaranteed(
    e: Loan.GuaranteeAccepted, day: date, batch: SharingBatch, facts: Facts, book: PartyBook
) -> None:
    """A guarantee given by the guarantor, and received by the borrower."""
    limit = facts(guarantee_key(e.originator_id, e.guarantor))
    _, borrower = _roles(book, e.originator_id, "lender", "borrower")
    parties = (e.guarantor, borrower)
    _shared(e, day, batch, facts, parties, GUARANTEES, 1)
    _shared(e, day, batch, facts, parties, GUARANTEED, int(limit or 0))
