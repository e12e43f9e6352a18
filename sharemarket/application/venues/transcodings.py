"""How the venues slice's values are stored. Names are stored forever: never rename or reuse one."""

from __future__ import annotations

from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.transcodings import AttrsAsDict, EnumAsValue
from sharemarket.domain.venues.blackout import OverBookings
from sharemarket.domain.venues.booking import BookingStatus
from sharemarket.domain.venues.quotas import QuotaPeriod, VenueQuota
from sharemarket.domain.venues.rules import OpeningHours, VenueKind, VenueRules
from sharemarket.domain.venues.series import (
    Recurrence,
    SeriesBooked,
    SeriesConflicts,
    SkippedDate,
)

TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(VenueKind, "venues.venue_kind"),
    EnumAsValue(BookingStatus, "venues.booking_status"),
    EnumAsValue(QuotaPeriod, "venues.quota_period"),
    EnumAsValue(SeriesConflicts, "venues.series_conflicts"),
    EnumAsValue(OverBookings, "venues.over_bookings"),
    AttrsAsDict(OpeningHours, "venues.opening_hours"),
    AttrsAsDict(VenueRules, "venues.venue_rules"),
    AttrsAsDict(VenueQuota, "venues.venue_quota"),
    AttrsAsDict(Recurrence, "venues.recurrence"),
    AttrsAsDict(SkippedDate, "venues.skipped_date"),
    AttrsAsDict(SeriesBooked, "venues.series_booked"),
)
