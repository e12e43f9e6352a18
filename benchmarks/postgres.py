"""Item 7: PostgreSQL: the command path, the catch-up, and commands/s from 1, 2 and 4 writers.

Everything happens in fresh schemas (one per store) that are dropped at the end.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from benchmarks import bare, command_path, history, park
from benchmarks.measure import Timer, median, rates
from benchmarks.projections import CATCH_UP_RATIO, read_and_decode
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket
from sharemarket.application.projections.runner import BATCH_SIZE
from sharemarket.application.stores import postgres_env
from sharemarket.park_views import ParkViews

WRITERS = (1, 2, 4)


class Schemas:
    """Fresh schemas in the server named by ``dsn``, all dropped by :meth:`drop_all`."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.made: list[str] = []
        self.run_id = uuid.uuid4().hex[:8]

    def fresh(self, purpose: str) -> str:
        import psycopg

        name = f"bench_{self.run_id}_{purpose}"
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        self.made.append(name)
        return name

    def drop_all(self) -> None:
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            for name in self.made:
                conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        self.made.clear()


@contextmanager
def schemas(dsn: str) -> Iterator[Schemas]:
    made = Schemas(dsn)
    try:
        yield made
    finally:
        made.drop_all()


def server_version(dsn: str | None, chosen: list[str]) -> dict[str, str]:
    if not dsn or "postgres" not in chosen:
        return {}
    try:
        import psycopg

        with psycopg.connect(dsn, connect_timeout=5) as conn:
            row = conn.execute("SHOW server_version").fetchone()
    except Exception as exc:
        return {"postgres": f"unknown ({type(exc).__name__})"}
    return {"postgres": str(row[0]) if row else "unknown"}


def run(sizes: Sizes, workdir: Path, dsn: str) -> list[Figure]:
    with schemas(dsn) as made:
        figures = command_path_figures(sizes, dsn, made)
        figures += catch_up_figures(sizes, dsn, made)
        figures += writer_figures(sizes, dsn, made)
    return figures


def command_path_figures(sizes: Sizes, dsn: str, made: Schemas) -> list[Figure]:
    pg_sizes = sizes.with_counts(command_shifts=sizes.pg_shifts)

    def repetition(rep: int) -> dict[str, float]:
        ours, theirs = made.fresh(f"cmd{rep}"), made.fresh(f"bare{rep}")
        return command_path.samples_of(
            *command_path.interleaved_rates(
                ShareMarket.postgres(dsn, schema=ours),
                bare.postgres_app(postgres_env(dsn, schema=theirs)),
                pg_sizes,
            )
        )

    return command_path.figures("postgres", rates(sizes.repeats, repetition), pg_sizes)


def catch_up_figures(sizes: Sizes, dsn: str, made: Schemas) -> list[Figure]:
    market_schema = made.fresh("history")
    market = ShareMarket.postgres(dsn, schema=market_schema)
    try:
        with Timer() as t:
            events = history.write(market, sizes.pg_catchup_events)
    finally:
        market.close()
    print(f"    postgres history: {events:,} events written in {t.seconds:.0f} s", flush=True)

    def repetition(rep: int) -> dict[str, float]:
        market = ShareMarket.postgres(dsn, schema=market_schema)
        views = ParkViews.postgres(dsn, schema=made.fresh(f"views{rep}"))
        try:
            with Timer() as decoded:
                count = read_and_decode(market)
            with Timer() as caught:
                views.catch_up(market)
        finally:
            views.close()
            market.close()
        return {"decode": count / decoded.seconds, "catch_up": events / caught.seconds}

    samples = rates(sizes.repeats, repetition)
    caught, decode = median(samples["catch_up"]), median(samples["decode"])
    return [
        Figure(
            key="catch_up.postgres.events",
            label="7 catch-up, postgres: balances + audit",
            value=caught,
            unit="events/s",
            counts=(
                f"ParkViews.postgres(...).catch_up(market) of a {events:,}-event history on "
                "PostgreSQL into fresh views in a schema of their own"
            ),
            baseline=decode,
            baseline_label=(
                f"read-and-decode of the same notifications (pages of {BATCH_SIZE}) from "
                "PostgreSQL in the same run, with the catch-up's own decoder (a fresh "
                "memoizing mapper)"
            ),
            target=f">= {CATCH_UP_RATIO}x baseline",
            passed=caught / decode >= CATCH_UP_RATIO,
            samples=samples["catch_up"],
        ),
        Figure(
            key="catch_up.postgres.read_and_decode",
            label="7 read-and-decode, postgres",
            value=decode,
            unit="events/s",
            counts="the baseline above",
            samples=samples["decode"],
        ),
    ]


def _writer(
    dsn: str, schema: str, index: int, shifts: int, go: Event, out: Any, opening: Any
) -> None:
    """One writer process: its own market, its own agreement and workers."""
    try:
        _write(dsn, schema, index, shifts, go, out, opening)
    except BaseException:
        out.put(("failed", index, traceback.format_exc()))
        raise


def _write(
    dsn: str, schema: str, index: int, shifts: int, go: Event, out: Any, opening: Any
) -> None:
    # One at a time: markets opened at the same moment on one schema race to create its
    # tables ("tuple concurrently updated"). Opening is not what is measured.
    with opening:
        market = ShareMarket.postgres(dsn, schema=schema)
    try:
        agreements = _agreements(market, index, shifts)
        plans = list(islice(park.shift_plan(agreements, prefix=f"w{index}-"), shifts))
        market._app.recorder.max_notification_id()  # connections open before the start
        out.put(("ready", index, 0.0))
        go.wait()
        started = time.perf_counter()
        for plan in plans:
            park.record_and_confirm(market, plan)
        out.put(("done", index, time.perf_counter() - started))
    finally:
        market.close()


def _agreements(market: ShareMarket, index: int, shifts: int) -> list[park.Agreement]:
    workers = max(1, min(25, shifts))
    return park.open_agreements(market, 1, workers, prefix=f"w{index}-")


def writers_rate(dsn: str, schema: str, writers: int, shifts: int) -> float:
    """Commands per second of ``writers`` processes writing at once (wall time of them all)."""
    setup = ShareMarket.postgres(dsn, schema=schema)
    try:
        park.establish(setup)
    finally:
        setup.close()
    context = multiprocessing.get_context("spawn")
    go, out, opening = context.Event(), context.Queue(), context.Lock()
    processes = [
        context.Process(target=_writer, args=(dsn, schema, i, shifts, go, out, opening))
        for i in range(writers)
    ]
    for p in processes:
        p.start()
    try:
        for _ in range(writers):
            kind, index, said = out.get(timeout=120)
            if kind != "ready":
                raise RuntimeError(f"writer {index} {kind}:\n{said}")
        with Timer() as wall:
            go.set()
            for _ in range(writers):
                kind, index, said = out.get(timeout=600)
                if kind != "done":
                    raise RuntimeError(f"writer {index} {kind}:\n{said}")
    finally:
        go.set()
        for p in processes:
            p.join(timeout=60)
            if p.exitcode is None:
                p.terminate()
    failed = [p.exitcode for p in processes if p.exitcode != 0]
    if failed:
        raise RuntimeError(f"writer processes exited with {failed}")
    return writers * 2 * shifts / wall.seconds


def writer_figures(sizes: Sizes, dsn: str, made: Schemas) -> list[Figure]:
    def repetition(rep: int) -> dict[str, float]:
        return {
            str(n): writers_rate(dsn, made.fresh(f"w{n}r{rep}"), n, sizes.pg_writer_shifts)
            for n in WRITERS
        }

    samples = rates(sizes.repeats, repetition)
    one = median(samples["1"])
    return [
        Figure(
            key=f"writers.postgres.{n}",
            label=f"7 {n} writer process{'es' if n > 1 else ''}, postgres",
            value=median(samples[str(n)]),
            unit="commands/s",
            counts=(
                f"{n} processes, each its own ShareMarket.postgres and agreement with distinct "
                f"workers, each recording and confirming {sizes.pg_writer_shifts} shifts at "
                "once; commands/s = all commands / wall time from the common start to the "
                "last finish"
            ),
            baseline=None if n == 1 else one,
            baseline_label="" if n == 1 else "1 writer process, same run",
            samples=samples[str(n)],
        )
        for n in WRITERS
    ]
