"""An accepted venue match becomes a booking request (the venues slice's deal).

The resource names the host's venue (``VenueTerms(venue=...)``). The needing firm books it on
the first day both listings share on which the venue is open, from its opening, for the hours
the match covers, for the need's people, as of the acceptance's time (``at``): the venue's
notice is counted from it.
The venues slice's own rules decide the booking (opening hours, durations, notice, capacity,
no double booking on the day's calendar, the firm's quotas), and the day's calendar and the
firm's usage of the week and month are saved with it. It completes when the booking is
completed; it falls through when it is declined, cancelled or a no-show. At a venue that
follows the park's calendar, the park's kind of each day (holidays, adjusted working days) is
given by the application with the acceptance (``Acceptance.park_days``): the domain reads no
calendar.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.matching.deals import Acceptance, DealOutcome, Drafted, Find
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.terms import Terms, VenueTerms
from sharemarket.domain.park.membership import Park
from sharemarket.domain.time import PARK_TZ, TimeSlot
from sharemarket.domain.venues import reservation, waitlist
from sharemarket.domain.venues.booking import Booking, BookingStatus
from sharemarket.domain.venues.calendar import VenueDay, venue_day_id
from sharemarket.domain.venues.park_days import ParkDay
from sharemarket.domain.venues.quotas import (
    VENUE_QUOTAS_ID,
    FirmVenueUsage,
    QuotaPeriod,
    VenueQuotas,
    usage_id,
)
from sharemarket.domain.venues.rules import OpeningHours
from sharemarket.domain.venues.venue import Venue

PURPOSE = "booked from a match of the park's lists"

FELL_THROUGH = frozenset(
    {
        BookingStatus.DECLINED,
        BookingStatus.CANCELLED,
        BookingStatus.CANCELLED_LATE,
        BookingStatus.CANCELLED_BY_HOST,
        BookingStatus.NO_SHOW,
    }
)


def first_open_day(
    venue: Venue, first: date, last: date, park_days: Mapping[date, ParkDay]
) -> tuple[date, OpeningHours, ParkDay | None]:
    """The first day from ``first`` to ``last`` on which ``venue`` opens, with its hours and,
    for a venue that follows the park's calendar, the park's kind of the day (a day whose kind
    was not given is passed over)."""
    follows = venue.rules.follows_park_calendar
    day = first
    while day <= last:
        kind = park_days.get(day) if follows else None
        if not follows or kind is not None:
            hours = venue.rules.hours_on(day, kind)
            if hours is not None:
                return day, hours, kind
        day += timedelta(days=1)
    calendar = " by the park's calendar" if follows else ""
    raise InvalidInput(
        f"venue {venue.name} opens{calendar} on none of the days both listings share "
        f"({first} to {last}) within the days it takes bookings for"
    )


def _venue(find: Find, match: Match, venue_id: UUID | None) -> Venue:
    if venue_id is None:
        raise InvalidInput(
            f"the resource of {match.label} names no venue; a booking is made at one: post the "
            "room with VenueTerms(venue=...)"
        )
    venue = find(Venue, venue_id)
    if venue is None:
        raise InvalidInput(
            f"the resource of {match.label} names venue {venue_id}, not in this market"
        )
    assert isinstance(venue, Venue)
    if venue.host != match.offer_owner:
        raise InvalidInput(
            f"the resource of {match.label} names {venue.name}, a venue of {venue.host}, not of "
            f"the offering firm {match.offer_owner}"
        )
    return venue


def _usages(find: Find, firm: FirmId, day: date) -> list[FirmVenueUsage]:
    usages = []
    for period in QuotaPeriod:
        found = find(FirmVenueUsage, usage_id(firm, period, day))
        usages.append(found if found is not None else FirmVenueUsage.start(firm, period, day))
    return usages


class VenueDeal:
    """The venues slice's :class:`~sharemarket.domain.matching.deals.DealKind`."""

    name = "venue_booking"
    aggregate = Booking

    def draft(
        self,
        park: Park,
        actor: Actor,
        *,
        deal_id: UUID,
        match: Match,
        need: Terms,
        offer: Terms,
        when: Acceptance,
        find: Find,
    ) -> Drafted:
        assert isinstance(need, VenueTerms)
        assert isinstance(offer, VenueTerms)
        if when.at is None:
            raise InvalidInput(
                f"accepting {match.label} requests a booking as of the time of the acceptance "
                "(its notice is counted from it): give it as at=datetime(..., tzinfo=PARK_TZ)"
            )
        venue = _venue(find, match, offer.venue)
        first = max(need.first_day, offer.first_day)
        last = min(need.last_day, offer.last_day)
        day, hours, kind = first_open_day(venue, first, last, when.park_days)
        start = datetime.combine(day, time(0), tzinfo=PARK_TZ) + timedelta(minutes=hours.opens)
        slot = TimeSlot(start, start + timedelta(hours=match.quantity))
        as_of = when.at
        found = find(VenueDay, venue_day_id(venue.id, day))
        calendar = found if found is not None else VenueDay.start(venue.id, day)
        waitlist.offer_freed(actor, calendar, venue.rules, as_of)
        quotas = find(VenueQuotas, VENUE_QUOTAS_ID)
        usages = _usages(find, match.need_owner, day)
        booking = reservation.reserve_for(
            park,
            actor,
            firm=match.need_owner,
            venue=venue,
            calendar=calendar,
            usages=usages,
            quotas=[] if quotas is None else list(quotas.quotas.values()),
            booking_id=deal_id,
            slot=slot,
            attendees=need.people,
            purpose=PURPOSE,
            as_of=as_of,
            kind=kind,
        )
        return Drafted(booking, (calendar, *usages))

    def outcome(self, deal: Any) -> tuple[DealOutcome, str]:
        assert isinstance(deal, Booking)
        status = deal.status
        label = f"the booking {deal.id} of {deal.venue_name}"
        if status in FELL_THROUGH:
            return DealOutcome.FELL_THROUGH, f"{label} was {status.value.replace('_', ' ')}"
        if status is not BookingStatus.COMPLETED:
            return DealOutcome.PENDING, f"{label} is {status.value}, not yet completed"
        return DealOutcome.COMPLETED, f"{label} was completed"


VENUE_DEAL = VenueDeal()
