"""The benchmark harness: run every section in one process run, print the table, write JSON.

    python -m benchmarks [--scale tiny|small|default|large] [--postgres-dsn DSN] [...]
    python benchmarks/run.py ...

The PostgreSQL section runs when a DSN is given or SHAREMARKET_TEST_POSTGRES_DSN is set; it works
in a fresh schema that it drops afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import (
    bounded,
    bulk_import,
    command_path,
    concurrent,
    csv_import,
    import_time,
    loading,
    postgres,
    projections,
)
from benchmarks.report import (
    Figure,
    machine,
    python_command,
    source,
    table,
    versions,
    write_json,
)
from benchmarks.scales import SCALES, Sizes

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
Section = Callable[[Sizes, Path], list[Figure]]
SECTIONS: dict[str, Section] = {
    "command_path": command_path.run,
    "concurrent": concurrent.run,
    "bulk_import": bulk_import.run,
    "projections": projections.run,
    "loading": loading.run,
    "csv_import": csv_import.run,
    "bounded": bounded.run,
    "import_time": import_time.run,
}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    p.add_argument("--scale", choices=sorted(SCALES), default="default")
    p.add_argument(
        "--store",
        choices=("sqlite", "postgres", "all"),
        default=None,
        help="sqlite sections, the postgres section, or both (default: sqlite, plus postgres "
        "when a DSN is given or SHAREMARKET_TEST_POSTGRES_DSN is set)",
    )
    p.add_argument("--postgres-dsn", default=os.environ.get("SHAREMARKET_TEST_POSTGRES_DSN"))
    p.add_argument(
        "--only",
        action="append",
        choices=[*SECTIONS, "postgres"],
        help="run only this section (repeatable)",
    )
    p.add_argument("--repeats", type=int, help="repetitions per figure (at least 3)")
    p.add_argument("--command-shifts", type=int)
    p.add_argument("--bulk-shifts", type=int)
    p.add_argument("--batch-shifts", type=int)
    p.add_argument("--catchup-events", type=int)
    p.add_argument("--memory-events", type=int, help="0 skips the peak-memory catch-up")
    p.add_argument("--export-rows", type=int, help="0 skips the JSON Lines export")
    p.add_argument("--pg-shifts", type=int)
    p.add_argument("--pg-writer-shifts", type=int)
    p.add_argument("--pg-catchup-events", type=int)
    p.add_argument("--csv-rows", type=int, help="rows of the command line's CSV import")
    p.add_argument("--workdir", type=Path, help="where the stores go (default: a temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the stores after the run")
    p.add_argument("--json", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    args = p.parse_args(argv)
    if args.repeats is not None and args.repeats < 3:
        p.error("--repeats must be at least 3 (each figure is a median)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    sizes = SCALES[args.scale].with_counts(
        repeats=args.repeats,
        command_shifts=args.command_shifts,
        bulk_shifts=args.bulk_shifts,
        batch_shifts=args.batch_shifts,
        catchup_events=args.catchup_events,
        memory_events=args.memory_events,
        export_rows=args.export_rows,
        pg_shifts=args.pg_shifts,
        pg_writer_shifts=args.pg_writer_shifts,
        pg_catchup_events=args.pg_catchup_events,
        csv_rows=args.csv_rows,
    )
    store = args.store or ("all" if args.postgres_dsn else "sqlite")
    chosen = list(args.only or [*SECTIONS, "postgres"])
    if store == "sqlite":
        chosen = [s for s in chosen if s != "postgres"]
    elif store == "postgres":
        chosen = [s for s in chosen if s == "postgres"]
    if "postgres" in chosen and not args.postgres_dsn:
        print("postgres: no DSN (--postgres-dsn or SHAREMARKET_TEST_POSTGRES_DSN); skipped")
        chosen.remove("postgres")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sharemarket-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"sharemarket benchmarks: scale {sizes.scale}, store {store}, stores in {workdir}")
    print(f"sizes: {sizes.as_dict()}")
    figures: list[Figure] = []
    notes: list[str] = []
    errors: dict[str, str] = {}
    timings: dict[str, float] = {}
    started = time.perf_counter()
    for name in chosen:
        print(f"  running {name} ...", flush=True)
        section_dir = workdir / name
        section_dir.mkdir(exist_ok=True)
        began = time.perf_counter()
        try:
            if name == "postgres":
                made = postgres.run(sizes, section_dir, args.postgres_dsn)
            else:
                made = SECTIONS[name](sizes, section_dir)
        except Exception:
            errors[name] = traceback.format_exc()
            print(f"  {name} FAILED:\n{errors[name]}", file=sys.stderr)
            made = []
        timings[name] = round(time.perf_counter() - began, 1)
        print(f"  {name}: {timings[name]} s", flush=True)
        figures += made
    notes += skipped_notes(sizes, chosen)
    total = time.perf_counter() - started

    print()
    print(table(figures))
    for note in notes:
        print(f"note: {note}")
    print(f"total time: {total:.0f} s ({', '.join(f'{k} {v} s' for k, v in timings.items())})")
    payload = {
        "command": python_command(),
        "scale": sizes.scale,
        "store": store,
        "sizes": sizes.as_dict(),
        "versions": {**versions(), **postgres.server_version(args.postgres_dsn, chosen)},
        "machine": machine(),
        "source": source(),
        "seconds": {"total": round(total, 1), **timings},
        "notes": notes,
        "errors": errors,
    }
    write_json(args.json, payload, figures)
    print(f"results written to {args.json}")
    if not args.keep and args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if errors else 0


def skipped_notes(sizes: Sizes, chosen: list[str]) -> list[str]:
    notes = []
    if "projections" in chosen and not sizes.memory_events:
        notes.append(
            "3 peak memory while catching up 1,000,000 events runs at --scale large (or with "
            "--memory-events N): at default scale it would break the 5-minute budget"
        )
    if "projections" in chosen and not sizes.export_rows:
        notes.append(
            "6 JSON Lines export of 1,000,000 audit rows runs at --scale large (or with "
            "--export-rows N): at default scale it would break the 5-minute budget"
        )
    return notes


if __name__ == "__main__":
    raise SystemExit(main())
