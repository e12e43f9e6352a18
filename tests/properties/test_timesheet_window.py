"""A worker's stored timesheet keeps three months, and decides as if it kept everything
(issue 20).

Home hours declared on any dates over two years, in any order (late declarations, corrections,
clearings), through the real application: each command is accepted or refused exactly as a
timesheet that never forgets (the domain's, replayed and kept whole) decides it, with the same
error; afterwards the stored timesheet is its history cut to the window, and the query reads
the whole history.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from sharemarket import LABOUR_LAW, DayType, Minutes, ShareMarket, ShareMarketError
from sharemarket.domain.labour.timesheet import WorkerTimesheet, home_entry, timesheet_id
from tests.labour_support import JIAMEI, open_park, rep, state

FIRST = date(2025, 1, 6)  # a Monday
WORKER = "W-1"
# Mostly within a few weeks of each other, sometimes a year or more away: the window moves,
# and late dates fall outside it.
offsets = st.one_of(st.integers(0, 20), st.integers(0, 730))
declarations = st.tuples(
    offsets,
    st.sampled_from((0, 240, 480, 540, 600, 660, 720)),
    st.integers(0, 180),
    st.sampled_from(list(DayType)),
)


def declare(market: ShareMarket, n: int, op: tuple[int, int, int, DayType]) -> str:
    """Declare (or clear) home hours through the market; the error code or "ok"."""
    offset, minutes, overtime, day_type = op
    day = FIRST + timedelta(days=offset)
    try:
        market.labour.declare_home_hours(
            rep(JIAMEI),
            request_id=f"h-{n}",
            worker=WORKER,
            work_date=day,
            minutes=minutes,
            overtime=min(overtime, minutes) if minutes and day_type is DayType.WORKDAY else None,
            day_type=day_type if minutes else None,
        )
    except ShareMarketError as error:
        return error.code
    return "ok"


def reference(sheet: WorkerTimesheet | None, op: tuple[int, int, int, DayType]) -> Any:
    """The same declaration decided by a timesheet that keeps everything; the code or "ok"."""
    offset, minutes, overtime, day_type = op
    day = FIRST + timedelta(days=offset)
    if sheet is None:
        sheet = WorkerTimesheet.open(JIAMEI, WORKER, rep(JIAMEI))
        sheet.keeps_history = True
    try:
        if minutes == 0:
            sheet.release(rep(JIAMEI), home_entry(day), day)
        else:
            ot = min(overtime, minutes) if day_type is DayType.WORKDAY else minutes
            sheet.book(
                rep(JIAMEI),
                entry=home_entry(day),
                work_date=day,
                minutes=Minutes(minutes),
                overtime=Minutes(ot),
                day_type=day_type,
                policy=LABOUR_LAW,
            )
    except ShareMarketError as error:
        return sheet, error.code
    return sheet, "ok"


@example([(268, 240, 0, DayType.WORKDAY), (203, 240, 0, DayType.REST_DAY)])  # found by this test:
# rest-day overtime on a day of the straddling week, whose month the window does not keep
@given(st.lists(declarations, min_size=1, max_size=40))
def test_the_window_decides_as_a_timesheet_that_keeps_everything(ops):
    """Each declaration gets the same answer (accepted, or refused with the same code) from the
    market, whose stored timesheet keeps three months, as from a timesheet that keeps every
    day; the market's query reads the whole history (every day, as the reference has it);
    and the stored timesheet holds exactly the window's days of it."""
    market = ShareMarket.in_memory()
    try:
        open_park(market)
        full: WorkerTimesheet | None = None
        for n, op in enumerate(ops):
            got = declare(market, n, op)
            full, expected = reference(full, op)
            assert expected == got, op
        if full is None or full.version == 1:
            return
        history = market.labour.timesheet(JIAMEI, WORKER)
        assert history is not None
        assert full.days == history.days
        assert full.entries == history.entries
        stored = market._app.repository.get(timesheet_id(JIAMEI, WORKER))
        assert {k: v for k, v in full.days.items() if stored.keeps(date.fromisoformat(k))} == (
            stored.days
        )
        kept_months = {k: v for k, v in full.month_overtime.items() if stored.keeps_month(k)}
        assert kept_months == stored.month_overtime
        if stored.latest_month == max(history.days)[:7]:
            old = {k: v for k, v in state(history).items() if k not in ("keeps_history",)}
            old.pop("latest_month", None)
            WorkerTimesheet.upcast_v1_v2(old)
            assert state(stored) == old
    finally:
        market.close()
