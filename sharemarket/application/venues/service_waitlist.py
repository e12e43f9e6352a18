"""``market.venues``, its waitlists: a firm waits for a taken slot, is offered it, books it."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.venues import booking_commands as bc
from sharemarket.domain.actor import Actor
from sharemarket.domain.time import TimeSlot


class VenueWaitlists(Service):
    """A day's waitlist of firms for a taken slot, and the offer the first of them gets."""

    def join_waitlist(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        slot: TimeSlot,
        attendees: int,
        purpose: str,
        as_of: datetime,
    ) -> UUID:
        """A representative of an active member firm waits for a taken slot for their firm;
        when it frees, the first firm waiting whose slot is free is offered it for the venue's
        ``offer_hold``. Records the entry on the day's calendar; returns its id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor acts for no firm, or is not a representative of its firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the venue does not exist, or the actor's firm is
                not a member.
            FirmNotActive: The actor's firm is suspended or left.
            VenueClosedForGood: The host closed the venue.
            VenueNotBookableByFirm: The venue is open to a list of firms without the actor's.
            VenueCapacityExceeded: More attendees than the venue holds.
            VenueClosedAtTime: The slot lies outside the venue's opening hours that day (or the
                venue is closed that day, by its weekdays or the park's calendar).
            VenueSlotOffGrid: The slot does not start and end on the venue's booking grid.
            VenueDurationOutOfRange: The slot is shorter or longer than the venue takes.
            VenueNoticeTooShort: The slot starts within the venue's notice of ``as_of``.
            VenueTooFarAhead: The slot starts further ahead of ``as_of`` than the venue takes.
            VenueBlackedOut: The slot overlaps a blackout: nothing to wait for.
            VenueSlotFree: No booking holds the slot: book it instead.
            VenueWaitlistFull: The day's waitlist holds as many firms as it takes.
        """
        return self._run(
            bc.JoinWaitlist(
                actor=actor,
                request_id=request_id,
                venue=venue,
                slot=slot,
                attendees=attendees,
                purpose=purpose,
                as_of=as_of,
            )
        )

    def accept_offer(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        day: date,
        entry: UUID,
        as_of: datetime,
    ) -> UUID:
        """A representative of the offered firm (active) books the slot it waited for, before
        the offer lapses. Records the offer taken and the booking, as :meth:`book` does, under
        the venue's rules of now; returns the booking's id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The offer was made to another firm, or the actor is not a
                representative of its firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the venue does not exist, or the actor's firm is
                not a member.
            WaitlistOfferMissing: The entry has no live offer (not offered yet, taken, left,
                withdrawn by a blackout) or the offer lapsed by ``as_of``.
            FirmNotActive: The actor's firm is suspended or left.
            VenueClosedForGood: The host closed the venue.
            VenueNotBookableByFirm: The venue is open to a list of firms without the actor's.
            VenueCapacityExceeded: More attendees than the venue holds.
            VenueClosedAtTime: The slot lies outside the venue's opening hours that day (or the
                venue is closed that day, by its weekdays or the park's calendar).
            VenueSlotOffGrid: The slot does not start and end on the venue's booking grid.
            VenueDurationOutOfRange: The slot is shorter or longer than the venue takes.
            VenueNoticeTooShort: The slot starts within the venue's notice (since lengthened).
            VenueTooFarAhead: The slot starts further ahead of ``as_of`` than the venue takes.
            VenueSlotTaken: The venue's buffer, since widened, reaches a neighbouring booking.
            VenueQuotaExceeded: The booking would take the firm past a quota of its week or
                month.
        """
        return self._run(
            bc.AcceptOffer(
                actor=actor, request_id=request_id, venue=venue, day=day, entry=entry, as_of=as_of
            )
        )

    def leave_waitlist(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        day: date,
        entry: UUID,
        as_of: datetime,
    ) -> None:
        """A representative of the waiting firm (even while it is suspended) takes it off the
        day's waitlist. Records its leaving; a slot offered to it goes to the next firm
        waiting.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The entry is another firm's, or the actor is not a representative
                of its firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the venue does not exist, or the entry is not
                waiting on ``day`` (never there, or its offer was taken or lapsed).
        """
        self._run(
            bc.LeaveWaitlist(
                actor=actor, request_id=request_id, venue=venue, day=day, entry=entry, as_of=as_of
            )
        )  # fmt: skip
