"""A worker's timesheet does not grow with the years (issue 20): it keeps the last three months
booked, its snapshot stays the size it had after the first months, and a shift recorded months
late is still checked against every hour of that day, week and month."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from sharemarket import DailyHoursExceeded, ParkDay, ShareMarket
from sharemarket.application.kernel.snapshots import stored_document
from sharemarket.application.park.calendar import china_day
from sharemarket.domain.labour.timesheet import WorkerTimesheet, timesheet_id
from tests.labour_support import JIAMEI, TONGXIN, open_park, rep

FIRST = date(2025, 1, 6)  # a Monday
WORKER = "W-1"


def workdays(first: date, days: int) -> list[date]:
    """China's workdays (holidays left out: every minute of one would be overtime)."""
    dates = (first + timedelta(days=n) for n in range(days))
    return [d for d in dates if d.weekday() < 5 and china_day(d) is ParkDay.WORKDAY]


def declare_weekdays(market: ShareMarket, first: date, days: int) -> None:
    for day in workdays(first, days):
        market.labour.declare_home_hours(
            rep(JIAMEI), request_id=f"home-{day}", worker=WORKER, work_date=day, minutes=480
        )


def stored_sheet(market: ShareMarket) -> WorkerTimesheet:
    sheet = market._app.repository.get(timesheet_id(JIAMEI, WORKER))
    assert isinstance(sheet, WorkerTimesheet)
    return sheet


def snapshot_bytes(market: ShareMarket) -> int:
    app: Any = market._app
    sheet_id = timesheet_id(JIAMEI, WORKER)
    app.take_snapshot(sheet_id)
    stored = app.snapshots.recorder.select_events(sheet_id, desc=True, limit=1)[0].state
    return len(stored_document(app.snapshots.mapper, stored))


def test_two_years_of_daily_hours_keep_the_size_of_the_first_months(market):
    """A year of weekday home hours, then another: the stored timesheet holds about three
    months of days both times, and its snapshot does not grow; the query reads every day."""
    open_park(market)
    declare_weekdays(market, FIRST, 365)
    after_one = snapshot_bytes(market)
    declare_weekdays(market, FIRST + timedelta(days=365), 365)
    after_two = snapshot_bytes(market)
    assert len(stored_sheet(market).days) <= 3 * 23 + 5
    assert after_two < after_one * 1.1
    history = market.labour.timesheet(JIAMEI, WORKER)
    assert history is not None
    assert len(workdays(FIRST, 730)) == len(history.days)


def test_a_shift_recorded_months_late_is_checked_against_that_days_hours(market):
    """January's home hours leave the stored window once June is booked; a shift recorded in
    June for that January day is still refused over the daily cap (nothing recorded), and one
    that fits is recorded and shows in the worker's timesheet."""
    open_park(market)
    agreement = market.labour.propose_agreement(
        rep(TONGXIN),
        request_id="propose",
        lender=JIAMEI,
        work="修坯 fettling",
        rate_per_hour="21.50",
        first_day=FIRST,
        last_day=FIRST + timedelta(days=365),
        workers=[WORKER],
    )
    market.labour.accept_agreement(rep(JIAMEI), request_id="accept", agreement=agreement)
    market.labour.declare_home_hours(
        rep(JIAMEI), request_id="jan", worker=WORKER, work_date=FIRST, minutes=480
    )
    market.labour.declare_home_hours(
        rep(JIAMEI), request_id="jun", worker=WORKER, work_date=date(2025, 6, 2), minutes=480
    )
    assert not stored_sheet(market).decides_on(FIRST)
    end = market._app.recorder.max_notification_id()
    with pytest.raises(DailyHoursExceeded):
        market.labour.record_shift(
            rep(TONGXIN), request_id="late-long", agreement=agreement, worker=WORKER,
            work_date=FIRST, minutes=240,
        )  # fmt: skip
    assert end == market._app.recorder.max_notification_id()
    market.labour.record_shift(
        rep(TONGXIN), request_id="late", agreement=agreement, worker=WORKER,
        work_date=FIRST, minutes=120, overtime=120,
    )  # fmt: skip
    history = market.labour.timesheet(JIAMEI, WORKER)
    assert history is not None
    assert 600 == history.day_total(FIRST).value
    assert FIRST.isoformat() not in stored_sheet(market).days
