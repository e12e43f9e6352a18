"""Repetitions, medians, timers, and peak memory measured in a child process."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def median(samples: Sequence[float]) -> float:
    return float(statistics.median(samples))


class Timer:
    """``with Timer() as t: ...`` then ``t.seconds``."""

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def rates(repeats: int, run: Callable[[int], dict[str, float]]) -> dict[str, list[float]]:
    """Call ``run(repetition)`` ``repeats`` times; collect each named figure's samples."""
    samples: dict[str, list[float]] = {}
    for rep in range(repeats):
        for name, value in run(rep).items():
            samples.setdefault(name, []).append(value)
    return samples


def rss_now_mb() -> float:
    """This process's resident set size now (Linux), in MB."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB.

    Linux's ``VmHWM``, which starts afresh when a process executes a new program. Not
    ``getrusage``'s ``ru_maxrss``: a child started by the benchmark inherits the parent's peak
    in it (the parent had just written the history), which made a catch-up look ~4x bigger.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def in_child(task: str, **args: Any) -> dict[str, Any]:
    """Run ``benchmarks.child`` TASK in a fresh interpreter; return what it reported.

    A fresh process, so that its peak resident memory is the task's own and nothing this
    process allocated earlier counts.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.child", task, json.dumps(args)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child {task} failed:\n{done.stderr[-4000:]}")
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report
