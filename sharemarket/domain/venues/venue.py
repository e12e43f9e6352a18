"""Venue: a room a host firm opens to the park's firms, with rules the host may change."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidTransition, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text
from sharemarket.domain.venues.errors import VenueClosedForGood
from sharemarket.domain.venues.rules import VenueKind, VenueRules

NAME_MAX = 200


class Venue(Aggregate):
    """A shared room: its host, name, kind and current rules (bookings keep the rules they were
    made under: each booking copies them)."""

    class Event(Aggregate.Event):
        """The base of ``Venue``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Opened(Aggregate.Created, Event):
        host: FirmId
        name: str
        kind: VenueKind
        rules: VenueRules
        actor: Actor

    class RulesChanged(Event):
        rules: VenueRules
        actor: Actor

        def apply(self, venue: Venue) -> None:
            venue.rules = self.rules

    class ClosedForGood(Event):
        reason: str
        actor: Actor

        def apply(self, venue: Venue) -> None:
            venue.closed = True

    def __init__(self, host: FirmId, name: str, kind: VenueKind, rules: VenueRules, actor: Actor):
        self.host = host
        self.name = name
        self.kind = kind
        self.rules = rules
        self.closed = False

    @classmethod
    def open(
        cls,
        park: Park,
        actor: Actor,
        *,
        venue_id: UUID,
        name: str,
        kind: VenueKind,
        rules: VenueRules,
    ) -> Venue:
        """A representative opens a venue of their firm (the park's service centre is a member
        firm too, with a credit code of its own)."""
        if actor.firm is None:
            raise PermissionDenied(
                f"{actor} acts for no firm; a venue is opened by a representative of its host "
                "firm (the park's service centre acts through its own credit code)"
            )
        park.require_representative(actor, actor.firm)
        return cls._create(
            cls.Opened,
            id=venue_id,
            host=actor.firm,
            name=free_text(name, "name", NAME_MAX),
            kind=kind,
            rules=rules,
            actor=actor,
        )

    def require_host(self, park: Park, actor: Actor) -> None:
        """The host's representatives manage the venue; a park administrator may too."""
        if actor.is_administrator:
            park.require_administrator(actor)
            return
        if actor.firm != self.host:
            raise PermissionDenied(
                f"{actor} may not manage {self.name}: only its host {self.host} may (or a park "
                "administrator)"
            )
        park.require_representative(actor, self.host, must_be_active=False)

    def require_open(self) -> None:
        if self.closed:
            raise VenueClosedForGood(f"{self.name} was closed by its host and takes no booking")

    def change_rules(self, park: Park, actor: Actor, rules: VenueRules) -> None:
        """New bookings follow the new rules; bookings already made keep theirs."""
        self.require_host(park, actor)
        self.require_open()
        if rules == self.rules:
            raise InvalidTransition(f"{self.name} already has these rules")
        self.trigger_event(self.RulesChanged, rules=rules, actor=actor)

    def close_for_good(self, park: Park, actor: Actor, reason: str) -> None:
        """No new booking; bookings already made stand (the host cancels them if it must)."""
        self.require_host(park, actor)
        self.require_open()
        self.trigger_event(self.ClosedForGood, reason=free_text(reason, "reason", 500), actor=actor)
