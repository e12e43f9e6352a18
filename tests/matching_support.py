"""A park for the matching tests: a biomedicine firm short of hands, an aviation firm with idle
workers, a third firm, and the terms they post (Suzhou Industrial Park, 2020)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sharemarket import (
    Actor,
    CapacityTerms,
    FirmSize,
    FundsTerms,
    LabourTerms,
    Money,
    ServiceCategory,
    ServiceTerms,
    ShareMarket,
    VenueTerms,
)

BIOMED = "91350100M000100Y43"  # 生物医药: 用工忙
AVIATION = "91110000802100433B"  # 航空: 用工荒, idle workers
THIRD = "91350526MA00000012"
FIRMS = (BIOMED, AVIATION, THIRD)
ADMIN = Actor.administrator("admin-1")
REPS = {firm: Actor.for_firm(f"rep-{i}", firm) for i, firm in enumerate(FIRMS)}
NEEDS, IDLE, OTHER = REPS[BIOMED], REPS[AVIATION], REPS[THIRD]
UNTIL = date(2026, 3, 31)


def establish(market: ShareMarket) -> None:
    market.park.establish(ADMIN, request_id="park", name="Suzhou Industrial Park")
    for i, firm in enumerate(FIRMS):
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{i}",
            firm=firm,
            name=f"firm {i}",
            industry="biomedicine" if i == 0 else "aviation",
            size=FirmSize.MEDIUM,
            representatives=[f"rep-{i}"],
        )


def labour(
    *,
    skill: str = "assembly line 装配",
    headcount: int = 3,
    first: int = 2,
    last: int = 6,
    hours: int = 8,
    rate: str = "30.00",
) -> LabourTerms:
    return LabourTerms(
        skill=skill,
        headcount=headcount,
        first_day=date(2026, 3, first),
        last_day=date(2026, 3, last),
        hours_a_day=hours,
        rate_per_hour=Money.of(rate),
    )


def capacity(pieces: int = 800, by: int = 15) -> CapacityTerms:
    return CapacityTerms(
        operation="glazing", product="cups", pieces=pieces, by_date=date(2026, 3, by)
    )


def venue(people: int = 20, hours: int = 4) -> VenueTerms:
    return VenueTerms(
        people=people, first_day=date(2026, 3, 9), last_day=date(2026, 3, 13), hours=hours
    )


def funds(amount: str = "50000.00", days: int = 90) -> FundsTerms:
    return FundsTerms(amount=Money.of(amount), term_days=days)


def service(category: ServiceCategory = ServiceCategory.TRAINING) -> ServiceTerms:
    return ServiceTerms(category=category, text="智改数转 experience sharing")


def post(market: ShareMarket, actor: Actor, key: str, terms: Any, *, need: bool) -> UUID:
    method = market.matching.post_need if need else market.matching.post_resource
    listing: UUID = method(actor, request_id=f"post-{key}", terms=terms, valid_until=UNTIL)
    return listing


def labour_pair(market: ShareMarket, **need: Any) -> tuple[UUID, UUID]:
    """The biomedicine firm's need for hands and the aviation firm's idle workers."""
    return (
        post(market, NEEDS, "need", labour(**need), need=True),
        post(market, IDLE, "idle", labour(headcount=2, first=4, last=10), need=False),
    )
