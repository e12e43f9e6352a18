"""The benchmark harness runs end to end at a tiny scale: it prints its table and writes JSON.

It asserts nothing about speed (STYLE.md: speed is measured by benchmarks, never by tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import postgres_dsn

REPO = Path(__file__).resolve().parent.parent


def test_the_harness_prints_its_table_and_writes_valid_json(tmp_path: Path) -> None:
    """A tiny SQLite run exits 0, prints the table's header and writes every figure as JSON."""
    results = tmp_path / "latest.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--scale",
            "tiny",
            "--store",
            "sqlite",
            "--workdir",
            str(tmp_path / "stores"),
            "--json",
            str(results),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert 0 == done.returncode, done.stderr[-3000:]
    header = ("figure", "value", "unit", "baseline", "ratio", "target", "result")
    assert any(all(word in line for word in header) for line in done.stdout.splitlines())
    assert f"results written to {results}" in done.stdout
    report = json.loads(results.read_text())
    assert "tiny" == report["scale"]
    assert {} == report["errors"]
    assert {"python", "eventsourcing", "sqlite"} <= set(report["versions"])
    assert {"cpu_count", "cpu_model", "memory_gib"} <= set(report["machine"])
    keys = {figure["key"] for figure in report["figures"]}
    for expected in (
        "command_path.sqlite.sharemarket",
        "command_path.memory.sharemarket",
        "command_path.sqlite.best_ratio",
        "bulk_import.sqlite.events",
        "bulk_import.sqlite.commands_cpu",
        "bulk_import.memory.commands",
        "catch_up.sqlite.events",
        "audit.sqlite.verify",
        "loading.sqlite.10",
        "csv_import.sqlite.events",
        "bounded.p99",
        "bounded.largest_snapshot",
        "bounded.snapshot_share",
        "concurrent.sqlite.sharemarket",
        "concurrent.sqlite.bare",
        "concurrent.sqlite.cores_busy",
        "concurrent.sqlite.cpu_per_command",
        "import_time.market",
        "import_time.help",
    ):
        assert expected in keys
    for figure in report["figures"]:
        assert figure["value"] > 0
        assert figure["result"] in {"pass", "MISS", "-"}


def test_a_child_process_reports_its_own_peak_memory_not_its_parents() -> None:
    """The memory figures are measured in a child process: a parent that has grown (it wrote
    the history) must not lend the child its peak."""
    grown = bytearray(200 * 1024 * 1024)
    grown[::4096] = b"\x01" * len(grown[::4096])  # touch every page: resident
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", "from benchmarks.measure import peak_rss_mb; print(peak_rss_mb())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    del grown
    assert float(done.stdout) < 100


@pytest.mark.postgres
def test_the_postgres_section_prints_its_figures_and_writes_valid_json(tmp_path: Path) -> None:
    """A tiny PostgreSQL run exits 0 with the command path, the catch-up and the writers'
    figures: 1, 2 and 4 processes of ShareMarket, of bare eventsourcing and on one agreement,
    each ShareMarket count against bare, and the scaling from 1 writer."""
    results = tmp_path / "latest.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--scale",
            "tiny",
            "--store",
            "postgres",
            "--postgres-dsn",
            postgres_dsn(),
            "--pg-writer-shifts",
            "5",
            "--json",
            str(results),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert 0 == done.returncode, done.stderr[-3000:]
    assert "postgres writers, server processes per sample by state" in done.stdout
    report = json.loads(results.read_text())
    assert {} == report["errors"]
    assert "postgres" in report["versions"]
    figures = {figure["key"]: figure for figure in report["figures"]}
    expected = ["command_path.postgres.sharemarket", "catch_up.postgres.events"]
    for n in (1, 2, 4):
        expected += [f"writers.postgres.{n}", f"writers.postgres.bare.{n}"]
        expected += [f"writers.postgres.shared.{n}"]
    for kind in ("sharemarket", "bare"):
        expected += [f"writers.postgres.scaling.{kind}.2", f"writers.postgres.scaling.{kind}.4"]
    for key in expected:
        assert key in figures
        assert figures[key]["value"] > 0
    for n in (1, 2, 4):  # ShareMarket's writers are judged against bare's, met or missed
        writers = figures[f"writers.postgres.{n}"]
        assert writers["baseline"] == figures[f"writers.postgres.bare.{n}"]["value"]
        assert writers["result"] in {"pass", "MISS"}
    for figure in report["figures"]:
        assert figure["result"] in {"pass", "MISS", "-"}


def test_the_log_pages_count_reads_each_commit_from_the_log(tmp_path: Path) -> None:
    """Every command's commit is found in the log, and its pages are named by table."""
    from benchmarks.log_pages import bare_pages, sharemarket_pages

    ours, by_owner = sharemarket_pages(tmp_path, warm=20, shifts=5)
    assert ours > 1
    assert by_owner["stored_events (leaf)"] >= 10  # each of the 10 commands appends an event
    # Each command's random-keyed entries (its aggregates' and its receipt's) in the index.
    assert by_owner["sqlite_autoindex_stored_events_1 (leaf)"] >= 10
    theirs, _ = bare_pages(tmp_path, warm=20, commands=10)
    assert 1 <= theirs < ours
