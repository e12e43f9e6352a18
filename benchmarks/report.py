"""Figures, the printed table and the JSON results file (with versions and the machine)."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any


@dataclass
class Figure:
    """One measured figure, with the baseline measured beside it in the same run.

    ``target`` is how the issue states the goal, and ``passed`` says whether it was met (None when
    the figure has no target and is printed for reference). ``counts`` says in words what the
    number counts, so that nobody has to read the code to know what was timed.
    """

    key: str
    label: str
    value: float
    unit: str
    counts: str
    baseline: float | None = None
    baseline_label: str = ""
    target: str = ""
    passed: bool | None = None
    samples: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline


def number(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def result_word(passed: bool | None) -> str:
    return {True: "pass", False: "MISS", None: "-"}[passed]


def table(figures: Sequence[Figure]) -> str:
    """The figures as a fixed-width table, then a numbered note per figure saying what it counts."""
    header = ("#", "figure", "value", "unit", "baseline", "ratio", "target", "result")
    rows = [
        (
            str(i),
            f.label,
            number(f.value),
            f.unit,
            number(f.baseline),
            "-" if f.ratio is None else f"{f.ratio:.2f}x",
            f.target or "-",
            result_word(f.passed),
        )
        for i, f in enumerate(figures, start=1)
    ]
    widths = [max(len(r[c]) for r in (header, *rows)) for c in range(len(header))]
    right = {2, 4, 5}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append("")
    out.append("What each figure counts (median of the repetitions; ratio = value / baseline):")
    for i, f in enumerate(figures, start=1):
        base = f" Baseline: {f.baseline_label}." if f.baseline_label else ""
        out.append(f"  {i}. {f.counts}{base}")
    return "\n".join(out)


def versions() -> dict[str, str]:
    found = {
        "python": platform.python_version(),
        "eventsourcing": _version("eventsourcing"),
        "sqlite": sqlite3.sqlite_version,
        "sharemarket": _version("sharemarket"),
        "psycopg": _version("psycopg"),
        "psycopg_implementation": _psycopg_implementation(),
    }
    return found


def _psycopg_implementation() -> str:
    """psycopg's libpq wrapper: "binary" or "c" (compiled) or "python" (pure Python, slower)."""
    try:
        import psycopg
    except ImportError:
        return "not installed"
    return str(psycopg.pq.__impl__)


def source() -> dict[str, Any]:
    """The commit measured, and whether the package had uncommitted changes when it ran."""
    repo = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=repo, capture_output=True, text=True, check=False
            )
        except OSError:
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    changed = git("status", "--porcelain", "--", "sharemarket")
    return {
        "commit": git("rev-parse", "HEAD") or "unknown",
        "sharemarket_uncommitted": [line[3:] for line in changed.splitlines()],
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    model = ""
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                model = text.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    memory_kb = 0
    try:
        for text in Path("/proc/meminfo").read_text().splitlines():
            if text.startswith("MemTotal:"):
                memory_kb = int(text.split()[1])
                break
    except OSError:
        pass
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model or "unknown",
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "platform": platform.platform(),
    }


def write_json(path: Path, payload: dict[str, Any], figures: Sequence[Figure]) -> None:
    body = dict(payload)
    body["figures"] = [
        {**asdict(f), "ratio": f.ratio, "result": result_word(f.passed)} for f in figures
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False, default=str) + "\n")


def python_command() -> str:
    return " ".join([Path(sys.executable).name, *sys.argv])
