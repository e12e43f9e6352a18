"""A skip-conflicts series books exactly the free dates; all-or-nothing books all or none."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharemarket import (
    QuotaPeriod,
    Recurrence,
    ShareMarket,
    VenueQuota,
    VenueQuotaExceeded,
    VenueSlotTaken,
)
from sharemarket.domain.venues.series import occurrence_id
from tests.venues_support import ADMIN, MONDAY, NOW, A, B, book, establish, open_room, slot

MONDAYS = [MONDAY + timedelta(days=7 * n) for n in range(6)]


@settings(max_examples=15)
@given(
    taken=st.lists(st.sampled_from(MONDAYS), unique=True),
    start=st.sampled_from([(13, 0), (14, 0), (15, 30)]),
    conflicts=st.sampled_from(["skip_conflicts", "all_or_nothing"]),
)
def test_a_series_books_exactly_the_free_dates(taken, start, conflicts):
    market = ShareMarket.in_memory()
    try:
        establish(market)
        room = open_room(market)
        for day in taken:
            book(market, room, f"t-{day}", slot(day, start, (start[0] + 1, start[1])), B)
        every_monday = Recurrence(
            first_day=MONDAYS[0], last_day=MONDAYS[-1], weekdays=[0], starts="14:00", ends="16:00"
        )
        # 14:00-16:00 with 15-minute buffers clashes with a booking from 13:00, 14:00 or 15:30.
        free = [d for d in MONDAYS if d not in taken]

        def series() -> object:
            return market.venues.book_series(
                A,
                request_id="series",
                venue=room,
                recurrence=every_monday,
                attendees=10,
                purpose="training",
                as_of=NOW,
                conflicts=conflicts,
            )

        if conflicts == "all_or_nothing" and taken:
            head = market.event_log.head()
            with pytest.raises(VenueSlotTaken):
                series()
            assert head == market.event_log.head()
            return
        if not free:
            return
        result = series()
        assert free == list(result.booked)
        assert sorted(taken) == [s.day for s in result.skipped]
        for day in MONDAYS:
            mine = [b for b, _ in market.venues.day(room, day).bookings]
            assert (occurrence_id(result.series_id, day) in mine) is (day in free)
    finally:
        market.close()


def test_a_date_over_the_quota_refuses_the_whole_series_even_skipping_conflicts(market):
    """A quota is no conflict to skip: the series is refused and nothing is recorded."""
    establish(market)
    room = open_room(market)
    market.venues.set_quota(
        ADMIN, request_id="q", quota=VenueQuota(period=QuotaPeriod.MONTH, max_bookings=3)
    )
    march = Recurrence(
        first_day=MONDAY, last_day=date(2026, 3, 31), weekdays=[0], starts="14:00", ends="16:00"
    )
    head = market.event_log.head()
    with pytest.raises(VenueQuotaExceeded) as caught:
        market.venues.book_series(
            A,
            request_id="series",
            venue=room,
            recurrence=march,
            attendees=10,
            purpose="training",
            as_of=NOW,
            conflicts="skip_conflicts",
        )
    assert "2026-03-23" in str(caught.value)
    assert head == market.event_log.head()
