"""The fund-loans example runs from a fresh start and prints the pool, the schedule, the arrears
and the guarantee network as the scene left them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dehua_funds.py"


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


def test_the_funds_example_prints_the_pool_the_arrears_and_the_network(tmp_path: Path) -> None:
    path = tmp_path / "funds.sqlite"
    for _ in range(2):  # a second run replaces the first one's file
        result = run_example(path)
        assert 0 == result.returncode, result.stderr
    out = result.stdout
    assert "contributed ¥3,000,000.00, cash ¥2,600,850.00, lent out ¥400,000.00" in out
    # Instalments 3 and 4 (¥200,000) unpaid on 2020-06-20: 41 days since 2020-05-10, plus
    # penalty at 6 % / 360 a day on each instalment's overdue principal.
    assert "Arrears before the call: ¥200,850.00 overdue on 2020-06-20" in out
    assert "41 days since 2020-05-10 (bucket 31-60)" in out
    assert "After 佳美's payment: nothing overdue on 2020-06-20" in out
    assert "holds a subrogation claim of ¥200,850.00" in out
    assert "德化县瓷韵彩绘工作室: ¥50,000.00, closed" in out
    assert "cycles: 0" in out
    # The penalty 佳美 paid is the pool's income, shared pro rata over time by the contributors.
    assert "德化县佳美陶瓷有限公司: contributed ¥1,000,000.00, income ¥283.33" in out
