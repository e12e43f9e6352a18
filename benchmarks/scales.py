"""How big each benchmark is: the named scales and explicit counts that override them."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Sizes:
    scale: str
    #: Repetitions of each timed figure (the median is reported); cheap figures use more.
    repeats: int
    #: Item 1: shifts recorded and confirmed one command at a time (2 commands each).
    command_shifts: int
    #: Agreements and workers per agreement of the park every benchmark sets up.
    agreements: int
    workers: int
    #: Item 2: shifts imported with market.batch(), and shifts per batch.
    bulk_shifts: int
    batch_shifts: int
    #: Items 3 and 4: events of history caught up into the SQLite views, and verified.
    catchup_events: int
    #: Item 3: events caught up in a child process whose peak memory is measured (0: skipped).
    memory_events: int
    #: Item 6: audit rows exported as JSON Lines in a child process (0: skipped).
    export_rows: int
    #: Item 5: events of history of the aggregates loaded cold.
    load_histories: tuple[int, ...]
    #: Item 7: shifts per PostgreSQL command-path run, per writer process, and caught up events.
    pg_shifts: int
    pg_writer_shifts: int
    pg_catchup_events: int
    #: Rows of the timesheet CSV imported through the command line (sharemarket import shifts).
    csv_rows: int = 10_000
    #: Shifts of the long agreement whose command latency and snapshots are measured.
    bounded_shifts: int = 5_000

    def with_counts(self, **counts: Any) -> Sizes:
        given = {k: v for k, v in counts.items() if v is not None}
        return replace(self, **given) if given else self

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


SCALES: dict[str, Sizes] = {
    "tiny": Sizes(
        scale="tiny",
        repeats=3,
        command_shifts=10,
        agreements=2,
        workers=5,
        bulk_shifts=40,
        batch_shifts=20,
        catchup_events=1_000,
        memory_events=1_000,
        export_rows=1_000,
        load_histories=(10, 100, 300),
        pg_shifts=10,
        pg_writer_shifts=10,
        pg_catchup_events=1_000,
        csv_rows=100,
        bounded_shifts=200,
    ),
    "small": Sizes(
        scale="small",
        repeats=3,
        command_shifts=100,
        agreements=4,
        workers=25,
        bulk_shifts=1_000,
        batch_shifts=500,
        catchup_events=20_000,
        memory_events=50_000,
        export_rows=50_000,
        load_histories=(10, 1_000, 10_000),
        pg_shifts=100,
        pg_writer_shifts=100,
        pg_catchup_events=20_000,
        csv_rows=2_000,
        bounded_shifts=1_000,
    ),
    "default": Sizes(
        scale="default",
        repeats=3,
        command_shifts=400,
        agreements=4,
        workers=25,
        bulk_shifts=4_000,
        batch_shifts=500,
        catchup_events=200_000,
        memory_events=0,
        export_rows=0,
        load_histories=(10, 1_000, 100_000),
        pg_shifts=100,
        pg_writer_shifts=100,
        pg_catchup_events=20_000,
        csv_rows=10_000,
    ),
    "large": Sizes(
        scale="large",
        repeats=3,
        command_shifts=1_000,
        agreements=8,
        workers=25,
        bulk_shifts=20_000,
        batch_shifts=1_000,
        catchup_events=200_000,
        memory_events=1_000_000,
        export_rows=1_000_000,
        load_histories=(10, 1_000, 100_000),
        pg_shifts=1_000,
        pg_writer_shifts=1_000,
        pg_catchup_events=200_000,
        csv_rows=10_000,
    ),
}
