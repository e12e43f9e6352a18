"""``market.venues``, its bookings: single, recurring, from the waitlist, and their steps."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.venues import booking_commands as bc
from sharemarket.domain.actor import Actor
from sharemarket.domain.money import Money
from sharemarket.domain.time import TimeSlot
from sharemarket.domain.venues.series import Recurrence, SeriesBooked, SeriesConflicts


class VenueBookings(Service):
    """Bookings by the firms' representatives and their steps, the host's included."""

    # Bookings ---------------------------------------------------------------------------------

    def book(
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
        """A representative books ``slot`` for their firm, as of ``as_of`` (the notice counts
        from it). Pending if the host approves each booking, else confirmed."""
        return self._run(
            bc.BookVenue(
                actor=actor,
                request_id=request_id,
                venue=venue,
                slot=slot,
                attendees=attendees,
                purpose=purpose,
                as_of=as_of,
            )
        )

    def book_series(
        self,
        actor: Actor,
        *,
        request_id: str,
        venue: UUID,
        recurrence: Recurrence,
        attendees: int,
        purpose: str,
        as_of: datetime,
        conflicts: SeriesConflicts | str = SeriesConflicts.ALL_OR_NOTHING,
    ) -> SeriesBooked:
        """Book every date of ``recurrence``: all or nothing, or skipping the dates that are
        taken, blacked out or closed (reported in the result)."""
        return self._run(
            bc.BookSeries(
                actor=actor,
                request_id=request_id,
                venue=venue,
                recurrence=recurrence,
                attendees=attendees,
                purpose=purpose,
                conflicts=conflicts,
                as_of=as_of,
            )
        )

    def cancel_series(
        self, actor: Actor, *, request_id: str, series: UUID, from_day: date, as_of: datetime
    ) -> list[UUID]:
        """Cancel the series' live bookings from ``from_day`` on; the ids cancelled."""
        return self._run(
            bc.CancelSeries(
                actor=actor, request_id=request_id, series=series, from_day=from_day, as_of=as_of
            )
        )

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
        """Wait for a taken slot; when it frees, the first firm waiting whose slot is free is
        offered it for the venue's ``offer_hold``. Returns the waitlist entry's id."""
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
        """The offered firm books the slot it waited for, before the offer lapses."""
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
        """The waiting firm leaves the waitlist; a slot held for it goes to the next firm."""
        self._run(
            bc.LeaveWaitlist(
                actor=actor, request_id=request_id, venue=venue, day=day, entry=entry, as_of=as_of
            )
        )  # fmt: skip

    def approve(self, actor: Actor, *, request_id: str, booking: UUID) -> None:
        self._run(bc.ApproveBooking(actor=actor, request_id=request_id, booking=booking))

    def decline(
        self,
        actor: Actor,
        *,
        request_id: str,
        booking: UUID,
        reason: str,
        as_of: datetime | None = None,
    ) -> None:
        """The host declines a pending booking. Given ``as_of`` (when it declines), the freed
        slot is offered to the first firm waiting for it in the same command."""
        self._run(
            bc.DeclineBooking(
                actor=actor, request_id=request_id, booking=booking, reason=reason, as_of=as_of
            )
        )

    def cancel(self, actor: Actor, *, request_id: str, booking: UUID, as_of: datetime) -> None:
        """The booker cancels; within the venue's late-cancellation notice it counts as a
        no-show (and in the firm's quotas)."""
        self._run(
            bc.CancelBooking(actor=actor, request_id=request_id, booking=booking, as_of=as_of)
        )

    def pay_fee(
        self, actor: Actor, *, request_id: str, booking: UUID, amount: Money | Decimal | str | int
    ) -> UUID:
        """The booking firm pays (part of) the fee of a used room; never more than is owed."""
        return self._run(
            bc.PayFee(actor=actor, request_id=request_id, booking=booking, amount=amount)
        )

    def check_in(self, actor: Actor, *, request_id: str, booking: UUID, at: datetime) -> None:
        self._run(bc.CheckIn(actor=actor, request_id=request_id, booking=booking, at=at))

    def record_no_show(
        self, actor: Actor, *, request_id: str, booking: UUID, as_of: datetime
    ) -> None:
        """The host records a no-show, kept as a fact and counted against the firm."""
        self._run(bc.RecordNoShow(actor=actor, request_id=request_id, booking=booking, as_of=as_of))

    def complete(self, actor: Actor, *, request_id: str, booking: UUID, as_of: datetime) -> None:
        """The host records a checked-in booking used: its minutes (and fee) are posted."""
        self._run(
            bc.CompleteBooking(actor=actor, request_id=request_id, booking=booking, as_of=as_of)
        )
