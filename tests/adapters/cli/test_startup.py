"""What the command line imports before it runs a command: its help and its argument checks
need neither eventsourcing nor the market (the aggregates and commands cost about a second of
CPU to define), which only a command that opens the market or the views imports.

Each case runs in a fresh interpreter: the test process has long imported everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

#: Runs the command line in-process, then prints which modules it imported.
PROBE = """
import json, sys
from sharemarket.adapters.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

#: Modules that mean the market was imported: eventsourcing (every aggregate needs it) and the
#: market's façade.
MARKET = ("eventsourcing", "sharemarket.application.market", "sharemarket.park_views")


def imported(*argv: str, store: Path | None = None) -> tuple[int, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("SHAREMARKET_STORE", "SHAREMARKET_VIEWS"):
        env.pop(name, None)
    if store is not None:
        env["SHAREMARKET_STORE"] = str(store)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    return result["code"], result["modules"]


def market_modules(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] == "eventsourcing" or m.startswith(MARKET)]


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (("--help",), 0),
        (("funds", "--help"), 0),
        (("park", "admit", "--help"), 0),
        (("audit", "export", "--help"), 0),
        (("--version",), 0),
        (("no-such-command",), 2),
        (("balances", "--as-of", "not-a-date"), 2),
        (("balances", "123"), 2),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else str(value),
)
def test_help_and_usage_errors_do_not_import_the_market(argv: tuple[str, ...], status: int) -> None:
    """``sharemarket --help``, a group's or a command's help, the version and a usage error
    (an unknown command, a malformed option) are answered without importing the market."""
    code, modules = imported(*argv)
    assert status == code
    assert [] == market_modules(modules)


def test_a_missing_store_is_refused_before_the_market_is_imported(tmp_path: Path) -> None:
    """A command naming an SQLite file that does not exist is refused (status 1) first."""
    code, modules = imported("members", store=tmp_path / "missing.sqlite")
    assert 1 == code
    assert [] == market_modules(modules)


def test_a_command_that_opens_the_market_imports_it(tmp_path: Path) -> None:
    """The checks above can fail: a command that opens the market imports eventsourcing and
    the market."""
    store = tmp_path / "park.sqlite"
    code, modules = imported("--as", "admin-1", "park", "establish", "Test Park", store=store)
    assert 0 == code
    assert {"eventsourcing.domain", "sharemarket.application.market"} <= set(modules)
    assert store.exists()
