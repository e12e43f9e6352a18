"""``market.venues``: shared rooms (阵地共享), their bookings, series, waitlists and quotas.

The service is composed of four parts, each in a module that reads in one sitting: what hosts
do with their rooms (``service_venues``), bookings and their steps (``service_bookings``),
waitlists and their offers (``service_waitlist``), and the queries and reports
(``service_queries``).
"""

from __future__ import annotations

from sharemarket.application.venues.service_bookings import VenueBookings
from sharemarket.application.venues.service_queries import VenueQueries
from sharemarket.application.venues.service_venues import VenueHosting
from sharemarket.application.venues.service_waitlist import VenueWaitlists


class VenuesService(VenueHosting, VenueBookings, VenueWaitlists, VenueQueries):
    """Venues hosts open to the park's firms, bookings of them, recurring series and quotas."""
