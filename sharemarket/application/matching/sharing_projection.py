"""The sharing projection: what each event adds to the sharing view, written once per batch.

Like the journal and the audit trail, it writes a batch of events' rows with its tracking
position in one transaction, so each event counts exactly once, under a catch-up or a live
runner. The facts it decides with (a need's kind and posting day, a match's need, the deals
made from matches) are read from the batch, then from what it has read before, then from the
view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from sharemarket.application.matching.sharing_view import (
    GIVEN,
    LABOUR,
    RECEIVED,
    SharingBatch,
    SharingView,
)
from sharemarket.application.projections.parties import BatchPartyBook, PartyBook, Roles
from sharemarket.application.projections.projection import ViewProjection
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.matching.listing import Listing, ListingRole
from sharemarket.domain.matching.match import Match
from sharemarket.domain.time import business_date

Facts = Callable[[str], str | None]
Rule = Callable[[Any, date, SharingBatch, Facts, PartyBook], None]
RULES: dict[type, Rule] = {}
#: Facts kept in memory between batches, at most (about 200 bytes each).
FACTS_KEPT = 50_000


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


def _roles(book: PartyBook, deal: UUID, giver: str, receiver: str) -> tuple[Any, Any]:
    roles = book.roles(deal)
    try:
        return roles[giver], roles[receiver]
    except KeyError:
        raise LookupError(f"{deal} has no known {giver} and {receiver}") from None


@rule(LabourAgreement.ShiftConfirmed, LabourAgreement.ShiftReversed)
def shift(e: Any, day: date, batch: SharingBatch, facts: Facts, book: PartyBook) -> None:
    lender, borrower = _roles(book, e.originator_id, "lender", "borrower")
    matched = facts(deal_key(e.originator_id)) is not None
    sign = 1 if isinstance(e, LabourAgreement.ShiftConfirmed) else -1
    minutes = sign * e.shift.minutes.value
    batch.share(day, lender, LABOUR, GIVEN, matched, minutes)
    batch.share(day, borrower, LABOUR, RECEIVED, matched, minutes)


class SharingProjection(ViewProjection[SharingView]):
    """The park's sharing report, by day."""

    name = "sharing"

    def __init__(self, view: SharingView) -> None:
        super().__init__(view)
        self._facts: dict[str, str] = {}

    def forget(self) -> None:
        super().forget()
        self._facts.clear()

    def _new_batch(self) -> SharingBatch:
        return SharingBatch()

    def _add(self, batch: SharingBatch, event: Any, position: int, book: BatchPartyBook) -> None:
        found = RULES.get(type(event))
        if found is None:
            return
        # Computed on a batch of its own first, so that a failing event adds nothing.
        mine = SharingBatch()

        def facts(key: str) -> str | None:
            for known in (mine.facts, batch.facts, self._facts):
                if key in known:
                    return known[key]
            self._settle()
            value = self.view.fact(key)
            if value is not None:
                self._facts[key] = value
            return value

        found(event, business_date(event.timestamp), mine, facts, book)
        for key, counts in mine.needs.items():
            into = batch.needs.setdefault(key, [0] * len(counts))
            for i, count in enumerate(counts):
                into[i] += count
        for wait, count in mine.waits.items():
            batch.waits[wait] = batch.waits.get(wait, 0) + count
        for share, amount in mine.shares.items():
            batch.shares[share] = batch.shares.get(share, 0) + amount
        batch.facts.update(mine.facts)

    def _add_parties(self, batch: SharingBatch, aggregate_id: UUID, roles: Roles) -> None:
        batch.parties.extend(self._party_rows(aggregate_id, roles))

    def _write(self, batch: SharingBatch, tracking: Tracking, after: int | None) -> None:
        self.view.write_sharing(batch, tracking, after)

    def _prepared(self, batch: SharingBatch) -> None:
        if len(self._facts) > FACTS_KEPT:  # read again from the view when next needed
            self._facts.clear()
        self._facts.update(batch.facts)
