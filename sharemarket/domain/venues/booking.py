"""Booking: one firm's booking of a venue slot, from request to completion or no-show.

A booking keeps the rules of the venue as they were when it was made, so a later change of the
rules (the check-in window, the late-cancellation notice, the fee) never changes it. Its events
are kept forever: a no-show or a late cancellation is a fact counted against the firm, never
deleted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text
from sharemarket.domain.time import TimeSlot, _aware
from sharemarket.domain.venues.booking_fee import BookingFee
from sharemarket.domain.venues.booking_status import BookingStatus as BookingStatus
from sharemarket.domain.venues.booking_use import BookingUse
from sharemarket.domain.venues.errors import (
    BookingNotLive,
)
from sharemarket.domain.venues.rules import VenueKind, VenueRules

PURPOSE_MAX = 200
REASON_MAX = 500


class Booking(BookingFee, BookingUse, Aggregate):
    """One firm's booking (预约) of a slot of a venue, from request to completion, cancellation
    or no-show. It keeps the venue's rules as they were when it was made; the host approves,
    declines or cancels it, the booking firm cancels it, checks in and pays its fee."""

    class Event(Aggregate.Event):
        """The base of ``Booking``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Requested(Aggregate.Created, Event):
        """A firm booked the slot: pending the host's approval, or confirmed at once."""

        venue_id: UUID
        venue_name: str
        kind: VenueKind
        host: FirmId
        firm: FirmId
        slot: TimeSlot
        attendees: int
        purpose: str
        rules: VenueRules
        status: BookingStatus
        series_id: UUID | None
        actor: Actor

    class Approved(Event):
        """The host approved the pending booking."""

        actor: Actor

        def apply(self, b: Booking) -> None:
            """The booking is confirmed."""
            b.status = BookingStatus.CONFIRMED

    class Declined(Event):
        """The host declined the pending booking, saying why."""

        reason: str
        actor: Actor

        def apply(self, b: Booking) -> None:
            """The booking is declined."""
            b.status = BookingStatus.DECLINED

    class Cancelled(Event):
        """The booking firm cancelled at ``as_of``; ``late`` when within the venue's
        late-cancellation notice (a late cancellation counts as a no-show)."""

        as_of: datetime
        late: bool
        actor: Actor

        def apply(self, b: Booking) -> None:
            """The booking is cancelled, late or in time."""
            b.status = BookingStatus.CANCELLED_LATE if self.late else BookingStatus.CANCELLED

    class CancelledByHost(Event):
        """The host cancelled it (a blackout over it): the booker is told by this event."""

        reason: str
        actor: Actor

        def apply(self, b: Booking) -> None:
            """The booking is cancelled by the host."""
            b.status = BookingStatus.CANCELLED_BY_HOST

    class CheckedIn(Event):
        """The booking was checked in at ``at`` (by the booking firm or the host)."""

        at: datetime
        actor: Actor

        def apply(self, b: Booking) -> None:
            """The booking is checked in."""
            b.status = BookingStatus.CHECKED_IN

    class NoShowRecorded(Event):
        """The host recorded that nobody checked in by the no-show time (a no-show)."""

        as_of: datetime
        actor: Actor

        def apply(self, b: Booking) -> None:
            """The booking is a no-show."""
            b.status = BookingStatus.NO_SHOW

    class Completed(Event):
        """The firm used the room: ``minutes`` given by the host, ``fee`` due to it."""

        minutes: int
        fee: Money
        actor: Actor

        def apply(self, b: Booking) -> None:
            """The booking is completed; its fee is due."""
            b.status = BookingStatus.COMPLETED
            b.fee_fen = self.fee.fen

    class FeePaid(Event):
        """The booker paid ``amount`` of the fee."""

        payment_id: UUID
        amount: Money
        actor: Actor

        def apply(self, b: Booking) -> None:
            """The payment counts towards the fee."""
            b.fee_paid_fen += self.amount.fen

    class SettledByClearing(Event):
        """A park clearing run paid ``amount`` of the fee (a payment by netting)."""

        run_id: UUID
        amount: Money
        actor: Actor

        def apply(self, b: Booking) -> None:
            """The netted amount counts towards the fee."""
            b.fee_paid_fen += self.amount.fen

    def __init__(
        self,
        venue_id: UUID,
        venue_name: str,
        kind: VenueKind,
        host: FirmId,
        firm: FirmId,
        slot: TimeSlot,
        attendees: int,
        purpose: str,
        rules: VenueRules,
        status: BookingStatus,
        series_id: UUID | None,
        actor: Actor,
    ) -> None:
        self.venue_id = venue_id
        self.venue_name = venue_name
        self.kind = kind
        self.host = host
        self.firm = firm
        self.slot = slot
        self.attendees = attendees
        self.purpose = purpose
        self.rules = rules
        self.status = status
        self.series_id = series_id

    @classmethod
    def request(
        cls,
        actor: Actor,
        *,
        booking_id: UUID,
        venue_id: UUID,
        venue_name: str,
        kind: VenueKind,
        host: FirmId,
        firm: FirmId,
        slot: TimeSlot,
        attendees: int,
        purpose: str,
        rules: VenueRules,
        series_id: UUID | None = None,
    ) -> Booking:
        """Made by ``domain.venues.reservation.reserve``, which checks the rules and the day."""
        status = BookingStatus.PENDING if rules.approval_required else BookingStatus.CONFIRMED
        return cls._create(
            cls.Requested,
            id=booking_id,
            venue_id=venue_id,
            venue_name=venue_name,
            kind=kind,
            host=host,
            firm=firm,
            slot=slot,
            attendees=attendees,
            purpose=free_text(purpose, "purpose", PURPOSE_MAX),
            rules=rules,
            status=status,
            series_id=series_id,
            actor=actor,
        )

    @property
    def minutes(self) -> int:
        """The length of the booked slot, in minutes."""
        return self.slot.duration.value

    def __str__(self) -> str:
        return f"booking of {self.venue_name} {self.slot} by {self.firm}"

    # Permissions ------------------------------------------------------------------------------

    def _require_host(self, park: Park, actor: Actor) -> None:
        if actor.is_administrator:
            park.require_administrator(actor)
        elif actor.firm == self.host:
            park.require_representative(actor, self.host, must_be_active=False)
        else:
            raise PermissionDenied(f"{actor} may not do this: only the host {self.host} may")

    def _require_booker(self, park: Park, actor: Actor) -> None:
        if actor.firm != self.firm:
            raise PermissionDenied(f"{actor} may not do this: only {self.firm}, which booked, may")
        park.require_representative(actor, self.firm, must_be_active=False)

    def _require(self, *states: BookingStatus) -> None:
        if self.status not in states:
            wanted = " or ".join(s.value for s in states)
            raise BookingNotLive(f"the {self} is {self.status.value}, not {wanted}")

    # Commands ---------------------------------------------------------------------------------

    def approve(self, park: Park, actor: Actor) -> None:
        """The host (a representative of the host firm, or an administrator) confirms a pending
        booking.

        Raises:
            PermissionDenied: the actor acts neither for the host nor as an administrator.
            BookingNotLive: the booking is no longer pending.
        """
        self._require_host(park, actor)
        self._require(BookingStatus.PENDING)
        self.trigger_event(self.Approved, actor=actor)

    def decline(self, park: Park, actor: Actor, reason: str) -> None:
        """The host declines a pending booking, saying why; the slot is freed.

        Raises:
            PermissionDenied: the actor acts neither for the host nor as an administrator.
            BookingNotLive: the booking is no longer pending.
        """
        self._require_host(park, actor)
        self._require(BookingStatus.PENDING)
        self.trigger_event(
            self.Declined, reason=free_text(reason, "reason", REASON_MAX), actor=actor
        )

    def cancel(self, park: Park, actor: Actor, as_of: datetime) -> None:
        """The booker cancels; within the late-cancellation notice it counts as a no-show."""
        self._require_booker(park, actor)
        self._require(BookingStatus.PENDING, BookingStatus.CONFIRMED)
        _aware(as_of)
        if as_of >= self.slot.end:
            raise BookingNotLive(
                f"the {self} is over at {as_of.isoformat()}; it cannot be cancelled"
            )
        late = self.slot.start - as_of < timedelta(minutes=self.rules.late_cancellation.value)
        self.trigger_event(self.Cancelled, as_of=as_of, late=late, actor=actor)

    def cancel_by_host(self, park: Park, actor: Actor, reason: str) -> None:
        """The host cancels a pending or confirmed booking (a blackout over it), saying why; it
        does not count against the booking firm's quota.

        Raises:
            PermissionDenied: the actor acts neither for the host nor as an administrator.
            BookingNotLive: the booking is neither pending nor confirmed.
        """
        self._require_host(park, actor)
        self._require(BookingStatus.PENDING, BookingStatus.CONFIRMED)
        self.trigger_event(
            self.CancelledByHost, reason=free_text(reason, "reason", REASON_MAX), actor=actor
        )
