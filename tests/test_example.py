"""The example script runs from a fresh start and again on its own file, and shows every firm."""

from __future__ import annotations

import os
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
    """A second run replaces the file the first one left, instead of failing on it."""
    path = tmp_path / "dehua.sqlite"
    first, second = run_example(path), run_example(path)
    assert (first.returncode, second.returncode) == (0, 0), second.stderr
    assert first.stdout == second.stdout
