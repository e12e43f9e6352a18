"""VenueDay: one venue's calendar for one date, the consistency boundary of "no double booking".

Every command that takes or frees a slot of a venue on a date saves that date's calendar in the
same atomic save as the booking. Two bookings racing for overlapping slots both write the next
version of the one calendar: one commits, the other meets an optimistic-concurrency conflict, is
decided again against the updated calendar and is refused. The calendar holds only the day's
live bookings and blackouts, so it is bounded by the day, whatever the venue's history.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import derived_id
from sharemarket.domain.venues.errors import VenueBlackedOut, VenueSlotTaken
from sharemarket.domain.venues.rules import DaySpan, _clock


def venue_day_id(venue_id: UUID, day: date) -> UUID:
    return derived_id("venue-day", f"{venue_id}:{day.isoformat()}")


def _clash(a: list[int], b: tuple[int, int, int]) -> bool:
    """Two spans [start, end) clash when they overlap once the larger buffer separates them."""
    gap = max(a[2], b[2])
    return a[0] < b[1] + gap and b[0] < a[1] + gap


class VenueDay(Aggregate):
    """The live bookings and blackouts of one venue on one date, in minutes after midnight."""

    class Event(Aggregate.Event):
        """The base of ``VenueDay``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Opened(Aggregate.Created, Event):
        venue_id: UUID
        day: date

    class SlotHeld(Event):
        booking_id: UUID
        start: int
        end: int
        buffer: int
        actor: Actor

        def apply(self, calendar: VenueDay) -> None:
            calendar.held[str(self.booking_id)] = [self.start, self.end, self.buffer]

    class SlotFreed(Event):
        booking_id: UUID
        actor: Actor

        def apply(self, calendar: VenueDay) -> None:
            calendar.held.pop(str(self.booking_id), None)

    class BlackoutPlaced(Event):
        blackout_id: UUID
        start: int
        end: int
        actor: Actor

        def apply(self, calendar: VenueDay) -> None:
            calendar.blackouts[str(self.blackout_id)] = [self.start, self.end]

    class OutcomeRecorded(Event):
        """A booking of the day ended: used (completed), a no-show, or cancelled late."""

        booking_id: UUID
        outcome: str
        minutes: int
        actor: Actor

        def apply(self, calendar: VenueDay) -> None:
            count, minutes = calendar.outcomes.get(self.outcome, [0, 0])
            calendar.outcomes[self.outcome] = [count + 1, minutes + self.minutes]

    class WaitlistJoined(Event):
        """A firm waits for a taken slot; it is offered the slot when it frees, in turn."""

        entry_id: UUID
        start: int
        end: int
        firm: FirmId
        attendees: int
        purpose: str
        actor: Actor

        def apply(self, calendar: VenueDay) -> None:
            calendar.waiting[str(self.entry_id)] = [
                self.start, self.end, self.firm.code, self.attendees, self.purpose
            ]  # fmt: skip

    class OfferMade(Event):
        """The freed slot is held for the first waiting firm until ``expires``."""

        entry_id: UUID
        buffer: int
        expires: datetime
        actor: Actor

        def apply(self, calendar: VenueDay) -> None:
            start, end = calendar.waiting[str(self.entry_id)][:2]
            calendar.held[str(self.entry_id)] = [int(start), int(end), self.buffer]
            calendar.offers[str(self.entry_id)] = self.expires.isoformat()

    class OfferClosed(Event):
        """The offer was taken (``taken``) or lapsed: the entry leaves the waitlist."""

        entry_id: UUID
        taken: bool
        actor: Actor

        def apply(self, calendar: VenueDay) -> None:
            key = str(self.entry_id)
            calendar.held.pop(key, None)
            calendar.offers.pop(key, None)
            calendar.waiting.pop(key, None)

    class WaitlistLeft(Event):
        """The waiting firm left the waitlist; a slot offered to it is no longer held."""

        entry_id: UUID
        actor: Actor

        def apply(self, calendar: VenueDay) -> None:
            key = str(self.entry_id)
            calendar.held.pop(key, None)
            calendar.offers.pop(key, None)
            calendar.waiting.pop(key, None)

    class BlackoutLifted(Event):
        """The host lifted a blackout from the day: its span can be booked again."""

        blackout_id: UUID
        actor: Actor

        def apply(self, calendar: VenueDay) -> None:
            calendar.blackouts.pop(str(self.blackout_id), None)

    def __init__(self, venue_id: UUID, day: date) -> None:
        self.venue_id = venue_id
        self.day = day
        # booking id -> [start, end, buffer]; blackout id -> [start, end]
        self.held: dict[str, list[int]] = {}
        self.blackouts: dict[str, list[int]] = {}
        # outcome (completed, no_show, cancelled_late) -> [bookings, minutes], for reports
        self.outcomes: dict[str, list[int]] = {}
        # waiting entry -> [start, end, firm code, attendees, purpose], in the order they joined;
        # offered entry -> when the offer lapses (ISO); an offered slot is held under the entry
        self.waiting: dict[str, list[int | str]] = {}
        self.offers: dict[str, str] = {}

    @classmethod
    def start(cls, venue_id: UUID, day: date) -> VenueDay:
        return cls._create(cls.Opened, id=venue_day_id(venue_id, day), venue_id=venue_id, day=day)

    # Queries ----------------------------------------------------------------------------------

    def clashes(self, span: DaySpan, buffer: int) -> list[UUID]:
        """The live bookings the span (with ``buffer``) would overlap."""
        wanted = (span.start, span.end, buffer)
        return sorted(UUID(b) for b, held in self.held.items() if _clash(held, wanted))

    def blackouts_over(self, span: DaySpan) -> list[UUID]:
        return sorted(
            UUID(b) for b, (s, e) in self.blackouts.items() if s < span.end and span.start < e
        )

    def busy(self) -> list[tuple[int, int]]:
        """Every span no new booking may start in, buffers included, sorted."""
        spans = [(s - buf, e + buf) for s, e, buf in self.held.values()]
        spans += [(s, e) for s, e in self.blackouts.values()]
        return sorted(spans)

    # Commands ---------------------------------------------------------------------------------

    def check_free(self, booking_id: UUID, span: DaySpan, buffer: int, name: str) -> None:
        """Refuse if a blackout or a live booking is there (records nothing)."""
        if self.blackouts_over(span):
            raise VenueBlackedOut(
                f"{name} is blacked out during {_clock(span.start)}-{_clock(span.end)} on "
                f"{self.day}"
            )
        clashes = [b for b in self.clashes(span, buffer) if b != booking_id]
        if clashes:
            others = ", ".join(
                f"{_clock(self.held[str(b)][0])}-{_clock(self.held[str(b)][1])}" for b in clashes
            )
            raise VenueSlotTaken(
                f"{name} is booked {others} on {self.day}; {_clock(span.start)}-"
                f"{_clock(span.end)} overlaps it (buffers of {buffer} minutes count); pick "
                "another time"
            )

    def hold(self, actor: Actor, booking_id: UUID, span: DaySpan, buffer: int, name: str) -> None:
        """Hold the span for the booking, or refuse: a blackout or a live booking is there."""
        self.check_free(booking_id, span, buffer, name)
        self.trigger_event(
            self.SlotHeld,
            booking_id=booking_id,
            start=span.start,
            end=span.end,
            buffer=buffer,
            actor=actor,
        )

    def free(self, actor: Actor, booking_id: UUID) -> None:
        if str(booking_id) in self.held:
            self.trigger_event(self.SlotFreed, booking_id=booking_id, actor=actor)

    def record_outcome(self, actor: Actor, booking_id: UUID, outcome: str, minutes: int) -> None:
        self.trigger_event(
            self.OutcomeRecorded,
            booking_id=booking_id,
            outcome=outcome,
            minutes=minutes,
            actor=actor,
        )

    def black_out(self, actor: Actor, blackout_id: UUID, span: DaySpan) -> None:
        """Place a blackout; the caller frees (and cancels) the bookings under it first."""
        self.trigger_event(
            self.BlackoutPlaced,
            blackout_id=blackout_id,
            start=span.start,
            end=span.end,
            actor=actor,
        )
