"""Loading the matching slice's aggregates: listings, matches and the open-offers indexes."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.matching.listing import Listing
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.offers import OpenOffers, open_offers_id
from sharemarket.domain.matching.terms import ListingKind


def listing(loader: Loader, listing_id: UUID, what: str = "listing") -> Listing:
    return loader.get(Listing, listing_id, f"{what} {listing_id}")


def match(loader: Loader, match_id: UUID) -> Match:
    return loader.get(Match, match_id, f"match {match_id}")


def open_offers(loader: Loader, kind: ListingKind) -> OpenOffers:
    """The kind's index of open offers, started with its first offer."""
    index = loader.find(OpenOffers, open_offers_id(kind))
    return index if index is not None else OpenOffers.start(kind)


def open_offer_ids(loader: Loader, kind: ListingKind) -> tuple[UUID, ...]:
    index = loader.find(OpenOffers, open_offers_id(kind))
    return () if index is None else index.ids()
