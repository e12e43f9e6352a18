"""The sharing view: the park's report kept by day in the views, equal to the market's own."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from eventsourcing.persistence import Tracking
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import history
from sharemarket import InvalidInput, ListingKind, ShareMarket
from sharemarket.adapters.sqlite_sharing import open_sqlite_sharing
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.matching.sharing_memory import MemorySharingView
from sharemarket.application.matching.sharing_projection import fold
from sharemarket.application.matching.sharing_view import SharingBatch, SharingView
from sharemarket.domain.time import business_date
from sharemarket.park_views import ParkViews
from tests.application.matching.test_matches import agreed_labour_match, work_and_close
from tests.conftest import Store
from tests.matching_support import ADMIN, IDLE, NEEDS, establish, funds, post, venue


@contextmanager
def views_of(store: Store, tmp_path: Path) -> Iterator[ParkViews]:
    """Views beside the market: on PostgreSQL in its schema, else in SQLite files."""
    if store.kind == "postgres":
        views = ParkViews.postgres(store.dsn, schema=store.schema, prefix="v_")
    else:
        views = ParkViews.sqlite(tmp_path / "views")
    with views:
        yield views


def scene(market) -> None:
    establish(market)
    _, _, match, deal = agreed_labour_match(market)
    work_and_close(market, deal, minutes=480)
    market.matching.record_deal_outcome(ADMIN, request_id="met", match=match)
    room = post(market, NEEDS, "room", venue(), need=True)
    market.matching.withdraw_listing(NEEDS, request_id="w", listing=room, reason="found one")
    post(market, IDLE, "cash", funds(), need=True)


def test_the_views_give_the_markets_report_and_count_each_event_once(store, tmp_path):
    """Caught up in two steps and once more (nothing new), the views' report is the market's;
    a rebuild gives it again."""
    market = store.open()
    scene(market)
    today = business_date(datetime.now(UTC))
    period = (today.replace(day=1), today + timedelta(days=1))
    with views_of(store, tmp_path) as views:
        views.catch_up(market, batch_size=7)
        views.catch_up(market)
        report = views.sharing_report(*period)
        assert market.matching.sharing_report(*period) == report
        counts = {c.kind: (c.posted, c.matched, c.fulfilled, c.open) for c in report.needs}
        assert counts[ListingKind.LABOUR] == (1, 1, 0, 1)
        assert counts[ListingKind.VENUE] == (1, 0, 0, 0)
        shared = [
            (f.firm.code, f.labour_given.value, f.labour_received.value) for f in report.firms
        ]
        assert sorted([(IDLE.firm.code, 480, 0), (NEEDS.firm.code, 0, 480)]) == shared
        views.rebuild(market)
        assert report == views.sharing_report(*period)
        with pytest.raises(InvalidInput):
            views.sharing_report(period[1], period[0])


def test_a_period_before_the_history_reads_nothing(tmp_path):
    """A month before any event: no row of the view is in it, and nothing stood open."""
    with ParkViews.sqlite(tmp_path / "views") as views:
        report = views.sharing_report(date(2020, 1, 1), date(2020, 1, 31))
    assert [(c.posted, c.open) for c in report.needs] == [(0, 0)] * len(ListingKind)
    assert (report.firms, report.median_days_to_match) == ((), None)


DAYS = [date(2026, 3, d) for d in range(1, 8)]
need_rows = st.lists(
    st.tuples(
        st.sampled_from(DAYS),
        st.sampled_from(["labour", "venue"]),
        st.integers(0, 3),
        st.integers(0, 3),
    ),
    max_size=12,
)


@pytest.fixture
def sqlite_view(tmp_path_factory) -> Iterator[SharingView]:
    view = open_sqlite_sharing(tmp_path_factory.mktemp("sharing"))
    yield view
    view.close()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(need_rows, max_size=4))
def test_needs_open_at_a_days_end_count_every_earlier_day_in_any_order(sqlite_view, batches):
    """Batches may bring a day before days already written (events recorded around midnight):
    the open count at each day's end is still what was posted less what closed up to it, on
    SQLite as in memory."""
    sqlite_view.clear()
    memory = MemorySharingView()
    for view in (sqlite_view, memory):
        after = None
        for position, rows in enumerate(batches, start=1):
            batch = SharingBatch()
            for day, kind, posted, closed in rows:
                for _ in range(posted):
                    batch.count_need(day, kind, "posted")
                for _ in range(closed):
                    batch.count_need(day, kind, "closed")
            view.write_sharing(batch, Tracking("t", position), after)
            after = position
    for last in DAYS:
        expected = {}
        for rows in batches:
            for day, kind, posted, closed in rows:
                if day <= last:
                    expected[kind] = expected.get(kind, 0) + posted - closed
        for view in (sqlite_view, memory):
            found = dict(view.open_needs(["labour", "venue"], last))
            assert expected == {kind: found.get(kind, 0) for kind in expected}


def test_a_fact_the_view_lacks_is_asked_of_it_once_not_for_every_event():
    """Shifts of agreements not made from a match look up a deal the view holds no fact of:
    the view is asked once per deal, not once per shift (and the report stays the market's)."""
    market = ShareMarket()
    history.write(market, 300)
    asked: Counter[str] = Counter()

    class Counting(MemorySharingView):
        def fact(self, key: str) -> str | None:
            asked[key] += 1
            return super().fact(key)

    view = Counting()
    fold(EventLog(market._app), view)
    assert asked, "the history looks up facts"
    assert max(asked.values()) == 1
    plain = MemorySharingView()
    fold(EventLog(market._app), plain)
    period = (date(2020, 1, 1), date(2030, 12, 31))
    assert view.shares(*period) == plain.shares(*period) != []
