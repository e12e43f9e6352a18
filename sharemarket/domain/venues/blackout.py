"""Blackouts (maintenance, the host's own use), which span a venue's day calendars and the
bookings under them: refused over live bookings, unless the host cancels them in the same step."""

from __future__ import annotations

import enum
from datetime import date, timedelta
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, NotFound
from sharemarket.domain.park.membership import Park
from sharemarket.domain.time import TimeSlot
from sharemarket.domain.venues.booking import Booking
from sharemarket.domain.venues.calendar import VenueDay
from sharemarket.domain.venues.errors import VenueBlackoutOverBookings
from sharemarket.domain.venues.quotas import FirmVenueUsage
from sharemarket.domain.venues.reservation import settle_calendar
from sharemarket.domain.venues.rules import DAY_MINUTES, DaySpan
from sharemarket.domain.venues.venue import Venue

#: The longest blackout one command places (a longer closure: close the venue, or repeat).
BLACKOUT_DAYS_MAX = 31


class OverBookings(enum.Enum):
    """What a blackout does over live bookings: refuse, or cancel them (each booker told)."""

    REFUSE = "refuse"
    CANCEL_BOOKINGS = "cancel_bookings"


def spans_of(slot: TimeSlot) -> list[DaySpan]:
    """The slot cut at each midnight of park time: one span per day it touches."""
    whole = DaySpan.of(slot)
    days = (whole.end - 1) // DAY_MINUTES + 1
    if days > BLACKOUT_DAYS_MAX:
        raise InvalidInput(
            f"slot {slot} covers {days} days; a blackout covers at most {BLACKOUT_DAYS_MAX}"
        )
    spans = []
    for n in range(days):
        day: date = whole.day + timedelta(days=n)
        start = max(whole.start - n * DAY_MINUTES, 0)
        end = min(whole.end - n * DAY_MINUTES, DAY_MINUTES)
        spans.append(DaySpan(day, start, end))
    return spans


def under(calendar: VenueDay, span: DaySpan) -> list[UUID]:
    """The live bookings of the calendar whose slot (without buffers) the span overlaps (an
    offer to a waiting firm is no booking: the blackout withdraws it)."""
    return sorted(
        UUID(b)
        for b, (s, e, _) in calendar.held.items()
        if s < span.end and span.start < e and b not in calendar.offers
    )


def black_out(
    park: Park,
    actor: Actor,
    *,
    venue: Venue,
    blackout_id: UUID,
    calendars: dict[date, VenueDay],
    spans: list[DaySpan],
    bookings: dict[UUID, Booking],
    usages: dict[UUID, list[FirmVenueUsage]],
    over_bookings: OverBookings,
    reason: str,
) -> list[UUID]:
    """Place the blackout on each day's calendar; the ids of the bookings it cancelled."""
    venue.require_host(park, actor)
    hit = [b for span in spans for b in under(calendars[span.day], span)]
    if hit and over_bookings is OverBookings.REFUSE:
        listed = ", ".join(str(bookings[b].slot) for b in hit)
        raise VenueBlackoutOverBookings(
            f"{venue.name} is booked {listed}; cancel those bookings with the blackout "
            "(over_bookings='cancel_bookings'), each booker is told, or black out another time"
        )
    for booking_id in hit:
        booking = bookings[booking_id]
        booking.cancel_by_host(park, actor, reason)
        settle_calendar(actor, booking, calendars[booking.slot.start.date()], usages[booking_id])
    for span in spans:
        calendar = calendars[span.day]
        for key in [k for k in calendar.offers if _overlaps(calendar.held[k], span)]:
            calendar.trigger_event(
                calendar.OfferClosed, entry_id=UUID(key), taken=False, actor=actor
            )
        calendar.black_out(actor, blackout_id, span)
    return hit


def _overlaps(held: list[int], span: DaySpan) -> bool:
    return held[0] < span.end and span.start < held[1]


def lift(park: Park, actor: Actor, venue: Venue, calendar: VenueDay, blackout_id: UUID) -> None:
    """The host lifts a blackout from the calendar's day (a blackout over several days is
    lifted day by day: each day's calendar is its own boundary)."""
    venue.require_host(park, actor)
    if str(blackout_id) not in calendar.blackouts:
        raise NotFound(f"{venue.name} has no blackout {blackout_id} on {calendar.day}")
    calendar.trigger_event(calendar.BlackoutLifted, blackout_id=blackout_id, actor=actor)
