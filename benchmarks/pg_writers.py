"""Item 7: commands/s of 1, 2 and 4 writer processes on one PostgreSQL store, beside bare
eventsourcing's writers, and where the writers wait.

Each run starts its writer processes (spawned: fresh interpreters), lets each open its store
and make what it needs beforehand, then starts them together and times from the common start to
the last finish. Three kinds of run take turns for each number of writers:

- ``sharemarket``: each process its own ``ShareMarket.postgres`` and its own agreement and
  workers, so that no two commands conflict;
- ``shared``: as above, but all processes record shifts (of distinct workers) on one agreement,
  so that they conflict on it and retry;
- ``bare``: each process its own bare eventsourcing application saving one event of a minimal
  aggregate per save (transaction), on aggregates of its own.

While the writers run, ``pg_waits.Sampler`` counts what their server processes are doing.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from itertools import islice
from multiprocessing.synchronize import Event
from typing import Any

from benchmarks import bare, park
from benchmarks.measure import Timer
from benchmarks.pg_scaling import WRITERS
from benchmarks.pg_waits import Sampler
from sharemarket import ConcurrentUpdate, ShareMarket

KINDS = ("sharemarket", "shared", "bare")


def _serve(index: int, tasks: Any, go: Event, out: Any, opening: Any) -> None:
    """A writer process: runs the tasks it is given (``None`` ends it), reporting
    ("ready"|"done"|"failed", index, value) on ``out`` for each."""
    while (task := tasks.get()) is not None:
        kind, dsn, schema, shifts = task
        try:
            if kind == "bare":
                _write_bare(dsn, schema, index, shifts, go, out, opening)
            else:
                _write_market(kind, dsn, schema, index, shifts, go, out, opening)
        except BaseException:
            out.put(("failed", index, traceback.format_exc()))


def _write_market(
    kind: str, dsn: str, schema: str, index: int, shifts: int, go: Event, out: Any, opening: Any
) -> None:
    # One at a time: markets opened at the same moment on one schema race to create its
    # tables ("tuple concurrently updated"). Opening is not what is measured.
    with opening:
        market = ShareMarket.postgres(dsn, schema=schema)
    try:
        workers = tuple(f"w{index}-{w}" for w in range(max(1, min(25, shifts))))
        if kind == "shared":
            agreement_id = market.labour.agreements()[0]
            with opening:  # one at a time (untimed); others may be warming up meanwhile
                while True:
                    try:
                        market.labour.add_workers(
                            park.LENDER_REP,
                            request_id=f"bench-w{index}-workers",
                            agreement=agreement_id,
                            workers=workers,
                        )
                        break
                    except ConcurrentUpdate:  # the same request id again
                        continue
            agreements = [park.Agreement(agreement_id, workers)]
        else:
            agreements = park.open_agreements(market, 1, len(workers), prefix=f"w{index}-")
        # The first day's shifts open each worker's timesheet: recorded before the start, so
        # that the run is timed in use, as the bare writers' aggregates exist before theirs.
        plans = list(
            islice(park.shift_plan(agreements, prefix=f"w{index}-"), len(workers) + shifts)
        )
        for plan in plans[: len(workers)]:
            _record(market, plan)
        plans = plans[len(workers) :]
        market._app.recorder.max_notification_id()  # connections open before the start
        out.put(("ready", index, 0.0))
        go.wait()
        lost = 0
        started = time.perf_counter()
        for plan in plans:
            lost += _record(market, plan)
        out.put(("done", index, (time.perf_counter() - started, lost)))
    finally:
        market.close()


def _record(market: ShareMarket, plan: park.ShiftPlan) -> int:
    """Record and confirm one shift; how many times it lost 8 races in a row first."""
    lost = 0
    while True:
        try:
            park.record_and_confirm(market, plan)
            return lost
        except ConcurrentUpdate:  # the same request ids again
            lost += 1


def _write_bare(
    dsn: str, schema: str, index: int, shifts: int, go: Event, out: Any, opening: Any
) -> None:
    from sharemarket.application.stores import postgres_env

    with opening:
        app = bare.postgres_app(postgres_env(dsn, schema=schema))
    try:
        counters = [bare.Counter() for _ in range(100)]
        app.save(*counters)
        out.put(("ready", index, 0.0))
        go.wait()
        started = time.perf_counter()
        for done in range(2 * shifts):
            counter = counters[done % len(counters)]
            counter.increment(by=1)
            app.save(counter)
        out.put(("done", index, (time.perf_counter() - started, 0)))
    finally:
        app.close()


class Writers:
    """``max(WRITERS)`` writer processes, started once (each import takes seconds on a busy
    machine) and given one run at a time; ``close()`` ends them."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        context = multiprocessing.get_context("spawn")
        self.go, self.out, self.opening = context.Event(), context.Queue(), context.Lock()
        self.tasks = [context.Queue() for _ in range(max(WRITERS))]
        self.processes = [
            context.Process(target=_serve, args=(i, q, self.go, self.out, self.opening))
            for i, q in enumerate(self.tasks)
        ]
        for p in self.processes:
            p.start()

    def close(self) -> None:
        for q in self.tasks:
            q.put(None)
        for p in self.processes:
            p.join(timeout=60)
            if p.exitcode is None:
                p.terminate()

    def run(self, kind: str, schema: str, writers: int, shifts: int) -> dict[str, Any]:
        """``writers`` processes of ``kind`` writing ``2 * shifts`` commands each at once, in
        ``schema``: commands/s (all commands / wall time from the common start to the last
        finish), the commands that lost 8 races in a row, and the sampled server states."""
        if kind != "bare":
            setup = ShareMarket.postgres(self.dsn, schema=schema)
            try:
                park.establish(setup)
                if kind == "shared":
                    park.open_agreements(setup, 1, 1, prefix="shared")
            finally:
                setup.close()
        self.go.clear()
        for q in self.tasks[:writers]:
            q.put((kind, self.dsn, schema, shifts))
        self._wait(kind, writers, "ready", timeout=300)
        with Sampler(self.dsn) as sampler, Timer() as wall:
            self.go.set()
            lost = sum(v[1] for v in self._wait(kind, writers, "done", timeout=600))
        return {
            "rate": writers * 2 * shifts / wall.seconds,
            "lost": lost,
            "states": sampler.shares(),
        }

    def _wait(self, kind: str, writers: int, word: str, *, timeout: float) -> list[Any]:
        said = [self.out.get(timeout=timeout) for _ in range(writers)]
        for what, index, value in said:
            if what != word:
                self.go.set()  # the others may wait for it
                raise RuntimeError(f"{kind} writer {index} {what}:\n{value}")
        return [value for _, _, value in said]
