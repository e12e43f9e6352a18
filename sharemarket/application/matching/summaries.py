"""One-line audit summaries of the park's lists: listings, matches, the deals made from them."""

from __future__ import annotations

from sharemarket.application.projections.audit_summaries import SummaryRules, short, who
from sharemarket.application.projections.parties import PartyBook
from sharemarket.domain.matching.listing import Listing
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.offers import OpenOffers

summaries = SummaryRules()


@summaries.summary(Listing.Posted)
def posted(e: Listing.Posted, _: PartyBook) -> str:
    return (
        f"{who(e.actor)} posted {e.role.value} {short(e.originator_id)} "
        f"({e.terms.kind.value}): {e.terms}, valid until {e.valid_until.isoformat()}"
    )


@summaries.summary(Listing.Withdrawn)
def withdrawn(e: Listing.Withdrawn, _: PartyBook) -> str:
    return f"{who(e.actor)} withdrew listing {short(e.originator_id)}: {e.reason}"


@summaries.summary(Listing.Expired)
def expired(e: Listing.Expired, _: PartyBook) -> str:
    return f"{who(e.actor)} recorded listing {short(e.originator_id)} expired on {e.as_of}"


@summaries.summary(Listing.MatchHeld)
def held(e: Listing.MatchHeld, _: PartyBook) -> str:
    return f"match {short(e.match_id)} holds {e.quantity} of listing {short(e.originator_id)}"


@summaries.summary(Listing.MatchReleased)
def released(e: Listing.MatchReleased, _: PartyBook) -> str:
    return f"match {short(e.match_id)} no longer holds listing {short(e.originator_id)}"


@summaries.summary(Listing.DealRecorded)
def deal_recorded(e: Listing.DealRecorded, _: PartyBook) -> str:
    return (
        f"listing {short(e.originator_id)} met by {e.deal.kind.replace('_', ' ')} "
        f"{short(e.deal.deal_id)} (match {short(e.match_id)})"
    )


@summaries.summary(Listing.MatchMet)
def met(e: Listing.MatchMet, _: PartyBook) -> str:
    return f"match {short(e.match_id)} met {e.quantity} of listing {short(e.originator_id)}"


@summaries.summary(Listing.Fulfilled)
def fulfilled(e: Listing.Fulfilled, _: PartyBook) -> str:
    return f"listing {short(e.originator_id)} is fulfilled"


@summaries.summary(Match.Proposed)
def match_proposed(e: Match.Proposed, _: PartyBook) -> str:
    offer = "the park" if e.offer_owner is None else e.offer_owner.short
    return (
        f"{who(e.actor)} proposed match {short(e.originator_id)}: need {short(e.need)} of "
        f"{e.need_owner.short} with offer {short(e.offer)} of {offer} ({e.kind.value}; "
        f"{'; '.join(e.reasons)})"
    )


@summaries.summary(Match.SideAccepted)
def side_accepted(e: Match.SideAccepted, _: PartyBook) -> str:
    return f"{who(e.actor)} accepted match {short(e.originator_id)} for the {e.side.value} side"


@summaries.summary(Match.Declined)
def declined(e: Match.Declined, _: PartyBook) -> str:
    return f"{who(e.actor)} declined match {short(e.originator_id)}: {e.reason}"


@summaries.summary(Match.Agreed)
def agreed(e: Match.Agreed, _: PartyBook) -> str:
    deal = "no deal to draft" if e.deal is None else f"drafted {e.deal.kind.replace('_', ' ')}"
    tail = "" if e.deal is None else f" {short(e.deal.deal_id)}"
    return f"match {short(e.originator_id)} agreed by both sides: {deal}{tail}"


@summaries.summary(Match.Met)
def match_met(e: Match.Met, _: PartyBook) -> str:
    return f"{who(e.actor)} recorded match {short(e.originator_id)} met: {e.outcome}"


@summaries.summary(Match.Lapsed)
def lapsed(e: Match.Lapsed, _: PartyBook) -> str:
    return f"{who(e.actor)} recorded match {short(e.originator_id)} lapsed: {e.outcome}"


@summaries.summary(OpenOffers.Started)
def index_started(e: OpenOffers.Started, _: PartyBook) -> str:
    return f"the open {e.kind.value} offers index started"


@summaries.summary(OpenOffers.OfferOpened)
def offer_opened(e: OpenOffers.OfferOpened, _: PartyBook) -> str:
    return f"offer {short(e.listing_id)} is open"


@summaries.summary(OpenOffers.OfferClosed)
def offer_closed(e: OpenOffers.OfferClosed, _: PartyBook) -> str:
    return f"offer {short(e.listing_id)} is no longer open"
