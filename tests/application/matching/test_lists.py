"""The park's lists through the application, on memory, SQLite and PostgreSQL: posting,
withdrawing and expiring listings, and the ranking of offers for a need. Every refusal is
checked twice: the error, and that nothing was recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from sharemarket import (
    FirmNotActive,
    InvalidInput,
    ListingStatus,
    MatchingListingNotOpen,
    MatchingListingStillValid,
    MatchingWrongRoles,
    NotFound,
    PermissionDenied,
    PersonalDataRefused,
    ServiceCategory,
    ShareMarket,
)
from tests.matching_support import (
    ADMIN,
    AVIATION,
    IDLE,
    NEEDS,
    OTHER,
    UNTIL,
    capacity,
    establish,
    labour,
    labour_pair,
    post,
    service,
    venue,
)


def refused(market: ShareMarket, error: type[Exception], call: Callable[[], Any]) -> Exception:
    """``call`` raises ``error`` and the log does not move."""
    before = market.event_log.head()
    with pytest.raises(error) as caught:
        call()
    assert before == market.event_log.head()
    return caught.value


def test_firms_post_needs_and_resources_and_the_park_posts_services(market):
    establish(market)
    need = post(market, NEEDS, "n", labour(), need=True)
    resource = post(market, IDLE, "r", venue(), need=False)
    course = market.matching.post_service(
        ADMIN, request_id="svc", terms=service(), valid_until=UNTIL
    )
    listed = [market.matching.listing(x) for x in (need, resource, course)]
    assert [(x.role.value, x.kind.value) for x in listed] == [
        ("need", "labour"),
        ("resource", "venue"),
        ("service", "service"),
    ]
    assert [x.owner for x in listed] == [NEEDS.firm, IDLE.firm, None]
    assert [x.status for x in listed] == [ListingStatus.OPEN] * 3
    assert listed[0].available == 3 * 8 * 5


def test_posting_is_refused_to_the_wrong_people_and_for_personal_data(market):
    establish(market)
    m = market.matching
    refused(
        market,
        PermissionDenied,
        lambda: m.post_need(ADMIN, request_id="x1", terms=labour(), valid_until=UNTIL),
    )
    refused(
        market,
        PermissionDenied,
        lambda: m.post_service(NEEDS, request_id="x2", terms=service(), valid_until=UNTIL),
    )
    refused(
        market,
        InvalidInput,
        lambda: m.post_service(ADMIN, request_id="x3", terms=labour(), valid_until=UNTIL),
    )
    with pytest.raises(PersonalDataRefused):
        labour(skill="call 138 1234 5678 for hands")
    market.park.suspend_firm(ADMIN, request_id="susp", firm=AVIATION, reason="audit")
    refused(
        market,
        FirmNotActive,
        lambda: m.post_resource(IDLE, request_id="x4", terms=labour(), valid_until=UNTIL),
    )


def test_a_listing_is_withdrawn_or_expired_once_and_then_takes_nothing(market):
    establish(market)
    m = market.matching
    a = post(market, NEEDS, "a", capacity(), need=True)
    b = post(market, IDLE, "b", capacity(), need=False)
    refused(
        market,
        PermissionDenied,
        lambda: m.withdraw_listing(OTHER, request_id="w0", listing=a, reason="not mine"),
    )
    refused(
        market,
        MatchingListingStillValid,
        lambda: m.expire_listing(IDLE, request_id="e0", listing=b, as_of=UNTIL),
    )
    m.withdraw_listing(NEEDS, request_id="w1", listing=a, reason="made in-house")
    m.expire_listing(ADMIN, request_id="e1", listing=b, as_of=date(2026, 4, 1))
    assert m.listing(a).status is ListingStatus.WITHDRAWN
    assert m.listing(b).status is ListingStatus.EXPIRED
    refused(
        market,
        MatchingListingNotOpen,
        lambda: m.withdraw_listing(NEEDS, request_id="w2", listing=a, reason="again"),
    )
    refused(
        market,
        MatchingListingNotOpen,
        lambda: m.propose_match(ADMIN, request_id="p", need=a, offer=b),
    )


def test_ranking_scores_and_explains_and_leaves_out_what_cannot_serve(market):
    """Best first, with score and reasons; never the need's own firm, a suspended firm, a
    closed or outdated offer, another kind or another skill."""
    establish(market)
    need, idle = labour_pair(market)
    whole = post(market, OTHER, "whole", labour(headcount=5, first=1, last=9), need=False)
    post(market, NEEDS, "own", labour(), need=False)  # the need's own firm
    post(market, OTHER, "skill", labour(skill="welding"), need=False)
    post(market, OTHER, "room", venue(), need=False)
    ranked = market.matching.rank(need, date(2026, 3, 1))
    assert [(r.offer, r.score, r.covered) for r in ranked] == [(whole, 1000, 120), (idle, 400, 48)]
    assert ranked[1].explanation.startswith(
        "covers 48 of 120 worker-hours; dates overlap 3 of 5 days"
    )
    market.park.suspend_firm(ADMIN, request_id="susp", firm=OTHER.firm, reason="audit")
    assert [r.offer for r in market.matching.rank(need, date(2026, 3, 1))] == [idle]
    assert market.matching.rank(need, date(2026, 4, 1)) == ()
    with pytest.raises(MatchingWrongRoles):
        market.matching.rank(idle, date(2026, 3, 1))


def test_equal_scores_rank_by_amount_then_id(market):
    establish(market)
    need = post(market, NEEDS, "need", service(ServiceCategory.LEGAL_AID), need=True)
    offers = [
        market.matching.post_service(
            ADMIN, request_id=f"s{i}", terms=service(ServiceCategory.LEGAL_AID), valid_until=UNTIL
        )
        for i in range(4)
    ]
    ranked = market.matching.rank(need, date(2026, 3, 1))
    assert [r.offer for r in ranked] == sorted(offers, key=str)
    assert {r.score for r in ranked} == {1000}


def test_unknown_ids_are_not_found(market):
    establish(market)
    from uuid import uuid4

    with pytest.raises(NotFound):
        market.matching.listing(uuid4())
    refused(
        market,
        NotFound,
        lambda: market.matching.withdraw_listing(
            NEEDS, request_id="w", listing=uuid4(), reason="x"
        ),
    )
