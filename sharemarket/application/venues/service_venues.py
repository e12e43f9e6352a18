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
        """A representative of a member firm, acting for it, opens one of the firm's rooms to
        the park's firms under ``rules``. Records the venue, hosted by the actor's firm;
        returns its id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor acts for no firm, or is not a representative of its firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the actor's firm is not a member.
            FirmNotActive: The actor's firm is suspended or left.
        """
        return self._run(
            c.OpenVenue(actor=actor, request_id=request_id, name=name, kind=kind, rules=rules)
        )

    def change_rules(
        self, actor: Actor, *, request_id: str, venue: UUID, rules: VenueRules
    ) -> None:
        """A representative of the venue's host (even while the host is suspended) or a park
        administrator changes the venue's rules. Records the new rules: new bookings follow
        them; bookings already made keep the old ones.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a representative of the venue's host nor a park
                administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the venue does not exist.
            VenueClosedForGood: The host closed the venue.
            InvalidTransition: The venue already has these rules.
        """
        self._run(c.ChangeVenueRules(actor=actor, request_id=request_id, venue=venue, rules=rules))

    def close_venue(self, actor: Actor, *, request_id: str, venue: UUID, reason: str) -> None:
        """A representative of the venue's host (even while the host is suspended) or a park
        administrator closes the venue for good. Records the closing and its reason: the
        venue takes no new booking; bookings already made stand.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a representative of the venue's host nor a park
                administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the venue does not exist.
            VenueClosedForGood: The venue is already closed.
        """
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
        booking frees beside the blackout is offered to the first firm waiting for it.

        Sent by a representative of the venue's host (even while the host is suspended) or a
        park administrator. Records the blackout on each day's calendar it covers (offers to
        waiting firms under it are withdrawn), and each booking it cancels.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal
                data, or the slot covers more than 31 days.
            PermissionDenied: The actor is neither a representative of the venue's host nor a park
                administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the venue does not exist.
            VenueBlackoutOverBookings: Live bookings lie under the slot and ``over_bookings``
                is "refuse".
            BookingNotLive: A booking under the slot is checked in (only pending and confirmed
                bookings can be cancelled with the blackout).
        """
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
        several days is lifted day by day); the slots it frees are offered to waiting firms.

        Sent by a representative of the venue's host (even while the host is suspended) or a
        park administrator. Records the blackout lifted from the day's calendar, and the
        offers made to waiting firms.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a representative of the venue's host nor a park
                administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the venue does not exist, or it has no such
                blackout on ``day``.
        """
        self._run(
            c.LiftBlackout(
                actor=actor, request_id=request_id, venue=venue, day=day, blackout=blackout,
                as_of=as_of,
            )
        )  # fmt: skip

    def set_quota(self, actor: Actor, *, request_id: str, quota: VenueQuota) -> None:
        """Set (or replace) the quota of a period, venue kind or venue, and firm size: a park
        administrator any quota, a host's representative the quotas of a venue it hosts
        (``VenueQuota(venue=...)``), even while the host is suspended. Records the quota; the
        bookings made from then on are checked against it.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The quota is of every venue or of a kind and the actor is not a
                park administrator; or it is of one venue and the actor is neither a
                representative of its host nor a park administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the venue the quota names does not exist.
        """
        self._run(c.SetVenueQuota(actor=actor, request_id=request_id, quota=quota))
