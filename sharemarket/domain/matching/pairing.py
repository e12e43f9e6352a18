"""The rules that span a match and its two listings: propose, accept, decline, follow the deal.

Every step changes the match and both listings together (the handler saves the three, and the
deal, in one transaction), so what a listing holds for live matches is never more than it has,
whatever runs at the same time: a second writer's save conflicts and is decided again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import PermissionDenied
from sharemarket.domain.matching.coverage import cover
from sharemarket.domain.matching.deals import Acceptance, DealKind, DealOutcome, DealRef, Find
from sharemarket.domain.matching.errors import (
    MatchingDealKindUnavailable,
    MatchingDealNotComplete,
    MatchingKindMismatch,
    MatchingNothingCovered,
    MatchingSelfMatch,
    MatchingWrongRoles,
)
from sharemarket.domain.matching.listing import REASON_MAX, Listing, ListingRole
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.terms import ListingKind
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text

#: The deal each kind's match becomes, by kind. A kind absent from the table has no slice in
#: this market yet; a kind mapped to None makes no deal (a service: the match is the agreement).
DealKinds = Mapping[ListingKind, DealKind | None]

#: What the deal drafter says in words, for the refusal of a kind without its slice.
DEAL_OF_KIND = {
    ListingKind.LABOUR: "a labour agreement proposal (labour slice)",
    ListingKind.CAPACITY: "a subcontracting part offer (subcontracting slice)",
    ListingKind.VENUE: "a venue booking request (venues slice)",
    ListingKind.FUNDS: "a loan application (funds slice)",
}


def check_pair(park: Park, need: Listing, offer: Listing) -> None:
    """A need and an offer of one kind, of two parties, both open, the firms active."""
    if need.role is not ListingRole.NEED or offer.role is ListingRole.NEED:
        raise MatchingWrongRoles(
            f"a match pairs a need with a resource or a service; got {need.label} and {offer.label}"
        )
    if need.kind is not offer.kind:
        raise MatchingKindMismatch(
            f"{need.label} and {offer.label} are of different kinds; a match pairs one kind"
        )
    if offer.owner is not None and need.owner == offer.owner:
        raise MatchingSelfMatch(f"{need.label} and {offer.label} are both of firm {need.owner}")
    need.require_open()
    offer.require_open()
    for owner in (need.owner, offer.owner):
        if owner is not None:
            park.require_active(owner)


def propose(park: Park, actor: Actor, *, match_id: UUID, need: Listing, offer: Listing) -> Match:
    """An administrator or either firm pairs ``need`` with ``offer``; the match takes what the
    offer covers of the need, up to what each of them still has available."""
    check_pair(park, need, offer)
    if actor.is_administrator:
        park.require_administrator(actor)
    elif actor.firm is not None and actor.firm in (need.owner, offer.owner):
        park.require_representative(actor, actor.firm)
    else:
        raise PermissionDenied(
            f"{actor} may not propose this match: a park administrator or one of the two firms "
            "proposes it"
        )
    coverage = cover(need.terms, offer.terms)
    if not coverage.fits:
        raise MatchingNothingCovered(
            f"{offer.label} covers nothing of {need.label}: {coverage.explanation}"
        )
    quantity = min(coverage.covered, need.available, offer.available)
    need.hold(actor, match_id, quantity)
    offer.hold(actor, match_id, quantity)
    assert need.owner is not None  # a need is always a firm's
    return Match._create(
        Match.Proposed,
        id=match_id,
        need=need.id,
        offer=offer.id,
        kind=need.kind,
        need_owner=need.owner,
        offer_owner=offer.owner,
        quantity=quantity,
        reasons=coverage.reasons,
        actor=actor,
    )


def deal_kind_of(kinds: DealKinds, kind: ListingKind) -> DealKind | None:
    """The kind's deal maker (None: the kind makes no deal), or the refusal naming the slice
    the market lacks."""
    if kind not in kinds:
        raise MatchingDealKindUnavailable(
            f"an accepted {kind.value} match becomes {DEAL_OF_KIND.get(kind, 'a deal')}, and "
            "this market has no such slice yet; the match stays proposed"
        )
    return kinds[kind]


#: An acceptance that gives no date nor time (enough for a labour or a capacity deal).
UNSAID = Acceptance()


def accept(
    park: Park,
    actor: Actor,
    *,
    match: Match,
    need: Listing,
    offer: Listing,
    kinds: DealKinds,
    deal_id: UUID,
    when: Acceptance = UNSAID,
    find: Find = lambda cls, aggregate_id: None,
) -> tuple[DealRef | None, tuple[Aggregate, ...]]:
    """The actor's side accepts. Once both sides have, the deal is drafted from the listings'
    fields, carrying the match's id, and both listings record it. Returns the deal (if one
    was drafted) and what else its draft changed, to be saved with the match and the
    listings."""
    side = match.side_of(park, actor)
    deal_kind = deal_kind_of(kinds, match.kind)
    check_pair(park, need, offer)
    if not match.accept(actor, side):
        return None, ()
    drafted: tuple[Aggregate, ...] = ()
    ref: DealRef | None = None
    if deal_kind is not None:
        deal = deal_kind.draft(
            park,
            actor,
            deal_id=deal_id,
            match=match,
            need=need.terms,
            offer=offer.terms,
            when=when,
            find=find,
        )
        ref = DealRef(deal_kind.name, deal.deal.id)
        drafted = deal.aggregates
        need.record_deal(actor, match.id, ref)
        offer.record_deal(actor, match.id, ref)
    match.agree(actor, ref)
    return ref, drafted


def decline(
    park: Park, actor: Actor, *, match: Match, need: Listing, offer: Listing, reason: str
) -> None:
    """Either side declines; what the match held of both listings is free again."""
    side = match.side_of(park, actor, must_be_active=False)
    match.decline(actor, side, free_text(reason, "reason", REASON_MAX))
    need.release(actor, match.id)
    offer.release(actor, match.id)


def record_outcome(
    park: Park,
    actor: Actor,
    *,
    match: Match,
    need: Listing,
    offer: Listing,
    kinds: DealKinds,
    load_deal: Callable[[type[Aggregate], UUID], Any],
) -> DealOutcome:
    """Follow the deal made from an agreed match. Completed: the match's quantity is met on
    both listings, and a listing all of whose quantity is met is fulfilled. Fell through: the
    match lapses and frees what it held. Still under way: refused, nothing recorded. A match
    that made no deal (a service) is met when either side records it."""
    match.require_agreed()
    if actor.is_administrator:
        park.require_administrator(actor)
    else:
        match.side_of(park, actor, must_be_active=False)
    if match.deal is None:
        outcome, why = DealOutcome.COMPLETED, "the service was given"
    else:
        deal_kind = deal_kind_of(kinds, match.kind)
        assert deal_kind is not None
        outcome, why = deal_kind.outcome(load_deal(deal_kind.aggregate, match.deal.deal_id))
    if outcome is DealOutcome.PENDING:
        raise MatchingDealNotComplete(f"the deal of {match.label} is under way: {why}")
    if outcome is DealOutcome.COMPLETED:
        match.met(actor, why)
        need.record_met(actor, match.id)
        offer.record_met(actor, match.id)
    else:
        match.lapse(actor, why)
        need.release(actor, match.id)
        offer.release(actor, match.id)
    return outcome
