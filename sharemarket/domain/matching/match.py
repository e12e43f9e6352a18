"""Match: a need paired with a resource or a service, accepted by both sides or declined.

The match holds what the pairing took (the quantity, in the need's unit), who stands on each
side, and once both sides accept, the deal made from it. It never changes the listings itself:
the rules that span the match and its two listings are in ``pairing``.
"""

from __future__ import annotations

import enum
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.matching.deals import DealRef
from sharemarket.domain.matching.errors import (
    MatchingAlreadyAccepted,
    MatchingNotAgreed,
    MatchingNotProposed,
)
from sharemarket.domain.matching.terms import ListingKind
from sharemarket.domain.park.membership import Park


class MatchSide(enum.Enum):
    """A side of a match: the need's owner, or the offer's (a resource's or service's)."""

    NEED = "need"
    OFFER = "offer"


class MatchStatus(enum.Enum):
    """Where a match stands: proposed; agreed by both sides (its deal, where the kind makes one,
    drafted); declined by either side; met once the deal completed; lapsed if it fell through."""

    PROPOSED = "proposed"
    AGREED = "agreed"  # both sides accepted; the deal (if the kind makes one) is drafted
    DECLINED = "declined"
    MET = "met"  # the deal completed
    LAPSED = "lapsed"  # the deal fell through


class Match(Aggregate):
    """``need`` of ``need_owner`` paired with ``offer`` of ``offer_owner`` (None: the park)."""

    class Event(Aggregate.Event):
        """The base of ``Match``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Proposed(Aggregate.Created, Event):
        """A need was paired with an offer for ``quantity`` of it, with the reasons in words."""

        need: UUID
        offer: UUID
        kind: ListingKind
        need_owner: FirmId
        offer_owner: FirmId | None
        quantity: int
        reasons: tuple[str, ...]
        actor: Actor

    class SideAccepted(Event):
        """One side accepted the match."""

        side: MatchSide
        actor: Actor

        def apply(self, match: Match) -> None:
            """The side is among those that accepted."""
            match.accepted = sorted({*match.accepted, self.side.value})

    class Declined(Event):
        """One side declined the match, saying why."""

        side: MatchSide
        reason: str
        actor: Actor

        def apply(self, match: Match) -> None:
            """The match is declined."""
            match.status = MatchStatus.DECLINED

    class Agreed(Event):
        """Both sides accepted; ``deal`` is the deal drafted from the match (None: a service)."""

        deal: DealRef | None
        actor: Actor

        def apply(self, match: Match) -> None:
            """The match is agreed, with its deal."""
            match.status = MatchStatus.AGREED
            match.deal = self.deal

    class Met(Event):
        """The match's deal completed (or its service was given); ``outcome`` says how."""

        outcome: str
        actor: Actor

        def apply(self, match: Match) -> None:
            """The match is met."""
            match.status = MatchStatus.MET

    class Lapsed(Event):
        """The match's deal fell through; ``outcome`` says how."""

        outcome: str
        actor: Actor

        def apply(self, match: Match) -> None:
            """The match is lapsed."""
            match.status = MatchStatus.LAPSED

    def __init__(
        self,
        need: UUID,
        offer: UUID,
        kind: ListingKind,
        need_owner: FirmId,
        offer_owner: FirmId | None,
        quantity: int,
        reasons: tuple[str, ...],
        actor: Actor,
    ) -> None:
        self.need = need
        self.offer = offer
        self.kind = kind
        self.need_owner = need_owner
        self.offer_owner = offer_owner
        self.quantity = quantity
        self.reasons = tuple(reasons)
        self.proposed_by = actor
        self.status = MatchStatus.PROPOSED
        self.accepted: list[str] = []
        self.deal: DealRef | None = None

    @property
    def label(self) -> str:
        """The match in words, for messages: its id and kind."""
        return f"match {self.id} ({self.kind.value})"

    def owner(self, side: MatchSide) -> FirmId | None:
        """The firm on ``side`` (None: the park, offering its own service)."""
        return self.need_owner if side is MatchSide.NEED else self.offer_owner

    def has_accepted(self, side: MatchSide) -> bool:
        """Whether ``side`` has accepted the match."""
        return side.value in self.accepted

    def side_of(self, park: Park, actor: Actor, *, must_be_active: bool = True) -> MatchSide:
        """The side ``actor`` speaks for: a firm's representative for its firm's side, a park
        administrator for the park's own service."""
        if actor.is_administrator:
            park.require_administrator(actor)
            if self.offer_owner is None:
                return MatchSide.OFFER
        else:
            for side in MatchSide:
                if actor.firm is not None and actor.firm == self.owner(side):
                    park.require_representative(actor, actor.firm, must_be_active=must_be_active)
                    return side
        raise PermissionDenied(
            f"{actor} may not answer {self.label}: each side answers for itself (a firm's "
            "representative for its firm, an administrator for the park's own service)"
        )

    def require_proposed(self, verb: str) -> None:
        """Refuse anything but a proposed match (``verb`` says what was tried, for the message).

        Raises:
            MatchingNotProposed: the match is no longer proposed.
        """
        if self.status is not MatchStatus.PROPOSED:
            raise MatchingNotProposed(
                f"{self.label} is {self.status.value}; only a proposed match can be {verb}"
            )

    def accept(self, actor: Actor, side: MatchSide) -> bool:
        """Record ``side``'s acceptance; True when both sides have now accepted."""
        self.require_proposed("accepted")
        if self.has_accepted(side):
            raise MatchingAlreadyAccepted(
                f"the {side.value} side has already accepted {self.label}"
            )
        self.trigger_event(self.SideAccepted, side=side, actor=actor)
        return all(self.has_accepted(s) for s in MatchSide)

    def decline(self, actor: Actor, side: MatchSide, reason: str) -> None:
        """``side`` declines the proposed match, saying why.

        Raises:
            MatchingNotProposed: the match is no longer proposed.
        """
        self.require_proposed("declined")
        self.trigger_event(self.Declined, side=side, reason=reason, actor=actor)

    def agree(self, actor: Actor, deal: DealRef | None) -> None:
        """Both sides have accepted: the match is agreed, with the deal drafted from it (None:
        a service, which makes no deal)."""
        self.trigger_event(self.Agreed, deal=deal, actor=actor)

    def require_agreed(self) -> None:
        """Refuse anything but an agreed match.

        Raises:
            MatchingNotAgreed: the match is not agreed, so it has no deal to follow.
        """
        if self.status is not MatchStatus.AGREED:
            raise MatchingNotAgreed(
                f"{self.label} is {self.status.value}; only an agreed match has a deal to follow"
            )

    def met(self, actor: Actor, outcome: str) -> None:
        """The match's deal completed (or its service was given); ``outcome`` says how."""
        self.trigger_event(self.Met, outcome=outcome, actor=actor)

    def lapse(self, actor: Actor, outcome: str) -> None:
        """The match's deal fell through; ``outcome`` says how."""
        self.trigger_event(self.Lapsed, outcome=outcome, actor=actor)
