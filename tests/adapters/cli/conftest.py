"""What the command line's tests share: a runner, the stored v2 market, a small labour market."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from click.testing import CliRunner, Result

from sharemarket import ShareMarket
from sharemarket.adapters.cli import cli
from tests.park_scene import BORROWER, agreement, establish

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """``run(*args, env=...)``: the command line through click's runner, stdout and stderr apart."""

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner(
            env={
                "SHAREMARKET_STORE": None,
                "SHAREMARKET_VIEWS": None,
                "SHAREMARKET_USER": None,
                "SHAREMARKET_FIRM": None,
                "COLUMNS": None,
                **(env or {}),
            }
        )
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class StoredMarket:
    """A copy of the stored fixture store v2 (every slice, Chinese names), with its requests."""

    def __init__(self, tmp_path: Path) -> None:
        self.path = tmp_path / "market.sqlite"
        shutil.copyfile(FIXTURES / "store_v2" / "market.sqlite", self.path)
        self.views = tmp_path / "views"
        requests = json.loads((FIXTURES / "store_v2" / "requests.json").read_text("utf-8"))
        self.requests = {r["request_id"]: r for r in requests}

    def ids(self, command: str) -> list[UUID]:
        return [
            UUID(r["result"]["uuid"]) for r in self.requests.values() if r["command"] == command
        ]

    def env(self) -> dict[str, str]:
        return {"SHAREMARKET_STORE": str(self.path), "SHAREMARKET_VIEWS": str(self.views)}

    def open(self) -> ShareMarket:
        return ShareMarket.sqlite(self.path)


@pytest.fixture
def stored(tmp_path: Path) -> StoredMarket:
    return StoredMarket(tmp_path)


class LabourMarket:
    """A small market in SQLite: the park scene's three firms and one accepted March agreement
    (the borrower's representative rep-1 records its shifts, of workers W-17 and W-18)."""

    def __init__(self, tmp_path: Path) -> None:
        self.path = tmp_path / "labour.sqlite"
        with ShareMarket.sqlite(self.path) as market:
            establish(market)
            self.agreement = agreement(market, "main")

    def env(self) -> dict[str, str]:
        return {
            "SHAREMARKET_STORE": str(self.path),
            "SHAREMARKET_USER": "rep-1",
            "SHAREMARKET_FIRM": BORROWER,
        }

    def open(self) -> ShareMarket:
        return ShareMarket.sqlite(self.path)


@pytest.fixture
def labour_market(tmp_path: Path) -> LabourMarket:
    return LabourMarket(tmp_path)
