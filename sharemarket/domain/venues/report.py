"""Utilisation reports: a venue's month (hours open, booked, used, no-shows) and a firm's month
(hours counted and used, quota left), read from the bounded day calendars and usage aggregates."""

from __future__ import annotations

import calendar as months
from collections.abc import Iterable
from datetime import date, timedelta
from uuid import UUID

import attrs

from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.calendar import ParkDay
from sharemarket.domain.park.membership import FirmSize
from sharemarket.domain.venues.booking import Booking, BookingStatus
from sharemarket.domain.venues.calendar import VenueDay
from sharemarket.domain.venues.quotas import FirmVenueUsage, QuotaPeriod, VenueQuota
from sharemarket.domain.venues.rules import VenueKind, VenueRules


def days_of(month: date) -> list[date]:
    first = month.replace(day=1)
    return [first + timedelta(days=n) for n in range(months.monthrange(first.year, first.month)[1])]


@attrs.frozen
class VenueUtilisation:
    """A venue's month. ``open``: opening hours less blackouts (under the venue's current
    rules); ``booked``: every booking that held a slot and was not declined or cancelled in
    time; ``used``: completed; ``no_show``: no-shows and late cancellations."""

    venue_id: UUID
    month: date
    open: Minutes
    booked: Minutes
    used: Minutes
    no_show: Minutes
    no_shows: int

    def __str__(self) -> str:
        return (
            f"{self.month:%Y-%m}: open {self.open}, booked {self.booked}, used {self.used}, "
            f"{self.no_shows} no-shows ({self.no_show})"
        )


def utilisation(
    venue_id: UUID,
    rules: VenueRules,
    month: date,
    calendars: dict[date, VenueDay | None],
    kinds: dict[date, ParkDay] | None = None,
) -> VenueUtilisation:
    open_, booked, used, no_show, no_shows = 0, 0, 0, 0, 0
    for day in days_of(month):
        hours = rules.hours_on(day, (kinds or {}).get(day))
        cal = calendars.get(day)
        if hours is not None:
            dark = 0
            if cal is not None:
                for s, e in cal.blackouts.values():
                    dark += max(0, min(e, hours.closes) - max(s, hours.opens))
            open_ += max(0, hours.closes - hours.opens - dark)
        if cal is None:
            continue
        booked += sum(e - s for b, (s, e, _) in cal.held.items() if b not in cal.offers)
        for outcome, (count, minutes) in cal.outcomes.items():
            booked += minutes
            if outcome == "completed":
                used += minutes
            else:
                no_show += minutes
                no_shows += count
    return VenueUtilisation(
        venue_id, month.replace(day=1), Minutes(open_), Minutes(booked), Minutes(used),
        Minutes(no_show), no_shows,
    )  # fmt: skip


#: A booking the firm used: it checked in (and the host may since have recorded it completed).
USED = frozenset({BookingStatus.CHECKED_IN, BookingStatus.COMPLETED})


@attrs.frozen
class QuotaLeft:
    """What a month's quota still allows the firm (None: the quota does not limit it)."""

    quota: VenueQuota
    minutes: Minutes | None
    bookings: int | None


@attrs.frozen
class FirmVenueMonth:
    """A firm's month of venue bookings: what counts in its quotas (``counted`` minutes in
    ``bookings``, no-shows and late cancellations included), what it actually used (``used``
    minutes in ``used_bookings``: checked in or completed), and what its quotas still allow."""

    firm: FirmId
    month: date
    counted: Minutes
    bookings: int
    used: Minutes
    used_bookings: int
    quota_left: tuple[QuotaLeft, ...]


def firm_month(
    firm: FirmId,
    size: FirmSize,
    month: date,
    usage: FirmVenueUsage | None,
    quotas: list[VenueQuota],
    bookings: Iterable[Booking] = (),
) -> FirmVenueMonth:
    """The month of ``usage`` (the firm's usage of the month) and of ``bookings`` (the bookings
    it counts, whose statuses say which were used)."""

    def booked(kind: VenueKind | None, venue: UUID | None = None) -> tuple[int, int]:
        return (0, 0) if usage is None else usage.booked(kind, venue)

    left = []
    for quota in sorted(quotas, key=lambda q: q.key):
        if quota.period is not QuotaPeriod.MONTH or quota.firm_size not in (None, size):
            continue
        minutes, count = booked(quota.kind, quota.venue)
        left.append(
            QuotaLeft(
                quota,
                None if quota.max_minutes is None else Minutes(quota.max_minutes.value - minutes),
                None if quota.max_bookings is None else quota.max_bookings - count,
            )
        )
    minutes, count = booked(None)
    used = [b.minutes for b in bookings if b.status in USED]
    return FirmVenueMonth(
        firm,
        month.replace(day=1),
        Minutes(minutes),
        count,
        Minutes(sum(used)),
        len(used),
        tuple(left),
    )
