"""OpenOffers: the open resources and services of one kind, what the ranking reads first.

One aggregate a kind, holding only what is open: a listing enters when it is posted and leaves
when it is withdrawn, expires or is fulfilled, so its size follows what is open, never the
history (snapshots keep loading it cheap while its event count grows).
"""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE
from sharemarket.domain.matching.listing import Listing, ListingRole
from sharemarket.domain.matching.terms import ListingKind


def open_offers_id(kind: ListingKind) -> UUID:
    return uuid5(SHAREMARKET_NAMESPACE, f"matching-open-offers:{kind.value}")


class OpenOffers(Aggregate):
    """The ids of the open offers (resources and services) of ``kind``."""

    class Event(Aggregate.Event):
        """The base of ``OpenOffers``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Started(Aggregate.Created, Event):
        kind: ListingKind

    class OfferOpened(Event):
        listing_id: UUID
        actor: Actor

        def apply(self, index: OpenOffers) -> None:
            index.offers = sorted({*index.offers, str(self.listing_id)})

    class OfferClosed(Event):
        listing_id: UUID
        actor: Actor

        def apply(self, index: OpenOffers) -> None:
            index.offers = [o for o in index.offers if o != str(self.listing_id)]

    def __init__(self, kind: ListingKind) -> None:
        self.kind = kind
        self.offers: list[str] = []

    @classmethod
    def start(cls, kind: ListingKind) -> OpenOffers:
        return cls._create(cls.Started, id=open_offers_id(kind), kind=kind)

    def ids(self) -> tuple[UUID, ...]:
        return tuple(UUID(o) for o in self.offers)

    def follow(self, actor: Actor, listing: Listing) -> None:
        """Keep ``listing`` in the index while it is an open offer, and only then."""
        if listing.role is ListingRole.NEED or listing.kind is not self.kind:
            return
        listed = str(listing.id) in self.offers
        if listing.is_open and not listed:
            self.trigger_event(self.OfferOpened, listing_id=listing.id, actor=actor)
        elif not listing.is_open and listed:
            self.trigger_event(self.OfferClosed, listing_id=listing.id, actor=actor)
