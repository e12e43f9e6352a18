"""The park's lists in the journal: listing and matching move no value (the deals do, in their
own slices); the parties are the listing's firm and the match's two firms."""

from __future__ import annotations

from sharemarket.application.projections.journal import PostingRules
from sharemarket.application.projections.parties import PartyRules, Roles
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.matching.listing import Listing
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.offers import OpenOffers

postings = PostingRules()
parties = PartyRules()


@parties.declare(Listing.Posted)
def listing_parties(event: Listing.Posted) -> Roles:
    return {} if event.owner is None else {"owner": event.owner}


@parties.declare(Match.Proposed)
def match_parties(event: Match.Proposed) -> Roles:
    roles: dict[str, FirmId] = {"need": event.need_owner}
    if event.offer_owner is not None:
        roles["offer"] = event.offer_owner
    return roles


postings.moves_no_value(
    Listing.Posted,
    Listing.Withdrawn,
    Listing.Expired,
    Listing.MatchHeld,
    Listing.MatchReleased,
    Listing.DealRecorded,
    Listing.MatchMet,
    Listing.Fulfilled,
    Match.Proposed,
    Match.SideAccepted,
    Match.Declined,
    Match.Agreed,
    Match.Met,
    Match.Lapsed,
    OpenOffers.Started,
    OpenOffers.OfferOpened,
    OpenOffers.OfferClosed,
)
