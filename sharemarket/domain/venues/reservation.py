"""The rule spanning a venue, its day calendar and the firm's usage: a booking is made, or freed.

A booking is admitted by the venue's rules, held on the day's calendar (no double booking) and
counted in the firm's usage of the week and of the month (quotas). Every check runs before any
aggregate changes, so a refused booking leaves them all as they were: a recurring series can
skip a refused date and go on with the same aggregates.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.park.membership import Park
from sharemarket.domain.time import TimeSlot
from sharemarket.domain.venues.admission import admit
from sharemarket.domain.venues.booking import Booking, BookingStatus
from sharemarket.domain.venues.calendar import VenueDay
from sharemarket.domain.venues.quotas import FirmVenueUsage, VenueQuota
from sharemarket.domain.venues.venue import Venue

#: How a booking that held its slot can end, as the day's report counts it.
ENDED = frozenset({BookingStatus.COMPLETED, BookingStatus.NO_SHOW, BookingStatus.CANCELLED_LATE})


def reserve(
    park: Park,
    actor: Actor,
    *,
    venue: Venue,
    calendar: VenueDay,
    usages: list[FirmVenueUsage],
    quotas: list[VenueQuota],
    booking_id: UUID,
    slot: TimeSlot,
    attendees: int,
    purpose: str,
    as_of: datetime,
    kind: ParkDay | None = None,
    series_id: UUID | None = None,
) -> Booking:
    """A booking of ``slot`` for the actor's firm, held on ``calendar`` and counted in
    ``usages`` (the firm's week and month holding the slot), or the first rule it breaks."""
    if actor.firm is None:
        raise PermissionDenied(f"{actor} acts for no firm; a representative books for their firm")
    park.require_representative(actor, actor.firm)
    return reserve_for(
        park,
        actor,
        firm=actor.firm,
        venue=venue,
        calendar=calendar,
        usages=usages,
        quotas=quotas,
        booking_id=booking_id,
        slot=slot,
        attendees=attendees,
        purpose=purpose,
        as_of=as_of,
        kind=kind,
        series_id=series_id,
    )


def reserve_for(
    park: Park,
    actor: Actor,
    *,
    firm: FirmId,
    venue: Venue,
    calendar: VenueDay,
    usages: list[FirmVenueUsage],
    quotas: list[VenueQuota],
    booking_id: UUID,
    slot: TimeSlot,
    attendees: int,
    purpose: str,
    as_of: datetime,
    kind: ParkDay | None = None,
    series_id: UUID | None = None,
) -> Booking:
    """A booking for ``firm``, every rule checked but who books: the caller has checked that
    ``actor`` may (the firm's representative in :func:`reserve`, a side of the accepted match
    a booking is drafted from in the matching slice)."""
    member = park.require_active(firm)
    venue.require_open()
    rules = venue.rules
    span = admit(
        rules,
        name=venue.name,
        firm=firm,
        slot=slot,
        attendees=attendees,
        as_of=as_of,
        kind=kind,
    )
    if calendar.day != span.day or calendar.venue_id != venue.id:
        raise ValueError(f"the calendar of {calendar.day} does not hold {slot} of {venue.name}")
    calendar.check_free(booking_id, span, rules.buffer.value, venue.name)
    applying = [q for q in quotas if q.applies(venue.kind, member.size, venue.id)]
    minutes = slot.duration.value
    for usage in usages:
        usage.check(venue.kind, minutes, applying)
    booking = Booking.request(
        actor,
        booking_id=booking_id,
        venue_id=venue.id,
        venue_name=venue.name,
        kind=venue.kind,
        host=venue.host,
        firm=firm,
        slot=slot,
        attendees=attendees,
        purpose=purpose,
        rules=rules,
        series_id=series_id,
    )
    calendar.hold(actor, booking_id, span, rules.buffer.value, venue.name)
    for usage in usages:
        usage.count(booking_id, venue.kind, minutes, venue.id)
    return booking


def settle_calendar(
    actor: Actor, booking: Booking, calendar: VenueDay, usages: list[FirmVenueUsage]
) -> None:
    """After a step of the booking: free its slot once it no longer holds one, and release it
    from the firm's usage once it no longer counts (a decline, a timely cancellation)."""
    if not booking.status.holds_slot and str(booking.id) in calendar.held:
        calendar.free(actor, booking.id)
        if booking.status in ENDED:
            calendar.record_outcome(actor, booking.id, booking.status.value, booking.minutes)
    if not booking.status.counts_in_quota:
        for usage in usages:
            usage.release(booking.id)
