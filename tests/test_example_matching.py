"""The matching example runs from a fresh start and again over its own file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "suzhou_matching.py"


def run_example(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLE), str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def test_the_example_matches_hands_into_a_fulfilled_need_and_names_the_missing_slices(tmp_path):
    path = tmp_path / "suzhou.sqlite"
    for _ in range(2):  # the second run replaces the first run's file
        done = run_example(path)
        assert done.returncode == 0, done.stderr
        out = done.stdout
        assert "score 100.0%: covers 160 of 160 worker-hours; dates overlap 5 of 5 days" in out
        assert "Deal outcome: completed; 80h00 confirmed" in out
        assert "accept refused" not in out
        assert "accepted: venue booking" in out
        assert "accepted: subcontract part" in out
        assert "800 mugs, glazing at ¥0.60 a piece, due 2026-03-20" in out
        assert (
            "The need of hands: fulfilled, 160 of 160 worker-hours met by labour agreement" in out
        )
        assert "gave 80h00 of labour" in out  # the report, read from the views
        assert (tmp_path / "suzhou-views" / "sharing.sqlite").exists()
