"""Item 1b: concurrent callers, 8 threads of one process, against bare eventsourcing's threads."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from benchmarks import bare, park
from benchmarks.measure import Timer, median, rates
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket

THREADS = 8
TARGET_RATIO = 1.5
#: Shifts each thread runs in a turn before the other side takes its turn.
TURN_SHIFTS = 3


class Crew:
    """``THREADS`` threads that run ``work(thread)`` together, turn after turn, until closed.

    The threads live as long as the crew, so that a turn times the work and not the starting
    of threads; a turn starts when every thread is at the barrier and ends when all are done.
    """

    def __init__(self, work: Callable[[int], None]) -> None:
        self.work = work
        self.start = threading.Barrier(THREADS + 1)
        self.end = threading.Barrier(THREADS + 1)
        self.closing = False
        self.errors: list[BaseException] = []
        self.threads = [
            threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(THREADS)
        ]
        for thread in self.threads:
            thread.start()

    def _run(self, i: int) -> None:
        while True:
            self.start.wait()
            if self.closing:
                return
            try:
                self.work(i)
            except BaseException as exc:  # reported by turn()
                self.errors.append(exc)
            self.end.wait()

    def turn(self) -> float:
        """Seconds for one turn of every thread."""
        with Timer() as t:
            self.start.wait()
            self.end.wait()
        if self.errors:
            raise self.errors[0]
        return t.seconds

    def close(self) -> None:
        self.closing = True
        self.start.wait()
        for thread in self.threads:
            thread.join()


def interleaved(market: ShareMarket, app: bare.BareApplication, sizes: Sizes) -> dict[str, float]:
    """Commands per second of 8 threads on one ShareMarket and 8 on bare eventsourcing.

    Each ShareMarket thread records and confirms shifts of its own worker on its own agreement;
    each bare thread saves one event of its own minimal aggregate per command, one save each.
    They take turns every ``TURN_SHIFTS`` shifts a thread, after one untimed turn each.
    """
    recorder: Any = market._app.recorder
    transactions = [0]
    insert_events = recorder.insert_events

    def counted(*args: Any, **kwargs: Any) -> Any:
        transactions[0] += 1
        return insert_events(*args, **kwargs)

    try:
        park.establish(market)
        agreements = park.open_agreements(market, THREADS, 1)
        per_thread = max(TURN_SHIFTS, sizes.command_shifts // THREADS)
        turns = per_thread // TURN_SHIFTS + 1  # the first is untimed
        plans = [list(islice(park.shift_plan([a]), turns * TURN_SHIFTS)) for a in agreements]
        counters = [bare.Counter() for _ in range(THREADS)]
        app.save(*counters)
        turn = [0]

        def ours(i: int) -> None:
            start = turn[0] * TURN_SHIFTS
            for plan in plans[i][start : start + TURN_SHIFTS]:
                park.record_and_confirm(market, plan)

        def theirs(i: int) -> None:
            counter = counters[i]
            for _ in range(2 * TURN_SHIFTS):
                counter.increment(by=1)
                app.save(counter)

        our_crew, their_crew = Crew(ours), Crew(theirs)
        try:
            our_seconds = their_seconds = our_cpu = 0.0
            for turn[0] in range(turns):
                if turn[0] == 1:
                    recorder.insert_events = counted
                cpu = time.process_time()  # every thread's: the other crew waits meanwhile
                ours_took = our_crew.turn()
                ours_cpu = time.process_time() - cpu
                theirs_took = their_crew.turn()
                if turn[0]:
                    our_seconds += ours_took
                    our_cpu += ours_cpu
                    their_seconds += theirs_took
        finally:
            our_crew.close()
            their_crew.close()
    finally:
        market.close()
        app.close()
    commands = 2 * THREADS * TURN_SHIFTS * (turns - 1)
    return {
        "sharemarket": commands / our_seconds,
        "bare": commands / their_seconds,
        "commands_per_transaction": commands / transactions[0],
        "cores_busy": our_cpu / our_seconds,
        "cpu_us": our_cpu / commands * 1e6,
    }


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    def repetition(rep: int) -> dict[str, float]:
        folder = workdir / f"concurrent-{rep}"
        folder.mkdir()
        return interleaved(
            ShareMarket.sqlite(folder / "market.sqlite"),
            bare.sqlite_app(str(folder / "bare.sqlite")),
            sizes,
        )

    samples = rates(sizes.repeats, repetition)
    ours, floor = median(samples["sharemarket"]), median(samples["bare"])
    return [
        Figure(
            key="concurrent.sqlite.sharemarket",
            label=f"1b {THREADS} concurrent callers, sqlite: ShareMarket",
            value=ours,
            unit="commands/s",
            counts=(
                f"{THREADS} threads of one process sharing one ShareMarket on SQLite (group "
                "commit), each recording and confirming shifts of its own worker on its own "
                f"agreement (2 commands a shift), {TURN_SHIFTS} shifts a thread per turn, "
                "taking turns with the baseline after one untimed turn each; "
                "commands/s = commands of all threads / seconds of their turns"
            ),
            baseline=floor,
            baseline_label=(
                f"bare eventsourcing in the same run on SQLite, {THREADS} threads sharing one "
                "application, each saving one event of its own minimal aggregate per command, "
                "one save (transaction) per command, as many commands in the same turns"
            ),
            target=f">= {TARGET_RATIO}x baseline",
            passed=ours / floor >= TARGET_RATIO,
            samples=samples["sharemarket"],
        ),
        Figure(
            key="concurrent.sqlite.bare",
            label=f"1b {THREADS} concurrent callers, sqlite: bare eventsourcing",
            value=floor,
            unit="commands/s",
            counts="the baseline above",
            samples=samples["bare"],
        ),
        Figure(
            key="concurrent.sqlite.commands_per_transaction",
            label=f"1b {THREADS} concurrent callers, sqlite: commands per transaction",
            value=median(samples["commands_per_transaction"]),
            unit="commands",
            counts=(
                "ShareMarket's timed commands divided by the transactions its event store "
                "began for them (group commit records the commands of waiting threads together)"
            ),
            samples=samples["commands_per_transaction"],
        ),
        Figure(
            key="concurrent.sqlite.cores_busy",
            label=f"1b {THREADS} concurrent callers, sqlite: CPU busy",
            value=median(samples["cores_busy"]),
            unit="cores",
            counts=(
                "the process's CPU time (all its threads, in Python and in SQLite) over the "
                "wall time of ShareMarket's turns, of the machine's "
                f"{os.cpu_count()} cores: the threads share one interpreter lock, so about 1 "
                "means the turns are bound by Python run one thread at a time, not by the "
                "store's flushes"
            ),
            samples=samples["cores_busy"],
        ),
        Figure(
            key="concurrent.sqlite.cpu_per_command",
            label=f"1b {THREADS} concurrent callers, sqlite: CPU a command",
            value=median(samples["cpu_us"]),
            unit="us",
            counts=(
                "the same CPU time divided by the commands of the turns: bound by one core, "
                "the callers cannot exceed 1e6 / this many commands a second"
            ),
            samples=samples["cpu_us"],
        ),
    ]
