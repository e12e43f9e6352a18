"""The example script runs from a fresh start and again on its own file, and shows every firm."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dehua_park.py"


def load_example() -> dict[str, object]:
    namespace: dict[str, object] = {"__name__": "dehua_park"}
    exec(compile(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE), "exec"), namespace)
    return namespace


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


def test_example_prints_every_firm(tmp_path: Path) -> None:
    """Exit 0, and each firm's code and name appear in the membership table."""
    path = tmp_path / "dehua.sqlite"
    result = run_example(path)
    assert result.returncode == 0, result.stderr
    assert path.is_file()
    for firm in load_example()["FIRMS"]:  # type: ignore[attr-defined]
        line = next((ln for ln in result.stdout.splitlines() if ln.startswith(firm.code)), "")
        assert firm.name in line, f"{firm.code} missing from:\n{result.stdout}"
        assert "active" in line


def test_example_reruns_on_its_own_file(tmp_path: Path) -> None:
    """A second run replaces the file (and views) the first one left, instead of failing on
    them, and prints the same; only the audit trail's head hash differs, since it covers the
    times the events were recorded."""
    path = tmp_path / "dehua.sqlite"
    first, second = run_example(path), run_example(path)
    assert (first.returncode, second.returncode) == (0, 0), second.stderr

    def without_hash(out: str) -> str:
        return re.sub(r"last hash [0-9a-f]+", "last hash …", out)

    assert without_hash(first.stdout) == without_hash(second.stdout)


def test_example_prints_the_labour_scene(tmp_path: Path) -> None:
    """The labour scene shows the refused cap breach, hours per worker and amounts owed that
    follow from the figures in the script (8h days, overtime at 150 %, Saturday at 200 %)."""
    result = run_example(tmp_path / "dehua.sqlite")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "refused (daily_hours_limit): worker JM-W07 would work 12h00 on 2026-04-15" in out
    # Jiamei at ¥26/h: 80 h standard + 4 h overtime x 1.5 + 5 h rest day x 2 = 96 h paid.
    assert "¥2,496.00  ¥2,496.00  ¥0.00" in out
    # Shunmei at ¥24.50/h for the same week: paid in half, the other half by the month-end
    # clearing run.
    assert "¥2,352.00  ¥2,352.00  ¥0.00" in out


def test_example_prints_the_month_end_clearing(tmp_path: Path) -> None:
    """Three firms owe each other in a ring: Shunmei owes Guanfu 40 h x ¥22 = ¥880, Guanfu owes
    Tongxin 40 h x ¥30 = ¥1,200, Tongxin owes Shunmei the unpaid half of ¥2,352 = ¥1,176. Net
    positions: Guanfu -¥320, Shunmei +¥296, Tongxin +¥24; two payments settle them."""
    out = run_example(tmp_path / "dehua.sqlite").stdout
    assert "paid one by one: ¥3,256.00; netted: ¥616.00; not moved: ¥2,640.00" in out
    assert "福建省德化县冠福家用制品有限公司  德化县同鑫陶瓷有限公司        ¥320.00" in out
    assert "德化县同鑫陶瓷有限公司            福建省德化县顺美陶瓷有限公司  ¥296.00" in out
