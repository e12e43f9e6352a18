"""Item 1: the command path, one command per transaction, against bare eventsourcing and sqlite3."""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from pathlib import Path

from benchmarks import bare, park
from benchmarks.measure import Timer, median, rates
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket

TARGET_RATIO = 0.7
#: Minimal aggregates the bare baseline spreads its commands over (kept in memory).
BARE_AGGREGATES = 100


def sharemarket_rate(open_market: Callable[[], ShareMarket], sizes: Sizes) -> float:
    """Commands per second: record + confirm of ``sizes.command_shifts`` shifts, one by one."""
    market = open_market()
    try:
        park.establish(market)
        agreements = park.open_agreements(market, sizes.agreements, sizes.workers)
        plans = list(islice(park.shift_plan(agreements), sizes.command_shifts))
        with Timer() as t:
            for plan in plans:
                park.record_and_confirm(market, plan)
    finally:
        market.close()
    return 2 * len(plans) / t.seconds


def bare_rate(app: bare.BareApplication, commands: int) -> float:
    """Commands per second: one event on one minimal aggregate, one save, per command."""
    try:
        counters = [bare.Counter() for _ in range(BARE_AGGREGATES)]
        app.save(*counters)
        with Timer() as t:
            for i in range(commands):
                counter = counters[i % BARE_AGGREGATES]
                counter.increment(by=1)
                app.save(counter)
    finally:
        app.close()
    return commands / t.seconds


def raw_rows(commands: int) -> list[tuple[str, int, str, bytes]]:
    """The rows the bare baseline writes, made beforehand (so only the inserts are timed)."""
    mapper = bare.BareApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    counters = [bare.Counter() for _ in range(BARE_AGGREGATES)]
    rows = []
    for i in range(commands):
        counter = counters[i % BARE_AGGREGATES]
        counter.increment(by=1)
        (stored,) = (mapper.to_stored_event(e) for e in counter.collect_events()[-1:])
        rows.append(
            (stored.originator_id.hex, stored.originator_version, stored.topic, stored.state)
        )
    return rows


def raw_sqlite_rate(path: Path, rows: list[tuple[str, int, str, bytes]]) -> float:
    """Transactions per second: BEGIN, one INSERT of one event row, COMMIT."""
    connection = bare.raw_sqlite_connection(str(path))
    try:
        statement = "INSERT INTO stored_events VALUES (?, ?, ?, ?)"
        with Timer() as t:
            for row in rows:
                connection.execute("BEGIN")
                connection.execute(statement, row)
                connection.execute("COMMIT")
    finally:
        connection.close()
    return len(rows) / t.seconds


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    commands = 2 * sizes.command_shifts
    rows = raw_rows(commands)

    def repetition(rep: int) -> dict[str, float]:
        folder = workdir / f"command-path-{rep}"
        folder.mkdir()
        return {
            "sharemarket": sharemarket_rate(
                lambda: ShareMarket.sqlite(folder / "market.sqlite"), sizes
            ),
            "bare": bare_rate(bare.sqlite_app(str(folder / "bare.sqlite")), commands),
            "raw": raw_sqlite_rate(folder / "raw.sqlite", rows),
        }

    samples = rates(sizes.repeats, repetition)
    return figures("sqlite", samples, sizes)


def figures(store: str, samples: dict[str, list[float]], sizes: Sizes) -> list[Figure]:
    ours, floor = median(samples["sharemarket"]), median(samples["bare"])
    ratio = ours / floor
    made = [
        Figure(
            key=f"command_path.{store}.sharemarket",
            label=f"1 command path, {store}: ShareMarket",
            value=ours,
            unit="commands/s",
            counts=(
                f"ShareMarket on a fresh {store} store as shipped, one command per transaction: "
                f"{sizes.command_shifts} shifts recorded and confirmed (2 commands each: "
                "record_shift saves agreement + timesheet + receipt, confirm_shift saves "
                f"agreement + receipt), {sizes.agreements} agreements x {sizes.workers} workers, "
                "8h workday shifts (no cap is met); commands/s = 2 x shifts / seconds"
            ),
            baseline=floor,
            baseline_label=(
                "bare eventsourcing in the same run and store kind: one minimal Aggregate "
                "subclass event per command, one save (transaction) per command, "
                f"{BARE_AGGREGATES} aggregates held in memory"
            ),
            target=f">= {TARGET_RATIO}x baseline",
            passed=ratio >= TARGET_RATIO,
            samples=samples["sharemarket"],
        ),
        Figure(
            key=f"command_path.{store}.confirmed_shifts",
            label=f"1 command path, {store}: confirmed shifts",
            value=ours / 2,
            unit="shifts/s",
            counts="the same run counted in confirmed shifts (record + confirm = 2 commands)",
            samples=[s / 2 for s in samples["sharemarket"]],
        ),
        Figure(
            key=f"command_path.{store}.bare",
            label=f"1 command path, {store}: bare eventsourcing",
            value=floor,
            unit="commands/s",
            counts="the baseline above: one minimal-aggregate event and one save per command",
            samples=samples["bare"],
        ),
    ]
    if "raw" in samples:
        raw = median(samples["raw"])
        made[-1].baseline = raw
        made[-1].baseline_label = "raw sqlite3 (next row)"
        made.append(
            Figure(
                key=f"command_path.{store}.raw_sqlite3",
                label=f"1 command path, {store}: raw sqlite3",
                value=raw,
                unit="transactions/s",
                counts=(
                    "raw sqlite3 (WAL, default synchronous=FULL, like eventsourcing) inserting "
                    "the rows the bare baseline writes, one row per BEGIN ... COMMIT: the floor's "
                    "floor, for reference"
                ),
                samples=samples["raw"],
            )
        )
    return made
