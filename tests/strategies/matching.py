"""Strategies of the matching slice's values: the five kinds of terms, deal references, enums."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from sharemarket import (
    CapacityTerms,
    DealOutcome,
    DealRef,
    FundsTerms,
    InvalidInput,
    LabourTerms,
    ListingKind,
    ListingRole,
    ListingStatus,
    MatchSide,
    MatchStatus,
    Money,
    ServiceCategory,
    ServiceTerms,
    VenueTerms,
)
from sharemarket.domain.text import free_text
from tests.strategies.kernel import business_dates, names, register_strategy

#: Days of the tests' lists: a season, so that random listings overlap often.
SEASON = (date(2026, 3, 1), date(2026, 5, 31))


def _is_free_text(value: str) -> bool:
    try:
        free_text(value, "text", 100)
    except InvalidInput:
        return False
    return True


def skills() -> st.SearchStrategy[str]:
    """A skill or operation: mostly from a small set (so that matches happen), sometimes any."""
    return st.one_of(
        st.sampled_from(["修坯 fettling", "上釉 glazing", "assembly 装配", "packing"]),
        names(max_size=40).filter(_is_free_text),
    )


@st.composite
def periods(draw: st.DrawFn, *, days_max: int = 20) -> tuple[date, date]:
    first = draw(business_dates(min_value=SEASON[0], max_value=SEASON[1]))
    return first, first + timedelta(days=draw(st.integers(0, days_max)))


@st.composite
def labour_terms(draw: st.DrawFn) -> LabourTerms:
    first, last = draw(periods())
    return LabourTerms(
        skill=draw(skills()),
        headcount=draw(st.integers(1, 50)),
        first_day=first,
        last_day=last,
        hours_a_day=draw(st.integers(1, 12)),
        rate_per_hour=Money(draw(st.integers(0, 10_000))),
    )


@st.composite
def capacity_terms(draw: st.DrawFn) -> CapacityTerms:
    return CapacityTerms(
        operation=draw(skills()),
        product=draw(st.sampled_from(["cups", "plates", "茶具 tea sets"])),
        pieces=draw(st.integers(1, 100_000)),
        by_date=draw(business_dates(min_value=SEASON[0], max_value=SEASON[1])),
    )


@st.composite
def venue_terms(draw: st.DrawFn) -> VenueTerms:
    first, last = draw(periods(days_max=10))
    return VenueTerms(
        people=draw(st.integers(1, 300)),
        first_day=first,
        last_day=last,
        hours=draw(st.integers(1, 100)),
    )


@st.composite
def funds_terms(draw: st.DrawFn) -> FundsTerms:
    """Some name a rate (at most 10 % a year: under 4 x any LPR published), most do not."""
    rate = st.none() | st.integers(0, 1000).map(lambda hundredths: Decimal(hundredths) / 100)
    return FundsTerms(
        amount=Money(draw(st.integers(1, 10**10))),
        term_days=draw(st.integers(1, 3650)),
        annual_rate=draw(rate),
    )


@st.composite
def service_terms(draw: st.DrawFn) -> ServiceTerms:
    return ServiceTerms(
        category=draw(st.sampled_from(ServiceCategory)),
        text=draw(st.sampled_from(["legal aid clinic", "智改数转 experience sharing"])),
    )


def terms() -> st.SearchStrategy[
    LabourTerms | CapacityTerms | VenueTerms | FundsTerms | ServiceTerms
]:
    return st.one_of(
        labour_terms(), capacity_terms(), venue_terms(), funds_terms(), service_terms()
    )


def deal_refs() -> st.SearchStrategy[DealRef]:
    return st.builds(DealRef, st.sampled_from(["labour_agreement"]), st.uuids())


register_strategy(LabourTerms, labour_terms())
register_strategy(CapacityTerms, capacity_terms())
register_strategy(VenueTerms, venue_terms())
register_strategy(FundsTerms, funds_terms())
register_strategy(ServiceTerms, service_terms())
register_strategy(DealRef, deal_refs())
for _enum in (
    ListingKind,
    ListingRole,
    ListingStatus,
    MatchSide,
    MatchStatus,
    DealOutcome,
    ServiceCategory,
):
    register_strategy(_enum, st.sampled_from(_enum))
