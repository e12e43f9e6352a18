"""The command line's timesheet import: ``sharemarket import shifts FILE.csv`` of 10,000 rows.

Measured through the command itself (click's runner, in this process): reading and checking the
file, each row's record_shift inside one market.batch(), and the one commit. A figure for
reference, without a target: the issue asks for the rate to be stated, not reached.
"""

from __future__ import annotations

import csv
from itertools import islice
from pathlib import Path

from click.testing import CliRunner

from benchmarks import park
from benchmarks.counting import count_events
from benchmarks.measure import Timer, median, rates
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket
from sharemarket.adapters.cli import cli


def write_file(path: Path, plans: list[park.ShiftPlan]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(("agreement", "worker", "work_date", "minutes"))
        for plan in plans:
            writer.writerow((plan.agreement, plan.worker, plan.day.isoformat(), park.SHIFT_MINUTES))


def import_once(folder: Path, sizes: Sizes) -> dict[str, float]:
    store = folder / "market.sqlite"
    with ShareMarket.sqlite(store) as market:
        park.establish(market)
        agreements = park.open_agreements(market, sizes.agreements, sizes.workers)
        plans = list(islice(park.shift_plan(agreements), sizes.csv_rows))
        before = count_events(market)
    if len(plans) < sizes.csv_rows:
        raise ValueError(f"the park plans {len(plans)} shifts, fewer than {sizes.csv_rows} rows")
    timesheet = folder / "timesheet.csv"
    write_file(timesheet, plans)
    args = ["--store", str(store), "--as", park.BORROWER_REP.user, "--firm", park.BORROWER]
    with Timer() as t:
        result = CliRunner().invoke(cli, [*args, "import", "shifts", str(timesheet)])
    if result.exit_code != 0:
        raise RuntimeError(f"the import failed: {result.output[-2000:]}")
    with ShareMarket.sqlite(store) as market:
        events = count_events(market) - before
    return {"events": events / t.seconds, "rows": len(plans) / t.seconds}


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    def repetition(rep: int) -> dict[str, float]:
        folder = workdir / f"csv-import-{rep}"
        folder.mkdir()
        return import_once(folder, sizes)

    samples = rates(sizes.repeats, repetition)
    return [
        Figure(
            key="csv_import.sqlite.events",
            label="8 CSV import, sqlite: sharemarket import shifts",
            value=median(samples["events"]),
            unit="events/s",
            counts=(
                f"`sharemarket import shifts` of a {sizes.csv_rows:,}-row timesheet CSV (one "
                "record_shift per row, all in one market.batch()) into a fresh SQLite park, "
                "timed around the whole command: reading and checking the file, deciding each "
                "row, the one commit; every stored event is counted (shift and timesheet "
                "events; a command's receipt is not an event)"
            ),
            samples=samples["events"],
        ),
        Figure(
            key="csv_import.sqlite.rows",
            label="8 CSV import, sqlite: rows",
            value=median(samples["rows"]),
            unit="rows/s",
            counts="the same import counted in CSV rows (one shift recorded per row)",
            samples=samples["rows"],
        ),
    ]
