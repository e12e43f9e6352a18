"""Item 5: loading an aggregate with a short and a long history, cold (snapshots at work).

Each long history is loaded at its best case (an exact multiple of the snapshot interval: the
snapshot alone) and at its worst (the interval minus one events after the last snapshot, each
replayed); the target is judged on the worst case.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks import park
from benchmarks.measure import Timer, median
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import LABOUR_LAW, DayType, FirmId, Minutes, ShareMarket
from sharemarket.application.labour.slice import SLICE
from sharemarket.domain.labour.timesheet import WorkerTimesheet, home_entry, timesheet_id

TARGET_RATIO = 2.0
#: Loads are short: each is repeated this many times at least (a fresh market each time).
MIN_LOADS = 15
SAVE_EVERY = 1_000
WEEK = tuple(date(2026, 3, 2) + timedelta(days=i) for i in range(5))


def snapshot_interval() -> int:
    """The timesheet's snapshot interval, as the labour slice declares it."""
    interval = SLICE.aggregates[WorkerTimesheet]
    if not interval:
        raise RuntimeError("the labour slice takes no snapshots of a WorkerTimesheet")
    return interval


def histories(sizes: Sizes, interval: int) -> list[int]:
    """The shortest history (the baseline), then each longer one at its best case and at its
    worst: the last snapshot followed by ``interval - 1`` events."""
    shortest, *longer = sizes.load_histories
    made = [shortest]
    for events in longer:
        last_snapshot = events - events % interval
        made += sorted({n for n in (last_snapshot, last_snapshot + interval - 1) if n > 0})
    return made


def write_history(market: ShareMarket, worker: str, events: int, interval: int) -> None:
    """A worker's timesheet with ``events`` events: the home firm declaring one week again and
    again, so the state stays one week of hours however long the history grows.

    Written with the domain and ``market._app.save`` (the application's own save, which takes the
    snapshots its policy says), not through the command path, to make long histories fast. Each
    save ends on a multiple of the interval, so the last snapshot is at the last multiple.
    """
    chunk = interval * max(1, SAVE_EVERY // interval)
    last_snapshot = events - events % interval
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
        if sheet.version % chunk == 0 or sheet.version == last_snapshot:
            market._app.save(sheet)
    market._app.save(sheet)


def replayed(market: ShareMarket, worker: str, events: int) -> int:
    """Events a load replays after the timesheet's last snapshot (all of them without one)."""
    last = list(
        market._app.snapshots.get(timesheet_id(FirmId(park.LENDER), worker), desc=True, limit=1)
    )
    return events - (last[0].originator_version if last else 0)


def cold_load(path: Path, worker: str, events: int) -> tuple[float, float]:
    """Seconds to load the timesheet in a market just opened (nothing warm, nothing cached),
    elapsed and on this thread's CPU (SQLite reads in the calling thread, so it counts them)."""
    market = ShareMarket.sqlite(path)
    try:
        market._app.recorder.max_notification_id()  # open the connection: not part of the load
        sheet_id = timesheet_id(FirmId(park.LENDER), worker)
        cpu = time.thread_time()
        with Timer() as t:
            # As a command loads it (labour's access.timesheet): the stored timesheet, from its
            # last snapshot. The query market.labour.timesheet replays the whole history.
            sheet = market._uow.loader.find(WorkerTimesheet, sheet_id)
        cpu = time.thread_time() - cpu
    finally:
        market.close()
    if sheet is None or sheet.version != events:
        raise RuntimeError(f"loaded {sheet!r}, expected a timesheet at version {events}")
    return t.seconds, cpu


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    interval = snapshot_interval()
    lengths = histories(sizes, interval)
    path = workdir / "loading.sqlite"
    market = ShareMarket.sqlite(path)
    try:
        for events in lengths:
            write_history(market, f"history-{events}", events, interval)
        replays = {n: replayed(market, f"history-{n}", n) for n in lengths}
    finally:
        market.close()
    loads = max(sizes.repeats, MIN_LOADS)
    samples: dict[int, list[float]] = {n: [] for n in lengths}
    cpu: dict[int, list[float]] = {n: [] for n in lengths}
    for _ in range(loads):  # interleaved, so drift on the machine hits every size alike
        for events in lengths:
            elapsed, on_cpu = cold_load(path, f"history-{events}", events)
            samples[events].append(elapsed * 1000)
            cpu[events].append(on_cpu * 1000)
    shortest = lengths[0]
    base, cpu_base = median(samples[shortest]), median(cpu[shortest])
    made = []
    for events in lengths:
        value = median(samples[events])
        # The worst case of a long history: the most events a load can replay after a snapshot.
        judged = events != shortest and replays[events] == interval - 1
        loaded = (
            f"the last snapshot (taken every {interval} events) + the {replays[events]:,} "
            "events after it"
            if replays[events] < events
            else f"no snapshot yet (one every {interval} events): its {events:,} events"
        )
        made.append(
            Figure(
                key=f"loading.sqlite.{events}",
                label=f"5 cold load, {events:,} events ({replays[events]:,} replayed)",
                value=value,
                unit="ms",
                counts=(
                    f"load a WorkerTimesheet with {events:,} events of history (the home firm "
                    "re-declaring one week, so the state stays small) through the market's "
                    "loader, as a command loads it, in a market just opened on the SQLite file (no "
                    f"warm copy): {loaded}"
                    + (" (the worst case: the interval minus one)" if judged else "")
                ),
                baseline=None if events == shortest else base,
                baseline_label="" if events == shortest else f"the {shortest}-event load",
                target=f"<= {TARGET_RATIO:.0f}x baseline" if judged else "",
                passed=(value / base <= TARGET_RATIO) if judged else None,
                samples=samples[events],
            )
        )
        if judged:
            made.append(
                Figure(
                    key=f"loading.sqlite.{events}.cpu",
                    label=f"5 cold load, {events:,} events, CPU time",
                    value=median(cpu[events]),
                    unit="ms",
                    counts=(
                        f"the same loads of {events:,} events, timed on the loading thread's "
                        "CPU clock (time.thread_time): for reference on a shared machine, where "
                        "a longer load is more often preempted by other processes"
                    ),
                    baseline=cpu_base,
                    baseline_label=f"the {shortest}-event load's CPU time",
                    samples=cpu[events],
                )
            )
    return made
