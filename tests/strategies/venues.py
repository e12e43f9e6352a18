"""Strategies of the venues slice's values (阵地共享): rules, opening hours, quotas, series."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from sharemarket import (
    FirmSize,
    OpeningHours,
    QuotaPeriod,
    Recurrence,
    SeriesBooked,
    SkippedDate,
    VenueKind,
    VenueQuota,
    VenueRules,
)
from sharemarket.domain.venues.rules import DAY_MINUTES
from tests.strategies.kernel import (
    LAST_DAY,
    business_dates,
    firm_ids,
    minutes,
    money,
    names,
    register_strategy,
)


@st.composite
def opening_hours(draw: st.DrawFn, *, weekday: int | None = None) -> OpeningHours:
    day = draw(st.integers(0, 6)) if weekday is None else weekday
    opens = draw(st.integers(0, DAY_MINUTES - 1))
    closes = draw(st.integers(opens + 1, DAY_MINUTES))
    return OpeningHours(day, opens, closes)


@st.composite
def venue_rules(draw: st.DrawFn) -> VenueRules:
    """Valid rules: some opening days, any grid and durations, maybe a fee and a firm list."""
    days = draw(st.lists(st.integers(0, 6), unique=True, max_size=7))
    low = draw(st.integers(1, 8 * 60))
    return VenueRules(
        capacity=draw(st.integers(1, 500)),
        opening=tuple(draw(opening_hours(weekday=d)) for d in days),
        granularity=draw(minutes(min_value=1, max_value=120)),
        min_duration=low,
        max_duration=draw(st.integers(low, DAY_MINUTES)),
        min_notice=draw(minutes(min_value=0, max_value=7 * 24 * 60)),
        max_ahead_days=draw(st.integers(1, 365)),
        buffer=draw(minutes(min_value=0, max_value=120)),
        approval_required=draw(st.booleans()),
        check_in_opens=draw(minutes(min_value=0, max_value=60)),
        no_show_after=draw(minutes(min_value=1, max_value=60)),
        late_cancellation=draw(minutes(min_value=0, max_value=48 * 60)),
        fee_per_hour=draw(money(min_fen=0, bound=100_000)),
        bookable_by=draw(st.lists(firm_ids(), max_size=3)),
    )


@st.composite
def venue_quotas(draw: st.DrawFn) -> VenueQuota:
    limits = draw(st.sampled_from(["minutes", "bookings", "both"]))
    return VenueQuota(
        period=draw(st.sampled_from(QuotaPeriod)),
        max_minutes=None if limits == "bookings" else draw(minutes(min_value=0, max_value=9000)),
        max_bookings=None if limits == "minutes" else draw(st.integers(0, 50)),
        firm_size=draw(st.none() | st.sampled_from(FirmSize)),
        **draw(
            st.fixed_dictionaries({"kind": st.none() | st.sampled_from(VenueKind)})
            | st.fixed_dictionaries({"venue": st.uuids()})
        ),
    )


@st.composite
def recurrences(draw: st.DrawFn) -> Recurrence:
    first = draw(business_dates(max_value=LAST_DAY - timedelta(days=90)))
    last = first + timedelta(days=draw(st.integers(0, 90)))
    starts = draw(st.integers(0, DAY_MINUTES - 1))
    ends = draw(st.integers(starts + 1, DAY_MINUTES))
    if draw(st.booleans()):
        return Recurrence(
            first_day=first,
            last_day=last,
            starts=starts,
            ends=ends,
            weekdays=tuple(draw(st.lists(st.integers(0, 6), min_size=1, unique=True))),
        )
    return Recurrence(
        first_day=first,
        last_day=last,
        starts=starts,
        ends=ends,
        every_days=draw(st.integers(1, 14)),
    )


def skipped_dates() -> st.SearchStrategy[SkippedDate]:
    return st.builds(SkippedDate, business_dates(), names())


def series_results() -> st.SearchStrategy[SeriesBooked]:
    return st.builds(
        SeriesBooked,
        st.uuids(),
        st.lists(business_dates(), max_size=5).map(tuple),
        st.lists(skipped_dates(), max_size=3).map(tuple),
    )


register_strategy(OpeningHours, opening_hours())
register_strategy(VenueRules, venue_rules())
register_strategy(VenueQuota, venue_quotas())
register_strategy(Recurrence, recurrences())
register_strategy(SkippedDate, skipped_dates())
register_strategy(SeriesBooked, series_results())
