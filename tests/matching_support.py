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
from sharemarket.domain.time import park_time

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


# The hostile-input scene's matching targets (tests/properties/test_hostile_input.py) ---------

#: The keys of the listings and matches the scene makes, each the target of one valid call.
SCENE_KEYS = ("need", "offer", "to_withdraw", "to_expire", "to_accept", "to_decline", "to_record")
SOME_SCENE_IDS = {key: UUID(int=100 + i) for i, key in enumerate(SCENE_KEYS)}


def hostile_scene(market: ShareMarket, admin: Actor, needs: Actor, has: Actor) -> dict[str, UUID]:
    """Listings and matches of ``needs``'s and ``has``'s firms in an established park: each
    matching command's valid call has a target of its own."""
    m = market.matching

    def listing(key: str, actor: Actor, terms: Any, *, need: bool, until: date = UNTIL) -> UUID:
        post = m.post_need if need else m.post_resource
        made: UUID = post(actor, request_id=f"s-m-{key}", terms=terms, valid_until=until)
        return made

    ids = {
        "need": listing("need", needs, labour(), need=True),
        "offer": listing("offer", has, labour(), need=False),
        "to_withdraw": listing("withdraw", needs, capacity(), need=True),
        "to_expire": listing("expire", needs, venue(), need=True, until=date(2026, 3, 5)),
    }
    for key in ("to_accept", "to_decline"):
        need = listing(f"{key}-need", needs, labour(), need=True)
        offer = listing(f"{key}-offer", has, labour(), need=False)
        ids[key] = m.propose_match(admin, request_id=f"s-m-{key}", need=need, offer=offer)
    wants = listing("wants", needs, service(), need=True)
    course = m.post_service(admin, request_id="s-m-course", terms=service(), valid_until=UNTIL)
    served = m.propose_match(needs, request_id="s-m-served", need=wants, offer=course)
    m.accept_match(needs, request_id="s-m-served-1", match=served)
    m.accept_match(admin, request_id="s-m-served-2", match=served)
    ids["to_record"] = served
    return ids


def hostile_calls(
    ids: dict[str, UUID], admin: Actor, needs: Actor, has: Actor
) -> dict[str, tuple[Actor, dict[str, Any]]]:
    """The valid call of each matching command in the hostile scene."""
    return {
        "matching.post_need": (needs, {"terms": labour(), "valid_until": UNTIL}),
        "matching.post_resource": (has, {"terms": capacity(), "valid_until": UNTIL}),
        "matching.post_service": (admin, {"terms": service(), "valid_until": UNTIL}),
        "matching.withdraw_listing": (
            needs,
            {"listing": ids["to_withdraw"], "reason": "found hands in-house"},
        ),
        "matching.expire_listing": (
            needs,
            {"listing": ids["to_expire"], "as_of": date(2026, 3, 10)},
        ),
        "matching.propose_match": (needs, {"need": ids["need"], "offer": ids["offer"]}),
        "matching.accept_match": (
            needs,
            {
                "match": ids["to_accept"],
                "on": date(2026, 3, 2),
                "at": park_time(date(2026, 3, 2), 9),
            },
        ),
        "matching.decline_match": (has, {"match": ids["to_decline"], "reason": "lent elsewhere"}),
        "matching.record_deal_outcome": (admin, {"match": ids["to_record"]}),
    }


def hostile_queries(ids: dict[str, UUID]) -> dict[str, dict[str, Any]]:
    return {
        "matching.listing": {"listing": ids["need"]},
        "matching.match": {"match": ids["to_accept"]},
        "matching.rank": {"need": ids["need"], "as_of": date(2026, 3, 1)},
        "matching.sharing_report": {"first_day": date(2026, 3, 1), "last_day": date(2026, 3, 31)},
    }
