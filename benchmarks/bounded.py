"""Bounded aggregates (issue 20): does an agreement's cost grow with its history?

A long agreement gets ``sizes.bounded_shifts`` shifts (recorded, confirmed, settled monthly and
paid) through ``market.batch()``; then shifts of fresh workers are recorded and confirmed one
command at a time, alternately on the long agreement and on a new one, interleaved, and the p99
latency of each command compared. The file's snapshots are then measured: the largest, and all
of them against the events.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks import park
from benchmarks.measure import Timer
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket

#: Workers who write the long history, and workers whose shifts are timed (fresh timesheets on
#: both agreements, so that only the agreement's size differs).
HISTORY_WORKERS = 20
TIMED_WORKERS = 20
P99_TARGET = 1.5
SNAPSHOT_MAX = 64 * 1024


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def write_long(market: ShareMarket, shifts: int) -> park.Agreement:
    """An agreement whose history workers work every workday until ``shifts`` are recorded,
    each month settled and paid."""
    (long,) = park.open_agreements(market, 1, HISTORY_WORKERS + TIMED_WORKERS, prefix="long")
    history = long.workers[:HISTORY_WORKERS]
    done = 0
    for i, day in enumerate(park.WORKDAYS):
        with market.batch():
            for worker in history:
                key = f"{worker}-{day.isoformat()}"
                park.record_and_confirm(
                    market, park.ShiftPlan(long.agreement_id, worker, day, f"r-{key}", f"c-{key}")
                )
                done += 1
            last_of_month = i + 1 == len(park.WORKDAYS) or park.WORKDAYS[i + 1].month != day.month
            if last_of_month or done >= shifts:
                settle(market, long, day)
        if done >= shifts:
            break
    return long


def settle(market: ShareMarket, agreement: park.Agreement, day: object) -> None:
    from benchmarks.history import settle_month

    settle_month(market, [agreement], day, "long")  # type: ignore[arg-type]


def timed(market: ShareMarket, agreement: park.Agreement, count: int) -> list[float]:
    """Milliseconds of each command of ``count`` shifts of the agreement's timed workers."""
    workers = agreement.workers[-TIMED_WORKERS:]
    samples = []
    for n in range(count):
        worker, day = workers[n % len(workers)], park.WORKDAYS[n // len(workers)]
        key = f"t-{agreement.agreement_id.hex[:6]}-{worker}-{day.isoformat()}"
        with Timer() as t:
            shift = market.labour.record_shift(
                park.BORROWER_REP,
                request_id=f"r-{key}",
                agreement=agreement.agreement_id,
                worker=worker,
                work_date=day,
                minutes=park.SHIFT_MINUTES,
            )
        samples.append(t.seconds * 1000)
        with Timer() as t:
            market.labour.confirm_shift(
                park.LENDER_REP,
                request_id=f"c-{key}",
                agreement=agreement.agreement_id,
                shift=shift,
            )
        samples.append(t.seconds * 1000)
    return samples


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    path = workdir / "bounded.sqlite"
    market = ShareMarket.sqlite(path)
    try:
        park.establish(market)
        long = write_long(market, sizes.bounded_shifts)
        (new,) = park.open_agreements(market, 1, HISTORY_WORKERS + TIMED_WORKERS, prefix="new")
        on_long: list[float] = []
        on_new: list[float] = []
        rounds, each = 4, max(50, sizes.command_shifts // 4)
        for r in range(rounds):  # interleaved, so drift on the machine hits both alike
            first, second = (long, new) if r % 2 else (new, long)
            for agreement in (first, second):
                got = timed(market, agreement, each)
                (on_long if agreement is long else on_new).extend(got)
    finally:
        market.close()
    with sqlite3.connect(path) as db:
        largest, snapshot_bytes = db.execute(
            "SELECT max(length(state)), sum(length(state)) FROM stored_snapshots"
        ).fetchone()
        (event_bytes,) = db.execute("SELECT sum(length(state)) FROM stored_events").fetchone()
    long_p99, new_p99 = p99(on_long), p99(on_new)
    shifts = sizes.bounded_shifts
    return [
        Figure(
            key="bounded.p99",
            label=f"p99 command at {shifts:,} shifts",
            value=long_p99,
            unit="ms",
            counts=(
                f"p99 of record_shift and confirm_shift, one command per transaction on SQLite, "
                f"on an agreement with {shifts:,} shifts (settled and paid monthly), interleaved "
                "with the same commands on a new agreement (fresh workers on both)"
            ),
            baseline=new_p99,
            baseline_label="the same commands on a new agreement",
            target=f"<= {P99_TARGET}x baseline",
            passed=long_p99 / new_p99 <= P99_TARGET,
            samples=on_long,
        ),
        Figure(
            key="bounded.largest_snapshot",
            label="largest snapshot",
            value=largest / 1024,
            unit="kB",
            counts=(
                f"the largest snapshot in the file of the {shifts:,}-shift agreement (snapshots "
                "every 100 events of agreements and timesheets; the park's too)"
            ),
            target=f"< {SNAPSHOT_MAX // 1024} kB",
            passed=largest < SNAPSHOT_MAX,
        ),
        Figure(
            key="bounded.snapshot_share",
            label="snapshot bytes / event bytes",
            value=snapshot_bytes / event_bytes,
            unit="x",
            counts=(
                f"all stored snapshot state against all stored event state in that file "
                f"({snapshot_bytes / 1e6:.1f} MB against {event_bytes / 1e6:.1f} MB)"
            ),
            target="< 0.25",
            passed=snapshot_bytes / event_bytes < 0.25,
        ),
    ]
