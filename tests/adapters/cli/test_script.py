"""The command line as a real process: ``python -m sharemarket`` and the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.adapters.cli.conftest import StoredMarket
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[3]


def run_process(command: list[str], stored: StoredMarket) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **stored.env(), "PYTHONPATH": str(ROOT)}
    env.pop("COLUMNS", None)
    return subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, timeout=120
    )


def test_python_dash_m_runs_the_command_line(stored: StoredMarket) -> None:
    """Both module entries run; a refusal is one line on stderr and status 1, no traceback."""
    members = run_process([sys.executable, "-m", "sharemarket", "--json", "members"], stored)
    assert 0 == members.returncode, members.stderr
    assert 6 == len([json.loads(line) for line in members.stdout.splitlines()])
    missing = "8576c07a-6ecb-597f-90d4-91e9c7c38d7e"
    refused = run_process(
        [sys.executable, "-m", "sharemarket.adapters.cli", "clearing", "show", missing], stored
    )
    assert 1 == refused.returncode
    assert [f"not_found: clearing run {missing} does not exist in this market"] == (
        refused.stderr.splitlines()
    )
    usage = run_process([sys.executable, "-m", "sharemarket", "no-such-command"], stored)
    assert 2 == usage.returncode


def installed_script() -> str | None:
    """The ``sharemarket`` executable of this Python's installation, if the project is installed
    with its console script (pip install . or -e .)."""
    beside = Path(sys.executable).parent / "sharemarket"
    return str(beside) if beside.is_file() else shutil.which("sharemarket")


def test_the_installed_sharemarket_script(stored: StoredMarket) -> None:
    """CI installs the project, so the script must be there; a checkout used through
    PYTHONPATH without installing it has none, and says so."""
    script = installed_script()
    if script is None:
        message = (
            "no 'sharemarket' executable beside this Python: install the project "
            "(python -m pip install -e .) to get the console script pyproject.toml declares"
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    result = run_process([script, "--json", "members"], stored)
    assert 0 == result.returncode, result.stderr
    assert "德化县同鑫陶瓷有限公司" in result.stdout
