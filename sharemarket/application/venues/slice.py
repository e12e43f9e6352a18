"""The venues slice's declaration (阵地共享): venues, day calendars, bookings, series, quotas."""

from __future__ import annotations

from sharemarket.application.kernel.slice import Slice, errors_of
from sharemarket.application.venues import postings, summaries
from sharemarket.application.venues.handlers import handlers
from sharemarket.application.venues.service import VenuesService
from sharemarket.application.venues.transcodings import TRANSCODINGS
from sharemarket.domain.venues import errors
from sharemarket.domain.venues.booking import Booking
from sharemarket.domain.venues.booking_status import BookingStatus
from sharemarket.domain.venues.calendar import VenueDay
from sharemarket.domain.venues.quotas import FirmVenueUsage, VenueQuotas
from sharemarket.domain.venues.series import BookingSeries
from sharemarket.domain.venues.venue import Venue

SLICE = Slice(
    name="venues",
    service=VenuesService,
    # Each is bounded (a day, a period, a booking, a series of at most 120 dates): no snapshots
    # needed; the venue changes rarely.
    aggregates={
        Venue: 50,
        VenueDay: None,
        Booking: None,
        BookingSeries: None,
        FirmVenueUsage: None,
        VenueQuotas: None,
    },
    handlers=handlers,
    transcodings=TRANSCODINGS,
    postings=postings.postings,
    parties=postings.parties,
    summaries=summaries.summaries,
    assets=(postings.VENUE_MINUTES,),
    errors=errors_of(errors),
    # A used booking's fee is a trade obligation of the booker: a clearing run nets it.
    clearable=(Booking,),
    # BookingStatus moved from the booking module to a module of its own.
    old_topics={"sharemarket.domain.venues.booking:BookingStatus": BookingStatus},
)
