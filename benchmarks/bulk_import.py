"""Item 2: bulk import through market.batch(), against bare eventsourcing's batched save."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from benchmarks import bare, park
from benchmarks.measure import Timer, median, rates
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket

TARGET_EVENTS_PER_S = 40_000
#: The ratio to bare eventsourcing the issue's figures imply: 40,000 of "about 60,000".
IMPLIED_RATIO = 40_000 / 60_000
BARE_SAVES = 4


def count_events(market: ShareMarket) -> int:
    return market._app.recorder.max_notification_id() or 0


def sharemarket_import(path: Path, sizes: Sizes) -> dict[str, float]:
    market = ShareMarket.sqlite(path)
    try:
        park.establish(market)
        agreements = park.open_agreements(market, sizes.agreements, sizes.workers)
        plans = list(islice(park.shift_plan(agreements), sizes.bulk_shifts))
        batches = [
            plans[i : i + sizes.batch_shifts] for i in range(0, len(plans), sizes.batch_shifts)
        ]
        before = count_events(market)
        with Timer() as t:
            for batch in batches:
                with market.batch():
                    for plan in batch:
                        park.record_and_confirm(market, plan)
        events = count_events(market) - before
    finally:
        market.close()
    return {"events": events / t.seconds, "commands": 2 * len(plans) / t.seconds}


def bare_import(path: Path, events_per_save: int) -> dict[str, float]:
    """Saves of many new minimal aggregates (created + one event each), and of one aggregate."""
    app = bare.sqlite_app(str(path))
    try:
        written = 0
        with Timer() as many:
            for _ in range(BARE_SAVES):
                counters = [bare.Counter() for _ in range(events_per_save // 2)]
                for counter in counters:
                    counter.increment(by=1)
                app.save(*counters)
                written += 2 * len(counters)
        one_written = 0
        with Timer() as one:
            for _ in range(BARE_SAVES):
                counter = bare.Counter()
                for _ in range(events_per_save - 1):
                    counter.increment(by=1)
                app.save(counter)
                one_written += events_per_save
    finally:
        app.close()
    return {"bare_many": written / many.seconds, "bare_one": one_written / one.seconds}


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    def repetition(rep: int) -> dict[str, float]:
        folder = workdir / f"bulk-import-{rep}"
        folder.mkdir()
        return {
            **sharemarket_import(folder / "market.sqlite", sizes),
            **bare_import(folder / "bare.sqlite", sizes.bare_batch_events),
        }

    samples = rates(sizes.repeats, repetition)
    events, bare_many = median(samples["events"]), median(samples["bare_many"])
    return [
        Figure(
            key="bulk_import.sqlite.events",
            label="2 bulk import, sqlite: market.batch()",
            value=events,
            unit="events/s",
            counts=(
                f"{sizes.bulk_shifts} shifts recorded and confirmed inside market.batch() blocks "
                f"of {sizes.batch_shifts} shifts ({2 * sizes.batch_shifts} commands, one "
                "transaction each) on a fresh SQLite file; every stored event is counted "
                "(agreement, timesheet and request-receipt events; snapshots are not)"
            ),
            baseline=bare_many,
            baseline_label=(
                f"bare eventsourcing batched save ({sizes.bare_batch_events} events per save, "
                "over new minimal aggregates: created + one event each)"
            ),
            target=f">= {TARGET_EVENTS_PER_S:,} events/s",
            passed=events >= TARGET_EVENTS_PER_S,
            samples=samples["events"],
        ),
        Figure(
            key="bulk_import.sqlite.events_vs_bare",
            label="2 bulk import, sqlite: vs bare batched",
            value=events,
            unit="events/s",
            counts=(
                "the same figure judged as a ratio: the issue's 40,000 of 'about 60,000' bare "
                "events/s is 0.67x; the bare rate measured here is the baseline"
            ),
            baseline=bare_many,
            target=f">= {IMPLIED_RATIO:.2f}x baseline (implied)",
            passed=events / bare_many >= IMPLIED_RATIO,
            samples=samples["events"],
        ),
        Figure(
            key="bulk_import.sqlite.commands",
            label="2 bulk import, sqlite: commands",
            value=median(samples["commands"]),
            unit="commands/s",
            counts="the same import counted in commands (record + confirm = 2 per shift)",
            samples=samples["commands"],
        ),
        Figure(
            key="bulk_import.sqlite.bare_many",
            label="2 bare eventsourcing batched save",
            value=bare_many,
            unit="events/s",
            counts=(
                f"bare eventsourcing: {BARE_SAVES} saves of {sizes.bare_batch_events // 2} new "
                "minimal aggregates with one event each (2 stored events per aggregate)"
            ),
            samples=samples["bare_many"],
        ),
        Figure(
            key="bulk_import.sqlite.bare_one",
            label="2 bare eventsourcing, one aggregate",
            value=median(samples["bare_one"]),
            unit="events/s",
            counts=(
                f"bare eventsourcing's best case: {BARE_SAVES} saves of one minimal aggregate "
                f"with {sizes.bare_batch_events} events"
            ),
            samples=samples["bare_one"],
        ),
    ]
