"""Item 7: PostgreSQL: command path, catch-up, and commands/s from 1, 2 and 4 writer processes."""

from __future__ import annotations

from pathlib import Path

from benchmarks.report import Figure
from benchmarks.scales import Sizes


def run(sizes: Sizes, workdir: Path, dsn: str) -> list[Figure]:
    return []


def server_version(dsn: str | None, chosen: list[str]) -> dict[str, str]:
    return {}
