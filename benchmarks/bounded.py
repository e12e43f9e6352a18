"""Bounded aggregates (issue 20): does an aggregate's cost grow with its history?

A long agreement gets ``sizes.bounded_shifts`` shifts (recorded, confirmed, settled monthly and
paid) through ``market.batch()``; then shifts of fresh workers are recorded and confirmed one
command at a time, alternately on the long agreement and on a new one, interleaved, and the p99
latency of each command compared. The same file also holds a park of Dehua's size (300 member
firms) that has admitted 2,000 firms over the years (each firm that left replaced by a new one)
and a worker with five years of daily home hours. The file's snapshots are then measured: the
largest and the park's as JSON (what their state holds), and all of them as stored (compressed)
against the events, as the file holds them and as one command a save would have stored them
(``snapshot_share``).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from benchmarks import park, snapshot_share
from benchmarks.measure import Timer
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import LABOUR_LAW, DayType, FirmId, FirmSize, Minutes, ShareMarket
from sharemarket.adapters.sqlite_receipts import RECEIPT_TOPIC
from sharemarket.application.kernel.snapshots import stored_document
from sharemarket.domain.firm_id import check_character
from sharemarket.domain.labour.timesheet import WorkerTimesheet, home_entry
from sharemarket.domain.park.membership import PARK_ID

#: Workers who write the long history, and workers whose shifts are timed (fresh timesheets on
#: both agreements, so that only the agreement's size differs).
HISTORY_WORKERS = 20
TIMED_WORKERS = 20
P99_TARGET = 1.5
SNAPSHOT_MAX = 64 * 1024
#: Dehua's ceramics park: about 300 member firms (../shared/DOMAIN.md).
PARK_FIRMS = 300
#: Firms the park has ever admitted: each that leaves is replaced, so 300 remain.
PARK_ADMITTED = 2_000
#: Departures and admissions per batch while the park turns over.
TURNOVER_BATCH = 100
#: Years of a worker's daily home hours.
YEARS = 5


def credit_code(n: int) -> str:
    """A valid unified social credit code for the ``n``-th benchmark firm."""
    first_17 = f"913505267{n:08d}"
    return first_17 + check_character(first_17)


def admit(market: ShareMarket, n: int) -> None:
    market.park.admit_firm(
        park.ADMIN,
        request_id=f"bench-many-{n}",
        firm=credit_code(n),
        name=f"陶瓷{n}",
        industry="ceramics",
        size=FirmSize.SMALL,
        representatives=[f"rep-{n}"],
    )


def admit_many(market: ShareMarket, firms: int, admitted: int = 0) -> None:
    """Admit firms up to ``firms`` members (the park has two already); then, until ``admitted``
    firms have been admitted in all, the oldest member leaves and a new firm is admitted."""
    with market.batch():
        for n in range(firms - 2):
            admit(market, n)
    new = firms - 2
    while new < admitted - 2:
        with market.batch():
            for _ in range(min(TURNOVER_BATCH, admitted - 2 - new)):
                gone = new - (firms - 2)
                market.park.record_departure(
                    park.ADMIN,
                    request_id=f"bench-leave-{gone}",
                    firm=credit_code(gone),
                    reason="迁出",
                )
                admit(market, new)
                new += 1


def park_snapshot(market: ShareMarket) -> int:
    """Bytes of the park's snapshot at its current version (taken now unless a save took it),
    as JSON: what its state holds, before the store compresses it."""
    app = market._app
    assert app.snapshots is not None
    version: int = app.repository.get(PARK_ID).version
    latest = app.snapshots.recorder.select_events(PARK_ID, desc=True, limit=1)
    if not latest or latest[0].originator_version != version:
        app.take_snapshot(PARK_ID)
        latest = app.snapshots.recorder.select_events(PARK_ID, desc=True, limit=1)
    return len(stored_document(app.snapshots.mapper, latest[0].state))


def write_years(market: ShareMarket, years: int) -> None:
    """A worker's home hours every weekday for ``years`` years, written with the domain and
    the application's own save (which takes the snapshots its policy says): fast."""
    sheet = WorkerTimesheet.open(FirmId(park.LENDER), "years-W1", park.LENDER_REP)
    first = date(2021, 1, 4)
    for n in range(365 * years):
        day = first + timedelta(days=n)
        if day.weekday() >= 5:
            continue
        sheet.book(
            park.LENDER_REP,
            entry=home_entry(day),
            work_date=day,
            minutes=Minutes(480),
            overtime=Minutes(0),
            day_type=DayType.WORKDAY,
            policy=LABOUR_LAW,
        )
        if len(sheet.pending_events) >= 200:
            market._app.save(sheet)
    market._app.save(sheet)


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
        admit_many(market, PARK_FIRMS, PARK_ADMITTED)
        with Timer() as listing:
            listed = len(market.park.members())
        if listed != PARK_ADMITTED:
            raise RuntimeError(f"market.park.members() lists {listed}, not {PARK_ADMITTED}")
        park_bytes = park_snapshot(market)
        write_years(market, YEARS)
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
        mapper = market._app.snapshots.mapper  # type: ignore[union-attr]
    finally:
        market.close()
    with sqlite3.connect(path) as db:
        states = [row[0] for row in db.execute("SELECT state FROM stored_snapshots")]
        (event_bytes,) = db.execute(  # the events', not the receipts' rows (sqlite_receipts)
            "SELECT sum(length(state)) FROM stored_events WHERE topic <> ?", (RECEIPT_TOPIC,)
        ).fetchone()
    # The snapshots' JSON, what their states hold (the 64 kB target bounds the state), and the
    # bytes stored (compressed: application.kernel.snapshots), which the share counts.
    largest = max(len(stored_document(mapper, state)) for state in states)
    largest_stored = max(len(state) for state in states)
    snapshot_bytes = sum(len(state) for state in states)
    each_interval, each_count = snapshot_share.every_interval(path)
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
                f"the largest snapshot in the file, as JSON (stored compressed: "
                f"{largest_stored / 1024:.1f} kB): the {shifts:,}-shift agreement, a park of "
                f"{PARK_FIRMS} firms that has admitted {PARK_ADMITTED:,}, a worker with {YEARS} "
                "years of daily home hours (each aggregate snapshotted at the interval its slice "
                "declares)"
            ),
            target=f"< {SNAPSHOT_MAX // 1024} kB",
            passed=largest < SNAPSHOT_MAX,
        ),
        Figure(
            key="bounded.park_snapshot",
            label=f"park snapshot, {PARK_ADMITTED:,} firms admitted",
            value=park_bytes / 1024,
            unit="kB",
            counts=(
                f"the park's snapshot, as JSON, after admitting {PARK_ADMITTED:,} firms of which "
                f"{PARK_FIRMS} remain (each of the others left, one for each new firm; one "
                "representative each): its current members only, the firms that left in their "
                f"own records (market.park.members() still lists all {PARK_ADMITTED:,}, in "
                f"{listing.seconds * 1000:.0f} ms)"
            ),
            target=f"< {SNAPSHOT_MAX // 1024} kB",
            passed=park_bytes < SNAPSHOT_MAX,
        ),
        Figure(
            key="bounded.snapshot_share",
            label="snapshot bytes / event bytes",
            value=snapshot_bytes / event_bytes,
            unit="x",
            counts=(
                f"all stored snapshot state against all stored event state in that file "
                f"({snapshot_bytes / 1e6:.1f} MB against {event_bytes / 1e6:.1f} MB); its "
                "histories were written in batches (a workday of the agreement, 40 events, in "
                "one), and a save snapshots an aggregate at most once"
            ),
            target="< 0.25",
            passed=snapshot_bytes / event_bytes < 0.25,
        ),
        Figure(
            key="bounded.snapshot_share_each_interval",
            label="snapshot bytes / event bytes, one command a save",
            value=each_interval / event_bytes,
            unit="x",
            counts=(
                "the same file's aggregates replayed and snapshotted at every multiple of their "
                f"intervals, as a market used one command per transaction stores them "
                f"({each_count:,} snapshots, {each_interval / 1e6:.1f} MB, encoded by the "
                "snapshot store's mapper) against the same event bytes"
            ),
            target="< 0.25",
            passed=each_interval / event_bytes < 0.25,
        ),
    ]
