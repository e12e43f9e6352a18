"""Matching handlers: load the listings, the match and the index; let the domain decide.

A match and its two listings are saved together in every step, with the deal an acceptance
drafts and the open-offers index a listing enters or leaves: one transaction each.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.matching import access
from sharemarket.application.matching import commands as c
from sharemarket.application.matching.deal_days import park_days_of
from sharemarket.application.matching.deal_kinds import DEAL_KINDS
from sharemarket.application.park.access import read_park
from sharemarket.domain.actor import Actor
from sharemarket.domain.matching import pairing
from sharemarket.domain.matching.deals import Acceptance, DealOutcome, DealRef
from sharemarket.domain.matching.listing import Listing, ListingRole
from sharemarket.domain.matching.match import Match

handlers = Handlers()

Saved = Sequence[Aggregate]


def _post(loader: Loader, command: c.PostListing) -> tuple[Saved, UUID]:
    listing = Listing.post(
        read_park(loader),
        command.actor,
        listing_id=command.listing_id,
        role=command.role,
        terms=command.terms,
        valid_until=command.valid_until,
    )
    return [listing, *_indexed(loader, command.actor, listing)], listing.id


def _indexed(loader: Loader, actor: Actor, listing: Listing) -> list[Aggregate]:
    """The kind's open-offers index, following ``listing`` (nothing for a need)."""
    if listing.role is ListingRole.NEED:
        return []
    index = access.open_offers(loader, listing.kind)
    index.follow(actor, listing)
    return [index]


handlers.handles(c.PostNeed)(_post)
handlers.handles(c.PostResource)(_post)
handlers.handles(c.PostService)(_post)


@handlers.handles(c.WithdrawListing)
def withdraw_listing(loader: Loader, command: c.WithdrawListing) -> tuple[Saved, None]:
    listing = access.listing(loader, command.listing)
    listing.withdraw(read_park(loader), command.actor, command.reason)
    return [listing, *_indexed(loader, command.actor, listing)], None


@handlers.handles(c.ExpireListing)
def expire_listing(loader: Loader, command: c.ExpireListing) -> tuple[Saved, None]:
    listing = access.listing(loader, command.listing)
    listing.expire(read_park(loader), command.actor, command.as_of)
    return [listing, *_indexed(loader, command.actor, listing)], None


@handlers.handles(c.ProposeMatch)
def propose_match(loader: Loader, command: c.ProposeMatch) -> tuple[Saved, UUID]:
    need = access.listing(loader, command.need, "need")
    offer = access.listing(loader, command.offer, "offer")
    match = pairing.propose(
        read_park(loader), command.actor, match_id=command.match_id, need=need, offer=offer
    )
    return [need, offer, match], match.id


def _parts(loader: Loader, match_id: UUID) -> tuple[Match, Listing, Listing]:
    match = access.match(loader, match_id)
    return match, access.listing(loader, match.need), access.listing(loader, match.offer)


@handlers.handles(c.AcceptMatch)
def accept_match(loader: Loader, command: c.AcceptMatch) -> tuple[Saved, DealRef | None]:
    match, need, offer = _parts(loader, command.match)
    ref, drafted = pairing.accept(
        read_park(loader),
        command.actor,
        match=match,
        need=need,
        offer=offer,
        kinds=DEAL_KINDS,
        deal_id=command.deal_id,
        when=Acceptance(
            on=command.on,
            at=command.at,
            park_days=park_days_of(loader, need, offer, command.at),
        ),
        find=loader.find,
    )
    return [match, need, offer, *drafted], ref


@handlers.handles(c.DeclineMatch)
def decline_match(loader: Loader, command: c.DeclineMatch) -> tuple[Saved, None]:
    match, need, offer = _parts(loader, command.match)
    pairing.decline(
        read_park(loader), command.actor, match=match, need=need, offer=offer, reason=command.reason
    )
    return [match, need, offer], None


@handlers.handles(c.RecordDealOutcome)
def record_deal_outcome(loader: Loader, command: c.RecordDealOutcome) -> tuple[Saved, DealOutcome]:
    match, need, offer = _parts(loader, command.match)
    outcome = pairing.record_outcome(
        read_park(loader),
        command.actor,
        match=match,
        need=need,
        offer=offer,
        kinds=DEAL_KINDS,
        load_deal=lambda cls, deal_id: loader.get(cls, deal_id, f"deal {deal_id}"),
    )
    return [match, need, offer, *_indexed(loader, command.actor, offer)], outcome
