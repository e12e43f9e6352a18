"""The subcontracting example plays 同鑫's order from a fresh start and again on its own file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dehua_subcontracting.py"


def run_example(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLE), str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_example_splits_delivers_reworks_settles_and_scores(tmp_path: Path) -> None:
    """Exit 0 twice on the same file; the order closes, the oversplit offer is refused, the
    glazing firm's late charge is a line of its bill, and its scorecard shows its rejections."""
    path = tmp_path / "subcontracting.sqlite"
    for _ in range(2):
        result = run_example(path)
        assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "refused (order_oversplit)" in out
    assert "order TX-2020-017: 60,000 pieces, closed" in out
    assert "late-delivery charge, 3 days" in out
    assert "-¥600.00" in out
    assert "15,000 accepted, rejected 3.23% (crack 0.77%, glaze_defect 2.45%), on time 2/3" in out
    assert out.count(", closed\n") == 5  # the order and its four parts
    assert "held 0" in out
    assert "held 4" not in out
