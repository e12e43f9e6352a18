"""How the venues slice's values are stored. Names are stored forever: never rename or reuse one."""

from __future__ import annotations

from typing import Any

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


class VenueQuotaAsDict(AttrsAsDict):
    """A quota as a dict of its fields, its ``venue`` left out when it is None: the field came
    with the hosts' quotas of their own venues, and a quota of the park keeps the stored form
    it had, and with it the fingerprints of stored request receipts."""

    def encode(self, obj: Any) -> dict[str, Any]:
        encoded = super().encode(obj)
        if encoded["venue"] is None:
            del encoded["venue"]
        return encoded


TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(VenueKind, "venues.venue_kind"),
    EnumAsValue(BookingStatus, "venues.booking_status"),
    EnumAsValue(QuotaPeriod, "venues.quota_period"),
    EnumAsValue(SeriesConflicts, "venues.series_conflicts"),
    EnumAsValue(OverBookings, "venues.over_bookings"),
    AttrsAsDict(OpeningHours, "venues.opening_hours"),
    AttrsAsDict(VenueRules, "venues.venue_rules"),
    VenueQuotaAsDict(VenueQuota, "venues.venue_quota"),
    AttrsAsDict(Recurrence, "venues.recurrence"),
    AttrsAsDict(SkippedDate, "venues.skipped_date"),
    AttrsAsDict(SeriesBooked, "venues.series_booked"),
)
