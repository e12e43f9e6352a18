"""Item 7: PostgreSQL: the command path, the catch-up, and commands/s from 1, 2 and 4 writers.

Everything happens in fresh schemas (one per store) that are dropped at the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import bare, command_path, history, pg_scaling, pg_waits, pg_writers
from benchmarks.measure import Timer, median, rates
from benchmarks.projections import CATCH_UP_RATIO, read_and_decode
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket
from sharemarket.application.projections.runner import BATCH_SIZE
from sharemarket.application.stores import postgres_env
from sharemarket.park_views import ParkViews


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

    def drop(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        self.made.remove(name)


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


def writer_figures(sizes: Sizes, dsn: str, made: Schemas) -> list[Figure]:
    """1, 2 and 4 writer processes of each kind (``pg_writers.KINDS``), taking turns."""
    shifts = sizes.pg_writer_shifts
    runs: pg_scaling.Runs = {}
    writers = pg_writers.Writers(dsn)

    def repetition(rep: int) -> dict[str, float]:
        kinds = pg_writers.KINDS[rep % 3 :] + pg_writers.KINDS[: rep % 3]
        for n in pg_scaling.WRITERS:
            for kind in kinds:
                schema = made.fresh(f"{kind}{n}r{rep}")
                try:
                    runs.setdefault((kind, n), []).append(writers.run(kind, schema, n, shifts))
                finally:
                    made.drop(schema)
        return {}

    try:
        rates(sizes.repeats, repetition)
    finally:
        writers.close()
    print_states(runs)
    return pg_scaling.figures(runs, shifts)


def print_states(runs: pg_scaling.Runs) -> None:
    """What the writers' server processes were doing (mean per sample, median of runs)."""
    print(
        "    postgres writers, server processes per sample by state "
        f"({', '.join(pg_waits.STATES)}); commands that lost 8 races:",
        flush=True,
    )
    for (kind, n), made in sorted(runs.items()):
        states = "  ".join(
            f"{s} {median([r['states'][s] for r in made]):.2f}" for s in pg_waits.STATES
        )
        lost = sum(r["lost"] for r in made)
        print(f"      {kind:<11} {n} writers: {states}  lost {lost:.0f}", flush=True)
