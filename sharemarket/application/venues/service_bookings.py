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
        """A representative of an active member firm books ``slot`` for their firm, as of
        ``as_of`` (the notice counts from it). Records the booking, pending if the host
        approves each booking, else confirmed; holds the slot on the day's calendar and counts
        it in the firm's usage of the week and the month. Returns the booking's id.

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
            VenueBlackedOut: The slot overlaps a blackout of the venue.
            VenueSlotTaken: The slot, with the venue's buffers, overlaps a live booking (or a
                slot held for a waiting firm).
            VenueQuotaExceeded: The booking would take the firm past a quota of its week or
                month.
        """
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
        """A representative of an active member firm books every date of ``recurrence`` for
        their firm: all or nothing, or skipping the dates that are taken, blacked out or closed
        (reported in the result). Records the series and a booking of each date booked, as
        :meth:`book` does. A refusal by any other rule refuses the whole series (a rule's
        message then names the date).

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
            VenueBlackedOut: All or nothing: a date's slot overlaps a blackout.
            VenueSlotTaken: All or nothing: a date's slot overlaps a live booking.
            VenueQuotaExceeded: A date's booking would take the firm past a quota.
            BookingSeriesEmpty: The recurrence names no date, or every date was skipped.
        """
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
        """A representative of the firm that booked the series (even while it is suspended)
        cancels its live bookings from ``from_day`` on, as :meth:`cancel` does each (bookings
        already over are left). Records each cancellation and the series' own; returns the ids
        cancelled.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the firm that booked the series.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the series does not exist.
            BookingNotLive: A booking of the series from ``from_day`` is checked in and not over.
        """
        return self._run(
            bc.CancelSeries(
                actor=actor, request_id=request_id, series=series, from_day=from_day, as_of=as_of
            )
        )

    def approve(self, actor: Actor, *, request_id: str, booking: UUID) -> None:
        """A representative of the venue's host (even while the host is suspended) or a park
        administrator approves a pending booking. Records the approval: the booking is
        confirmed.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a representative of the venue's host nor a park
                administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the booking does not exist.
            BookingNotLive: The booking is not pending.
        """
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
        """A representative of the venue's host (even while the host is suspended) or a park
        administrator declines a pending booking. Records the decline: the slot is freed and
        the booking no longer counts in the firm's quotas. Given ``as_of`` (when it declines),
        the freed slot is offered to the first firm waiting for it in the same command.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a representative of the venue's host nor a park
                administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the booking does not exist.
            BookingNotLive: The booking is not pending.
        """
        self._run(
            bc.DeclineBooking(
                actor=actor, request_id=request_id, booking=booking, reason=reason, as_of=as_of
            )
        )

    def cancel(self, actor: Actor, *, request_id: str, booking: UUID, as_of: datetime) -> None:
        """A representative of the firm that booked (even while it is suspended) cancels a
        pending or confirmed booking. Records the cancellation and frees the slot (offered to
        the first firm waiting for it); within the venue's late-cancellation notice it counts
        as a no-show (and in the firm's quotas), else it leaves them.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the firm that booked.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the booking does not exist.
            BookingNotLive: The booking is not pending or confirmed, or is over at ``as_of``.
        """
        self._run(
            bc.CancelBooking(actor=actor, request_id=request_id, booking=booking, as_of=as_of)
        )

    def pay_fee(
        self, actor: Actor, *, request_id: str, booking: UUID, amount: Money | Decimal | str | int
    ) -> UUID:
        """A representative of the firm that booked (even while it is suspended) pays (part
        of) the fee of a used room to its host. Records the payment; returns its id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal
                data, or the amount is not positive.
            PermissionDenied: The actor is not a representative of the firm that booked.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the booking does not exist.
            BookingFeeOverpaid: The amount is more than is still owed on the fee (nothing is
                owed before the booking is completed).
        """
        return self._run(
            bc.PayFee(actor=actor, request_id=request_id, booking=booking, amount=amount)
        )

    def check_in(self, actor: Actor, *, request_id: str, booking: UUID, at: datetime) -> None:
        """A representative of the firm that booked (even while it is suspended), of the
        venue's host, or a park administrator checks a confirmed booking in ``at`` a time
        from the venue's check-in window before the start until its no-show time. Records
        the check-in.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the firm that booked nor of
                the venue's host, nor a park administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the booking does not exist.
            BookingNotLive: The booking is not confirmed.
            BookingCheckInClosed: ``at`` is outside the check-in window.
        """
        self._run(bc.CheckIn(actor=actor, request_id=request_id, booking=booking, at=at))

    def record_no_show(
        self, actor: Actor, *, request_id: str, booking: UUID, as_of: datetime
    ) -> None:
        """A representative of the venue's host (even while the host is suspended) or a park
        administrator records that nobody checked in to a confirmed booking by its no-show
        time. Records the no-show, kept as a fact and counted against the firm; the slot is
        freed and offered to the first firm waiting for it.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a representative of the venue's host nor a park
                administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the booking does not exist.
            BookingNotLive: The booking is not confirmed (checked in, say).
            BookingNoShowTooEarly: ``as_of`` is before the booking's no-show time.
        """
        self._run(bc.RecordNoShow(actor=actor, request_id=request_id, booking=booking, as_of=as_of))

    def complete(self, actor: Actor, *, request_id: str, booking: UUID, as_of: datetime) -> None:
        """A representative of the venue's host (even while the host is suspended) or a park
        administrator records a checked-in booking used, after its end. Records the
        completion: its minutes (and fee, then owed) are posted; the slot is freed.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is neither a representative of the venue's host nor a park
                administrator.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the booking does not exist.
            BookingNotLive: The booking is not checked in.
            BookingNotOver: ``as_of`` is before the booking's end.
        """
        self._run(
            bc.CompleteBooking(actor=actor, request_id=request_id, booking=booking, as_of=as_of)
        )
