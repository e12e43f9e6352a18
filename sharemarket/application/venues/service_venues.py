"""``market.venues``, its rooms: opening them, their rules, blackouts and quotas."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.venues import commands as c
from sharemarket.domain.actor import Actor
from sharemarket.domain.time import TimeSlot
from sharemarket.domain.venues.blackout import OverBookings
from sharemarket.domain.venues.quotas import VenueQuota
from sharemarket.domain.venues.rules import VenueKind, VenueRules


class VenueHosting(Service):
    """What hosts (and the park's administrators) do with rooms: rules, blackouts, quotas."""

    # Venues -----------------------------------------------------------------------------------

    def open_venue(
        self,
        actor: Actor,
        *,
        request_id: str,
        name: str,
        kind: VenueKind | str,
        rules: VenueRules,
    ) -> UUID:
        """A representative of the host firm opens one of its rooms to the park's firms."""
        return self._run(
            c.OpenVenue(actor=actor, request_id=request_id, name=name, kind=kind, rules=rules)
        )

    def change_rules(
        self, actor: Actor, *, request_id: str, venue: UUID, rules: VenueRules
    ) -> None:
        """New bookings follow the new rules; bookings already made keep the old ones."""
        self._run(c.ChangeVenueRules(actor=actor, request_id=request_id, venue=venue, rules=rules))

    def close_venue(self, actor: Actor, *, request_id: str, venue: UUID, reason: str) -> None:
        """The venue takes no new booking; bookings already made stand."""
        self._run(c.CloseVenue(actor=actor, request_id=request_id, venue=venue, reason=reason))

    def place_blackout(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        slot: TimeSlot,
        reason: str,
        over_bookings: OverBookings | str = OverBookings.REFUSE,
        as_of: datetime | None = None,
    ) -> list[UUID]:
        """The host blacks out a slot (up to 31 days). Over live bookings it is refused, unless
        ``over_bookings="cancel_bookings"``: then it cancels them, each booker told by an event,
        and returns their ids. Given ``as_of`` (when the host blacks out), a slot a cancelled
        booking frees beside the blackout is offered to the first firm waiting for it."""
        return self._run(
            c.PlaceBlackout(
                actor=actor,
                request_id=request_id,
                venue=venue,
                slot=slot,
                reason=reason,
                over_bookings=over_bookings,
                as_of=as_of,
            )
        )

    def lift_blackout(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        day: date,
        blackout: UUID,
        as_of: datetime,
    ) -> None:
        """The host lifts a blackout from ``day`` (its id is in ``day(venue, day)``; one over
        several days is lifted day by day); the slots it frees are offered to waiting firms."""
        self._run(
            c.LiftBlackout(
                actor=actor, request_id=request_id, venue=venue, day=day, blackout=blackout,
                as_of=as_of,
            )
        )  # fmt: skip

    def set_quota(self, actor: Actor, *, request_id: str, quota: VenueQuota) -> None:
        """Set (or replace) the quota of a period, venue kind or venue, and firm size: a park
        administrator any quota, a host's representative the quotas of a venue it hosts
        (``VenueQuota(venue=...)``)."""
        self._run(c.SetVenueQuota(actor=actor, request_id=request_id, quota=quota))
