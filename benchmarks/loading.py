"""Item 5: loading an aggregate with a short and a long history, cold (snapshots at work)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from benchmarks import park
from benchmarks.measure import Timer, median
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import LABOUR_LAW, DayType, FirmId, Minutes, ShareMarket
from sharemarket.domain.labour.timesheet import WorkerTimesheet, home_entry

TARGET_RATIO = 2.0
#: Loads are short: each is repeated this many times at least (a fresh market each time).
MIN_LOADS = 15
SAVE_EVERY = 1_000
WEEK = tuple(date(2026, 3, 2) + timedelta(days=i) for i in range(5))


def write_history(market: ShareMarket, worker: str, events: int) -> None:
    """A worker's timesheet with ``events`` events: the home firm declaring one week again and
    again, so the state stays one week of hours however long the history grows.

    Written with the domain and ``market._app.save`` (the application's own save, which takes the
    snapshots its policy says), not through the command path, to make long histories fast.
    """
    sheet = WorkerTimesheet.open(FirmId(park.LENDER), worker, park.LENDER_REP)
    for i in range(events - 1):
        day = WEEK[i % len(WEEK)]
        sheet.book(
            park.LENDER_REP,
            entry=home_entry(day),
            work_date=day,
            minutes=Minutes(480 if (i // len(WEEK)) % 2 else 470),
            overtime=Minutes(0),
            day_type=DayType.WORKDAY,
            policy=LABOUR_LAW,
        )
        if len(sheet.pending_events) >= SAVE_EVERY:
            market._app.save(sheet)
    market._app.save(sheet)


def cold_load(path: Path, worker: str, events: int) -> float:
    """Seconds to load the timesheet in a market just opened (nothing warm, nothing cached)."""
    market = ShareMarket.sqlite(path)
    try:
        market._app.recorder.max_notification_id()  # open the connection: not part of the load
        with Timer() as t:
            sheet = market.labour.timesheet(park.LENDER, worker)
    finally:
        market.close()
    if sheet is None or sheet.version != events:
        raise RuntimeError(f"loaded {sheet!r}, expected a timesheet at version {events}")
    return t.seconds


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    path = workdir / "loading.sqlite"
    market = ShareMarket.sqlite(path)
    try:
        for events in sizes.load_histories:
            write_history(market, f"history-{events}", events)
    finally:
        market.close()
    loads = max(sizes.repeats, MIN_LOADS)
    samples: dict[int, list[float]] = {n: [] for n in sizes.load_histories}
    for _ in range(loads):  # interleaved, so drift on the machine hits every size alike
        for events in sizes.load_histories:
            samples[events].append(cold_load(path, f"history-{events}", events) * 1000)
    shortest = sizes.load_histories[0]
    base = median(samples[shortest])
    made = []
    for events in sizes.load_histories:
        value = median(samples[events])
        is_longest = events == sizes.load_histories[-1]
        made.append(
            Figure(
                key=f"loading.sqlite.{events}",
                label=f"5 cold load, {events:,} events",
                value=value,
                unit="ms",
                counts=(
                    f"load a WorkerTimesheet with {events:,} events of history (the home firm "
                    "re-declaring one week, so the state stays small) through "
                    "market.labour.timesheet in a market just opened on the SQLite file (no "
                    "warm copy): the last snapshot (taken every 100 events) + the events after it"
                ),
                baseline=None if events == shortest else base,
                baseline_label="" if events == shortest else f"the {shortest}-event load",
                target=f"<= {TARGET_RATIO:.0f}x baseline" if is_longest else "",
                passed=(value / base <= TARGET_RATIO) if is_longest else None,
                samples=samples[events],
            )
        )
    return made
