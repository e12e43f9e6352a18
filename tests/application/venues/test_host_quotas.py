"""A host sets quotas for its own venues: scoped to one venue it hosts, counted there only."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from sharemarket import (
    Actor,
    InvalidInput,
    NotFound,
    PermissionDenied,
    QuotaPeriod,
    VenueKind,
    VenueQuota,
    VenueQuotaExceeded,
)
from tests.venues_support import (
    ADMIN,
    HOST_REP,
    MONDAY,
    RULES,
    A,
    book,
    establish,
    open_room,
    slot,
)

CENTRE = "12350526MB00000019"  # the park's service centre, a public institution
CENTRE_REP = Actor.for_firm("centre-1", CENTRE)


def centre_hall(market):
    market.park.admit_firm(
        ADMIN, request_id="admit-centre", firm=CENTRE, name="party-masses service centre",
        industry="services", size="medium", representatives=["centre-1"],
    )  # fmt: skip
    return market.venues.open_venue(
        CENTRE_REP, request_id="hall", name="roadshow hall", kind=VenueKind.ACTIVITY_ROOM,
        rules=RULES,
    )  # fmt: skip


def test_a_hosts_quota_of_its_venue_limits_bookings_there_and_nowhere_else(market):
    """Two bookings a week per firm in the host's room; a third is refused there, recording
    nothing, and the same firm still books the service centre's room of the same kind."""
    establish(market)
    room = open_room(market)
    hall = centre_hall(market)
    market.venues.set_quota(
        HOST_REP,
        request_id="q",
        quota=VenueQuota(period=QuotaPeriod.WEEK, max_bookings=2, venue=room),
    )
    book(market, room, "b-1", slot(MONDAY, (9, 0), (10, 0)))
    book(market, room, "b-2", slot(MONDAY, (11, 0), (12, 0)))
    head = market.event_log.head()
    with pytest.raises(VenueQuotaExceeded, match="2 bookings in the week"):
        book(market, room, "b-3", slot(MONDAY, (14, 0), (15, 0)))
    assert head == market.event_log.head()
    book(market, hall, "b-4", slot(MONDAY, (14, 0), (15, 0)))
    (quota,) = market.venues.quotas()
    assert room == quota.venue


def test_a_host_cannot_set_quotas_for_venues_it_does_not_host_nor_for_the_park(market):
    establish(market)
    room = open_room(market)
    hall = centre_hall(market)
    head = market.event_log.head()
    with pytest.raises(PermissionDenied, match="only its host"):
        market.venues.set_quota(
            HOST_REP, request_id="q-1",
            quota=VenueQuota(period=QuotaPeriod.WEEK, max_bookings=1, venue=hall),
        )  # fmt: skip
    with pytest.raises(PermissionDenied, match="only for venues its firm hosts"):
        market.venues.set_quota(
            HOST_REP, request_id="q-2", quota=VenueQuota(period=QuotaPeriod.WEEK, max_bookings=1)
        )
    with pytest.raises(PermissionDenied):  # a small firm's representative hosts nothing
        market.venues.set_quota(
            A,
            request_id="q-3",
            quota=VenueQuota(period=QuotaPeriod.WEEK, max_bookings=1, venue=room),
        )
    with pytest.raises(NotFound):
        market.venues.set_quota(
            HOST_REP, request_id="q-4",
            quota=VenueQuota(period=QuotaPeriod.WEEK, max_bookings=1, venue=UUID(int=7)),
        )  # fmt: skip
    assert head == market.event_log.head()
    assert [] == market.venues.quotas()


def test_an_administrator_sets_a_venues_quota_too_and_a_quota_names_a_venue_or_a_kind(market):
    establish(market)
    room = open_room(market)
    market.venues.set_quota(
        ADMIN,
        request_id="q",
        quota=VenueQuota(period=QuotaPeriod.MONTH, max_minutes=60, venue=room),
    )
    book(market, room, "b-1", slot(MONDAY, (9, 0), (10, 0)))
    with pytest.raises(VenueQuotaExceeded):
        book(market, room, "b-2", slot(date(2026, 3, 3), (9, 0), (9, 30)))
    (left,) = market.venues.firm_month(A.firm, MONDAY).quota_left
    assert (room, 0, None) == (left.quota.venue, left.minutes.value, left.bookings)
    with pytest.raises(InvalidInput, match="venue or kind"):
        VenueQuota(period=QuotaPeriod.WEEK, max_bookings=1, venue=room, kind=VenueKind.LIBRARY)
