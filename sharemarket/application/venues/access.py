"""Loading the venues slice's aggregates: venues, day calendars, bookings, usage and quotas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.venues.booking import Booking
from sharemarket.domain.venues.calendar import VenueDay, venue_day_id
from sharemarket.domain.venues.quotas import (
    VENUE_QUOTAS_ID,
    FirmVenueUsage,
    QuotaPeriod,
    VenueQuota,
    VenueQuotas,
    usage_id,
)
from sharemarket.domain.venues.series import BookingSeries
from sharemarket.domain.venues.venue import Venue

A = TypeVar("A", bound=Aggregate)


def venue(loader: Loader, venue_id: UUID) -> Venue:
    return loader.get(Venue, venue_id, f"venue {venue_id}")


def booking(loader: Loader, booking_id: UUID) -> Booking:
    return loader.get(Booking, booking_id, f"venue booking {booking_id}")


def series(loader: Loader, series_id: UUID) -> BookingSeries:
    return loader.get(BookingSeries, series_id, f"booking series {series_id}")


class Workset:
    """The calendars and usages one command touches, each loaded or started once (a series
    books several dates of one week and month), and every aggregate to save."""

    def __init__(self, loader: Loader) -> None:
        self.loader = loader
        self.held: dict[UUID, Aggregate] = {}

    def _get(self, cls: type[A], aggregate_id: UUID, start: Callable[[], A]) -> A:
        held = self.held.get(aggregate_id)
        if held is None:
            found = self.loader.find(cls, aggregate_id)
            held = self.held[aggregate_id] = found if found is not None else start()
        assert isinstance(held, cls)
        return held

    def calendar(self, venue_id: UUID, day: date) -> VenueDay:
        """The venue's calendar of ``day``, started on its first booking or blackout."""
        return self._get(
            VenueDay, venue_day_id(venue_id, day), lambda: VenueDay.start(venue_id, day)
        )

    def usages(self, firm: FirmId, day: date) -> list[FirmVenueUsage]:
        """The firm's usage of the week and of the month holding ``day``."""
        return [
            self._get(
                FirmVenueUsage,
                usage_id(firm, period, day),
                lambda p=period: FirmVenueUsage.start(firm, p, day),  # type: ignore[misc]
            )
            for period in QuotaPeriod
        ]

    def changed(self, *others: Aggregate) -> list[Aggregate]:
        """What to save: the given aggregates and every touched one with new events."""
        # A calendar or usage started but left unchanged (a skipped date) is not saved.
        touched = [
            a
            for a in self.held.values()
            if a.pending_events and not (a.version == 1 and len(a.pending_events) == 1)
        ]
        return [*others, *(a for a in touched if all(a is not o for o in others))]


def quotas(loader: Loader) -> list[VenueQuota]:
    """The park's quotas (none until an administrator sets one)."""
    held = loader.read_only(VenueQuotas, VENUE_QUOTAS_ID)
    return [] if held is None else list(held.quotas.values())
