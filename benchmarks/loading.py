"""Item 5: loading an aggregate with a short and a long history, cold (snapshots at work).

Each long history is loaded at its best case (an exact multiple of the snapshot interval: the
snapshot alone) and at its worst (the interval minus one events after the last snapshot, each
replayed); the target is judged on the worst case. Two aggregates are loaded: a worker's
timesheet (histories as long as the scale says) and a labour agreement (histories up to
``AGREEMENT_MAX`` events, written through the command path: shifts recorded and confirmed, each
month settled and paid).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

from eventsourcing.domain import Aggregate

from benchmarks import park
from benchmarks.agreement_history import write_agreement
from benchmarks.measure import Timer, median
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import LABOUR_LAW, DayType, FirmId, Minutes, ShareMarket
from sharemarket.application.labour.slice import SLICE
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.timesheet import WorkerTimesheet, home_entry, timesheet_id

TARGET_RATIO = 2.0
#: Loads are short: each is repeated this many times at least (a fresh market each time).
MIN_LOADS = 15
SAVE_EVERY = 1_000
WEEK = tuple(date(2026, 3, 2) + timedelta(days=i) for i in range(5))
#: An agreement's history is written command by command: histories longer than this are left out.
AGREEMENT_MAX = 2_000


def snapshot_interval(cls: type[Aggregate] = WorkerTimesheet) -> int:
    """The aggregate's snapshot interval, as the labour slice declares it."""
    interval = SLICE.aggregates[cls]
    if not interval:
        raise RuntimeError(f"the labour slice takes no snapshots of a {cls.__name__}")
    return interval


@dataclass(frozen=True)
class Subject:
    """An aggregate loaded cold: its histories, by length, and how its figures are named."""

    cls: type[Aggregate]
    what: str  # how the figures name one
    key: str  # the figures' key prefix after "loading.sqlite."
    interval: int
    ids: dict[int, UUID]
    written: str  # how its histories were written, for the figures' "counts"


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


def replayed(market: ShareMarket, aggregate_id: UUID, events: int) -> int:
    """Events a load replays after the aggregate's last snapshot (all of them without one)."""
    assert market._app.snapshots is not None
    last = list(market._app.snapshots.get(aggregate_id, desc=True, limit=1))
    return events - (last[0].originator_version if last else 0)


def cold_load(
    path: Path, cls: type[Aggregate], aggregate_id: UUID, events: int
) -> tuple[float, float]:
    """Seconds to load the aggregate in a market just opened (nothing warm, nothing cached),
    elapsed and on this thread's CPU (SQLite reads in the calling thread, so it counts them)."""
    market = ShareMarket.sqlite(path)
    try:
        market._app.recorder.max_notification_id()  # open the connection: not part of the load
        cpu = time.thread_time()
        with Timer() as t:
            # As a command loads it (labour's access.timesheet, access.agreement): the stored
            # aggregate, from its last snapshot. Queries of the history replay all of it.
            loaded = market._uow.loader.find(cls, aggregate_id)
        cpu = time.thread_time() - cpu
    finally:
        market.close()
    if loaded is None or loaded.version != events:
        raise RuntimeError(f"loaded {loaded!r}, expected a {cls.__name__} at version {events}")
    return t.seconds, cpu


def subjects(sizes: Sizes, path: Path) -> tuple[list[Subject], dict[str, dict[int, int]]]:
    """Write every history of both aggregates into one SQLite file; with the events each
    history's load replays after its last snapshot."""
    sheet_interval = snapshot_interval(WorkerTimesheet)
    agreement_interval = snapshot_interval(LabourAgreement)
    sheets = histories(sizes, sheet_interval)
    agreements = [n for n in histories(sizes, agreement_interval) if n <= AGREEMENT_MAX]
    market = ShareMarket.sqlite(path)
    try:
        for events in sheets:
            write_history(market, f"history-{events}", events, sheet_interval)
        park.establish(market)
        made = [
            Subject(
                WorkerTimesheet,
                "WorkerTimesheet",
                "",
                sheet_interval,
                {n: timesheet_id(FirmId(park.LENDER), f"history-{n}") for n in sheets},
                "the home firm re-declaring one week, so the state stays small",
            ),
            Subject(
                LabourAgreement,
                "LabourAgreement",
                "agreement.",
                agreement_interval,
                {n: write_agreement(market, n, f"load{n}", agreement_interval) for n in agreements},
                "ten workers' shifts recorded and confirmed every workday, each month settled "
                "and paid, through the command path",
            ),
        ]
        replays = {s.key: {n: replayed(market, i, n) for n, i in s.ids.items()} for s in made}
    finally:
        market.close()
    return [s for s in made if s.ids], replays


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    made, replays = subjects(sizes, workdir / "loading.sqlite")
    loads = max(sizes.repeats, MIN_LOADS)
    samples: dict[tuple[str, int], list[float]] = {(s.key, n): [] for s in made for n in s.ids}
    cpu: dict[tuple[str, int], list[float]] = {(s.key, n): [] for s in made for n in s.ids}
    for _ in range(loads):  # interleaved, so drift on the machine hits every size alike
        for subject in made:
            for events, aggregate_id in subject.ids.items():
                elapsed, on_cpu = cold_load(
                    workdir / "loading.sqlite", subject.cls, aggregate_id, events
                )
                samples[subject.key, events].append(elapsed * 1000)
                cpu[subject.key, events].append(on_cpu * 1000)
    figures: list[Figure] = []
    for subject in made:
        figures += subject_figures(subject, replays[subject.key], samples, cpu)
    return figures


def subject_figures(
    subject: Subject,
    replays: dict[int, int],
    samples: dict[tuple[str, int], list[float]],
    cpu: dict[tuple[str, int], list[float]],
) -> list[Figure]:
    interval, key = subject.interval, subject.key
    lengths = sorted(subject.ids)
    shortest = lengths[0]
    base, cpu_base = median(samples[key, shortest]), median(cpu[key, shortest])
    name = "" if not key else f"{subject.what}, "
    made = []
    for events in lengths:
        value = median(samples[key, events])
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
                key=f"loading.sqlite.{key}{events}",
                label=f"5 cold load, {name}{events:,} events ({replays[events]:,} replayed)",
                value=value,
                unit="ms",
                counts=(
                    f"load a {subject.what} with {events:,} events of history ({subject.written}) "
                    "through the market's loader, as a command loads it, in a market just opened "
                    f"on the SQLite file (no warm copy): {loaded}"
                    + (" (the worst case: the interval minus one)" if judged else "")
                ),
                baseline=None if events == shortest else base,
                baseline_label="" if events == shortest else f"the {shortest}-event load",
                target=f"<= {TARGET_RATIO:.0f}x baseline" if judged else "",
                passed=(value / base <= TARGET_RATIO) if judged else None,
                samples=samples[key, events],
            )
        )
        if judged:
            made.append(
                Figure(
                    key=f"loading.sqlite.{key}{events}.cpu",
                    label=f"5 cold load, {name}{events:,} events, CPU time",
                    value=median(cpu[key, events]),
                    unit="ms",
                    counts=(
                        f"the same loads of {events:,} events, timed on the loading thread's "
                        "CPU clock (time.thread_time): for reference on a shared machine, where "
                        "a longer load is more often preempted by other processes"
                    ),
                    baseline=cpu_base,
                    baseline_label=f"the {shortest}-event load's CPU time",
                    samples=cpu[key, events],
                )
            )
    return made
