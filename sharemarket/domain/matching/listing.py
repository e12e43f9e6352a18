"""Listing: one need, resource or service on the park's lists, and what live matches hold of it.

A listing is open until it is withdrawn, expired (after its validity date, on a command given
the as-of date) or fulfilled; a fulfilled listing stays fulfilled. It holds only what its
decisions need: the quantity each live match takes of it, what completed deals met, and the
deals that met it. Matches are bounded (live ones and over its life), so the aggregate is too.
"""

from __future__ import annotations

import enum
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.matching.deals import DealRef
from sharemarket.domain.matching.errors import (
    MatchingListingFull,
    MatchingListingNotOpen,
    MatchingListingStillValid,
    MatchingOvercommitted,
)
from sharemarket.domain.matching.terms import ListingKind, Terms, amount_text, check_terms
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text
from sharemarket.domain.time import check_business_date

REASON_MAX = 500
#: Matches a listing may hold at once, and over its life: what keeps the aggregate bounded.
LIVE_MATCHES_MAX = 20
MATCHES_MAX = 100


class ListingRole(enum.Enum):
    """Which of the park's three lists (需求清单 / 资源清单 / 服务清单) the listing is on."""

    NEED = "need"
    RESOURCE = "resource"
    SERVICE = "service"


class ListingStatus(enum.Enum):
    """Where a listing stands: open to matches; withdrawn by its owner; expired once past its
    validity date; fulfilled once all of its quantity is met."""

    OPEN = "open"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    FULFILLED = "fulfilled"


class Listing(Aggregate):
    """A need, resource or service of ``owner`` (None: the park's own service)."""

    class Event(Aggregate.Event):
        """The base of ``Listing``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Posted(Aggregate.Created, Event):
        """A firm (or the park) posted a need, resource or service, open until ``valid_until``."""

        role: ListingRole
        owner: FirmId | None
        terms: Terms
        valid_until: date
        actor: Actor

    class Withdrawn(Event):
        """Its owner (or an administrator) withdrew the listing, saying why."""

        reason: str
        actor: Actor

        def apply(self, listing: Listing) -> None:
            """The listing is withdrawn."""
            listing.status = ListingStatus.WITHDRAWN

    class Expired(Event):
        """The listing was closed once ``as_of`` was past its validity date."""

        as_of: date
        actor: Actor

        def apply(self, listing: Listing) -> None:
            """The listing is expired."""
            listing.status = ListingStatus.EXPIRED

    class MatchHeld(Event):
        """A proposed match takes ``quantity`` of the listing until it is declined or met."""

        match_id: UUID
        quantity: int
        actor: Actor

        def apply(self, listing: Listing) -> None:
            """The match holds its quantity."""
            listing.held[str(self.match_id)] = self.quantity
            listing.matches_ever += 1

    class MatchReleased(Event):
        """A match was declined or lapsed: what it held is available again."""

        match_id: UUID
        actor: Actor

        def apply(self, listing: Listing) -> None:
            """The match holds nothing any more."""
            listing.held.pop(str(self.match_id), None)

    class DealRecorded(Event):
        """The deal drafted from an agreed match."""

        match_id: UUID
        deal: DealRef
        actor: Actor

        def apply(self, listing: Listing) -> None:
            """The deal is noted by its match."""
            listing.deals[str(self.match_id)] = self.deal

    class MatchMet(Event):
        """The match's deal completed: what it held is now met."""

        match_id: UUID
        quantity: int
        actor: Actor

        def apply(self, listing: Listing) -> None:
            """What the match held is counted as met."""
            listing.held.pop(str(self.match_id), None)
            listing.met += self.quantity

    class Fulfilled(Event):
        """All of the listing's quantity is met."""

        actor: Actor

        def apply(self, listing: Listing) -> None:
            """The listing is fulfilled."""
            listing.status = ListingStatus.FULFILLED

    def __init__(
        self, role: ListingRole, owner: FirmId | None, terms: Terms, valid_until: date, actor: Actor
    ) -> None:
        self.role = role
        self.owner = owner
        self.terms = terms
        self.valid_until = valid_until
        self.status = ListingStatus.OPEN
        self.held: dict[str, int] = {}  # match id -> quantity, for live matches only
        self.deals: dict[str, DealRef] = {}  # match id -> the deal made from it
        self.met = 0
        self.matches_ever = 0

    @classmethod
    def post(
        cls,
        park: Park,
        actor: Actor,
        *,
        listing_id: UUID,
        role: ListingRole,
        terms: Terms,
        valid_until: date,
    ) -> Listing:
        """A firm's representative posts a need or resource of its firm; a park administrator
        posts a service of the park."""
        check_terms(terms)
        check_business_date(valid_until, "valid_until")
        if not isinstance(role, ListingRole):
            raise TypeError(f"role is a ListingRole, not {type(role).__name__}")
        owner: FirmId | None
        if role is ListingRole.SERVICE:
            park.require_administrator(actor)
            if terms.kind is not ListingKind.SERVICE:
                raise InvalidInput(
                    f"the services list takes ServiceTerms, not {type(terms).__name__}; post "
                    f"{terms.kind.value} as a firm's need or resource"
                )
            owner = None
        else:
            if actor.firm is None:
                raise PermissionDenied(
                    f"{actor} acts for no firm: a {role.value} is posted by a representative of "
                    "the firm that has it (administrators post the park's services)"
                )
            park.require_representative(actor, actor.firm)
            owner = actor.firm
        return cls._create(
            cls.Posted,
            id=listing_id,
            role=role,
            owner=owner,
            terms=terms,
            valid_until=valid_until,
            actor=actor,
        )

    # Queries ----------------------------------------------------------------------------------

    @property
    def kind(self) -> ListingKind:
        """The kind of listing, that of its terms."""
        return self.terms.kind

    @property
    def label(self) -> str:
        """The listing in words, for messages: its role, id and kind."""
        return f"{self.role.value} {self.id} ({self.kind.value})"

    @property
    def is_open(self) -> bool:
        """Whether the listing is open to matches (not withdrawn, expired or fulfilled)."""
        return self.status is ListingStatus.OPEN

    @property
    def available(self) -> int:
        """What is neither met nor held by a live match, in the terms' unit."""
        return max(0, self.terms.quantity - self.met - sum(self.held.values()))

    def require_open(self) -> None:
        """Refuse anything but an open listing.

        Raises:
            MatchingListingNotOpen: the listing is withdrawn, expired or fulfilled.
        """
        if not self.is_open:
            raise MatchingListingNotOpen(f"{self.label} is {self.status.value}")

    # Commands ---------------------------------------------------------------------------------

    def withdraw(self, park: Park, actor: Actor, reason: str) -> None:
        """Its owner's representative (or an administrator) closes the open listing, saying why.

        Raises:
            PermissionDenied: the actor acts neither for the owner nor as an administrator.
            MatchingListingNotOpen: the listing is not open.
        """
        self._require_owner(park, actor)
        self.require_open()
        text = free_text(reason, "reason", REASON_MAX)
        self.trigger_event(self.Withdrawn, reason=text, actor=actor)

    def expire(self, park: Park, actor: Actor, as_of: date) -> None:
        """Close the listing once ``as_of`` is past its validity date."""
        self._require_owner(park, actor)
        check_business_date(as_of, "as_of")
        self.require_open()
        if as_of <= self.valid_until:
            raise MatchingListingStillValid(
                f"{self.label} is valid until {self.valid_until}; on {as_of} it has not expired "
                "(withdraw it to close it earlier)"
            )
        self.trigger_event(self.Expired, as_of=as_of, actor=actor)

    def hold(self, actor: Actor, match_id: UUID, quantity: int) -> None:
        """A new match takes ``quantity`` of what the listing still has available."""
        self.require_open()
        if len(self.held) >= LIVE_MATCHES_MAX or self.matches_ever >= MATCHES_MAX:
            raise MatchingListingFull(
                f"{self.label} holds {len(self.held)} live matches and has had "
                f"{self.matches_ever}; a listing takes at most {LIVE_MATCHES_MAX} at once and "
                f"{MATCHES_MAX} in all: post a new listing"
            )
        if quantity <= 0 or quantity > self.available:
            raise MatchingOvercommitted(
                f"{self.label} has {amount_text(self.terms, self.available)} left that no live "
                f"match holds; a match cannot take {amount_text(self.terms, quantity)} of it"
            )
        self.trigger_event(self.MatchHeld, match_id=match_id, quantity=quantity, actor=actor)

    def release(self, actor: Actor, match_id: UUID) -> None:
        """The match declined or lapsed: what it held of the listing is available again."""
        if str(match_id) in self.held:
            self.trigger_event(self.MatchReleased, match_id=match_id, actor=actor)

    def record_deal(self, actor: Actor, match_id: UUID, deal: DealRef) -> None:
        """Note the deal drafted from the match, once both sides have accepted it."""
        self.trigger_event(self.DealRecorded, match_id=match_id, deal=deal, actor=actor)

    def record_met(self, actor: Actor, match_id: UUID) -> None:
        """The deal of the match completed: its quantity is met; the listing is fulfilled
        once all of its quantity is (a withdrawn or expired listing stays as it is)."""
        quantity = self.held.get(str(match_id), 0)
        self.trigger_event(self.MatchMet, match_id=match_id, quantity=quantity, actor=actor)
        if self.is_open and self.met >= self.terms.quantity:
            self.trigger_event(self.Fulfilled, actor=actor)

    def _require_owner(self, park: Park, actor: Actor) -> None:
        if actor.is_administrator:
            park.require_administrator(actor)
        elif self.owner is None or actor.firm != self.owner:
            raise PermissionDenied(
                f"{actor} may not change {self.label}: only its firm's representatives or a "
                "park administrator may"
            )
        else:
            park.require_representative(actor, self.owner, must_be_active=False)
