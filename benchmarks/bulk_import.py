"""Item 2: bulk import through market.batch(), in commands per second, against bare
eventsourcing's batched save of as many commands (issue 20: events/s rewards writing extra rows).
"""

from __future__ import annotations

import time
from itertools import islice
from pathlib import Path

from benchmarks import bare, park
from benchmarks.counting import count_events
from benchmarks.measure import Timer, median, rates
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket

TARGET_RATIO = 0.7


def interleaved_import(
    market: ShareMarket, app: bare.BareApplication, sizes: Sizes
) -> dict[str, float]:
    """Commands per second of a ``market.batch()`` import and of bare eventsourcing's batched
    save, timed in turns, batch by batch.

    ShareMarket records and confirms ``sizes.bulk_shifts`` shifts in ``market.batch()`` blocks of
    ``sizes.batch_shifts`` shifts. After each block bare eventsourcing runs as many commands:
    one ``increment`` (one event) on one of ``agreements x workers`` minimal aggregates kept in
    memory, taken in turn, all the block's aggregates saved in one ``app.save()``. Taking turns
    every batch puts a burst of load from elsewhere on the machine on both sides alike. Both are
    closed.
    """
    try:
        park.establish(market)
        agreements = park.open_agreements(market, sizes.agreements, sizes.workers)
        plans = list(islice(park.shift_plan(agreements), sizes.bulk_shifts))
        counters = [bare.Counter() for _ in range(sizes.agreements * sizes.workers)]
        app.save(*counters)
        before = count_events(market)
        ours = theirs = ours_cpu = theirs_cpu = 0.0
        done = 0
        for start in range(0, len(plans), sizes.batch_shifts):
            batch = plans[start : start + sizes.batch_shifts]
            cpu = time.process_time()
            with Timer() as t, market.batch():
                for plan in batch:
                    park.record_and_confirm(market, plan)
            ours += t.seconds
            ours_cpu += time.process_time() - cpu
            cpu = time.process_time()
            with Timer() as t:
                changed = {}
                for _ in range(2 * len(batch)):
                    counter = counters[done % len(counters)]
                    counter.increment(by=1)
                    changed[counter.id] = counter
                    done += 1
                app.save(*changed.values())
            theirs += t.seconds
            theirs_cpu += time.process_time() - cpu
        events = count_events(market) - before
    finally:
        market.close()
        app.close()
    commands = 2 * len(plans)
    return {
        "sharemarket": commands / ours,
        "bare": done / theirs,
        "sharemarket_cpu": commands / ours_cpu,
        "bare_cpu": done / theirs_cpu,
        "events": events / ours,
        "events_per_command": events / commands,
    }


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    def repetition(rep: int) -> dict[str, float]:
        folder = workdir / f"bulk-import-{rep}"
        folder.mkdir()
        on_sqlite = interleaved_import(
            ShareMarket.sqlite(folder / "market.sqlite"),
            bare.sqlite_app(str(folder / "bare.sqlite")),
            sizes,
        )
        # The same import on ShareMarket's in-memory store (its Python, no store), against bare
        # eventsourcing's batched save on SQLite again: no SQLite store could beat it.
        in_memory = interleaved_import(
            ShareMarket.in_memory(), bare.sqlite_app(str(folder / "bare-again.sqlite")), sizes
        )
        return {
            **on_sqlite,
            "sharemarket_memory": in_memory["sharemarket"],
            "bare_again": in_memory["bare"],
        }

    samples = rates(sizes.repeats, repetition)
    ours, floor = median(samples["sharemarket"]), median(samples["bare"])
    per_batch = 2 * sizes.batch_shifts
    return [
        Figure(
            key="bulk_import.sqlite.commands",
            label="2 bulk import, sqlite: market.batch()",
            value=ours,
            unit="commands/s",
            counts=(
                f"{sizes.bulk_shifts} shifts recorded and confirmed inside market.batch() blocks "
                f"of {sizes.batch_shifts} shifts ({per_batch} commands, one transaction per "
                "block; record_shift saves agreement + timesheet events, confirm_shift the "
                "agreement's, each with its receipt's row) on a fresh SQLite file, "
                f"{sizes.agreements} agreements x {sizes.workers} workers; "
                "commands/s = 2 x shifts / seconds in the blocks, "
                "taking turns with the baseline after every block"
            ),
            baseline=floor,
            baseline_label=(
                "bare eventsourcing's batched save of as many commands, same run: a bare "
                "command is one `increment` (one event) on one of "
                f"{sizes.agreements * sizes.workers} minimal Aggregates kept in memory, taken in "
                f"turn; {per_batch} commands per app.save() (one transaction), on its own fresh "
                "SQLite file"
            ),
            target=f">= {TARGET_RATIO}x baseline",
            passed=ours / floor >= TARGET_RATIO,
            samples=samples["sharemarket"],
        ),
        Figure(
            key="bulk_import.sqlite.bare",
            label="2 bulk import, sqlite: bare eventsourcing",
            value=floor,
            unit="commands/s",
            counts=(
                f"the baseline above: {2 * sizes.bulk_shifts} bare commands (one event each, so "
                f"also events/s), saved {per_batch} per app.save(), timed in turns with "
                "ShareMarket's blocks"
            ),
            samples=samples["bare"],
        ),
        Figure(
            key="bulk_import.sqlite.commands_cpu",
            label="2 bulk import, sqlite: market.batch(), CPU clock",
            value=median(samples["sharemarket_cpu"]),
            unit="commands/s",
            counts=(
                "reference only, not judged: the same blocks timed on this process's CPU clock "
                "(time.process_time: SQLite runs in the process, waits for the disk and for "
                "other processes on the machine's cores do not count), so that a loaded "
                "machine does not move the ratio"
            ),
            baseline=median(samples["bare_cpu"]),
            baseline_label="bare eventsourcing's batched save, same blocks, on the CPU clock",
            samples=samples["sharemarket_cpu"],
        ),
        Figure(
            key="bulk_import.memory.commands",
            label="2 bulk import, in memory: market.batch()",
            value=median(samples["sharemarket_memory"]),
            unit="commands/s",
            counts=(
                "the same import on ShareMarket's in-memory store: its Python alone, no store. "
                "Its ratio is the best a store could give the import above (0.7x needs the "
                "Python of a command cut to 0.7 / this ratio of what it is)"
            ),
            baseline=median(samples["bare_again"]),
            baseline_label=(
                "bare eventsourcing's batched save on SQLite as above, again, in turns with it"
            ),
            samples=samples["sharemarket_memory"],
        ),
        Figure(
            key="bulk_import.sqlite.events",
            label="2 bulk import, sqlite: events (reference)",
            value=median(samples["events"]),
            unit="events/s",
            counts=(
                "reference only, not judged: the same import counted in stored events "
                "(agreement and timesheet events; receipts' rows and snapshots are not), "
                f"{median(samples['events_per_command']):.2f} events per command"
            ),
            samples=samples["events"],
        ),
    ]
