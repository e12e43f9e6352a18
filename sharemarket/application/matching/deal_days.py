"""The park's kind of each day a venue deal may fall on, read here for the domain's draft.

A venue that follows the park's calendar opens on its working days (adjusted ones too) and
closes on its rest days and statutory holidays; which is which is China's calendar (the
``holidays`` package) with the park's overrides, read by the application. The draft receives
the kinds as values (``Acceptance.park_days``): the days both listings share from the
acceptance's date, up to the furthest the venue takes bookings.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.calendar import park_days
from sharemarket.domain.matching.listing import Listing
from sharemarket.domain.matching.terms import VenueTerms
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.time import business_date
from sharemarket.domain.venues.venue import Venue


def park_days_of(
    loader: Loader, need: Listing, offer: Listing, at: datetime | None
) -> dict[date, ParkDay]:
    """The park's kind of each day a booking drafted from the two listings may fall on, when
    the offered venue follows the park's calendar (else none: its weekdays decide)."""
    wants, room = need.terms, offer.terms
    if not isinstance(wants, VenueTerms) or not isinstance(room, VenueTerms) or at is None:
        return {}
    venue = None if room.venue is None else loader.find(Venue, room.venue)
    if venue is None or not venue.rules.follows_park_calendar:
        return {}  # the draft refuses a missing venue; the weekdays decide for the others
    today = business_date(at)
    first = max(wants.first_day, room.first_day, today)
    last = min(wants.last_day, room.last_day, today + timedelta(days=venue.rules.max_ahead_days))
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return park_days(loader, days)
