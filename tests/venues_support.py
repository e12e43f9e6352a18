"""A Dehua venue scene for the venues tests: a host with an activity room, two small firms."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sharemarket import (
    Actor,
    FirmSize,
    OpeningHours,
    ShareMarket,
    TimeSlot,
    VenueKind,
    VenueRules,
)
from sharemarket.domain.time import PARK_TZ

#: 德化 host (a large ceramics firm), the park's service centre, and two small firms.
HOST = "91350100M000100Y43"
CENTRE = "12350526MB0000001X"
SMALL = ("91110000802100433B", "91350526MA00000012")
ADMIN = Actor.administrator("admin-1")
HOST_REP = Actor.for_firm("host-1", HOST)
REPS = {firm: Actor.for_firm(f"rep-{i}", firm) for i, firm in enumerate(SMALL)}
A, B = (REPS[f] for f in SMALL)
#: Monday 2026-03-02 and the Friday before it, 10:00, as "now".
MONDAY = date(2026, 3, 2)
NOW = datetime(2026, 2, 27, 10, 0, tzinfo=PARK_TZ)

RULES = VenueRules(
    capacity=30,
    opening=OpeningHours.on(range(6), "08:00", "20:00"),
    granularity=30,
    min_duration=30,
    max_duration=240,
    min_notice=60,
    max_ahead_days=60,
    buffer=15,
)


def establish(market: ShareMarket, *, size: FirmSize = FirmSize.SMALL) -> None:
    market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park")
    market.park.admit_firm(
        ADMIN,
        request_id="admit-host",
        firm=HOST,
        name="large ceramics firm",
        industry="ceramics",
        size=FirmSize.LARGE,
        representatives=["host-1"],
    )
    for i, firm in enumerate(SMALL):
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{i}",
            firm=firm,
            name=f"small firm {i}",
            industry="ceramics",
            size=size,
            representatives=[f"rep-{i}"],
        )


def open_room(market: ShareMarket, rules: VenueRules = RULES, key: str = "room") -> UUID:
    venue: UUID = market.venues.open_venue(
        HOST_REP, request_id=key, name="activity room", kind=VenueKind.ACTIVITY_ROOM, rules=rules
    )
    return venue


def slot(day: date, start: tuple[int, int], end: tuple[int, int]) -> TimeSlot:
    return TimeSlot.on(day, start, end)


def book(
    market: ShareMarket,
    venue: UUID,
    key: str,
    when: TimeSlot,
    actor: Actor = A,
    *,
    attendees: int = 10,
    as_of: datetime = NOW,
) -> UUID:
    booking: UUID = market.venues.book(
        actor,
        request_id=key,
        venue=venue,
        slot=when,
        attendees=attendees,
        purpose="safety training",
        as_of=as_of,
    )
    return booking
