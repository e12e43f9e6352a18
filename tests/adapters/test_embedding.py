"""The guide to embedding the views (docs/views.md) runs as written and prints what it says;
the example prints views."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest

from sharemarket import Actor, FirmSize, ShareMarket
from tests.conftest import postgres_dsn

ROOT = Path(__file__).resolve().parents[2]
SECTION = ROOT / "docs" / "views.md"
EXAMPLE = ROOT / "examples" / "dehua_park.py"
FENCE = re.compile(
    r"^(?:<!--\s*(?P<mark>[^>]*?)\s*-->\n)?```python\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL
)
TONGXIN, JIAMEI = "91350526MA2YB7LX39", "91350526MA31HQ2D6G"


def blocks(mark: str) -> list[str]:
    """The guide's blocks with ``mark`` from "On SQLite" to the audit trail's section (the
    first unmarked one makes the park that the others continue: the tests make it here)."""
    guide = SECTION.read_text(encoding="utf-8")
    start = guide.index("## On SQLite")
    text = guide[start : guide.index("\n## Verifying the audit trail", start)]
    found = [m.group("body") for m in FENCE.finditer(text) if (m.group("mark") or "") == mark]
    return found[1:] if mark == "" else found


def quickstart_park(market: ShareMarket) -> None:
    """What the README's quickstart leaves in dehua.sqlite: the park and two firms."""
    admin = Actor.administrator("admin-01")
    market.park.establish(admin, request_id="park-1", name="德化县城东陶瓷产业园")
    for firm, rep in ((TONGXIN, "tongxin-01"), (JIAMEI, "jiamei-01")):
        market.park.admit_firm(
            admin,
            request_id=f"admit-{firm}",
            firm=firm,
            name=firm,
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=[rep],
        )


def test_the_sqlite_block_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with ShareMarket.sqlite("dehua.sqlite") as market:
        quickstart_park(market)
    [block] = blocks("")
    exec(compile(block, str(SECTION), "exec"), {"__name__": "__readme__"})

    printed = capsys.readouterr().out.splitlines()
    assert ["7h30", "¥180.00", "7h30"] == printed[:3]
    # The last two rows: the shift's confirmation and the settlement (request receipts are no
    # longer events, so they have no rows).
    confirmed, billed = printed[3:5]
    assert "jiamei-01 91350…D6G confirmed 7h30 by worker JM-W11 on 2026-04-13" in confirmed
    assert "jiamei-01 91350…D6G billed 91350…X39 ¥180.00 for 7h30 in 1 shift" in billed
    assert 11 == (tmp_path / "audit.jsonl").read_text(encoding="utf-8").count("\n")


@pytest.mark.postgres
def test_the_postgres_block_runs(tmp_path, monkeypatch):
    dsn = postgres_dsn()
    market_schema, views_schema = (f"t_{uuid.uuid4().hex[:12]}" for _ in range(2))
    [block] = blocks("requires: postgres")
    block = block.replace('schema="dehua"', f'schema="{market_schema}"')
    block = block.replace('schema="park_views"', f'schema="{views_schema}"')
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {market_schema}")
    try:  # the block establishes its own park
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("PARK_DATABASE_URL", dsn)
        exec(compile(block, str(SECTION), "exec"), {"__name__": "__readme__"})
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            for schema in (market_schema, views_schema):
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def test_the_example_prints_balances_and_a_verified_audit_tail(tmp_path, capsys):
    """The example script ends with a balances table and the audit trail's last lines."""
    example: dict[str, Any] = {"__name__": "dehua_park"}
    script = EXAMPLE.read_text(encoding="utf-8")
    exec(compile(script, str(EXAMPLE), "exec"), example)
    path = tmp_path / "dehua_park.sqlite"
    example["main"](path)
    printed = capsys.readouterr().out
    printed = printed[printed.index("balances from the journal") :]

    assert printed.startswith("balances from the journal; shared working time in the park: ")
    assert "verify(): ok, " in printed
    assert "hours lent" in printed
    assert printed.count("\n  ") >= 5


NO_PSYCOPG = """
import sys

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name == "psycopg" or name.startswith("psycopg.") or name == "eventsourcing.postgres":
            raise ImportError(f"{name} is not installed")

sys.meta_path.insert(0, Refuse())
from sharemarket.park_views import ParkViews
ParkViews.sqlite(sys.argv[1]).close()
print("ok")
"""


def test_sqlite_views_need_no_postgresql_driver(tmp_path):
    """psycopg is an optional dependency: the SQLite views work without it."""
    done = subprocess.run(
        [sys.executable, "-c", NO_PSYCOPG, str(tmp_path / "views")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ("ok", 0) == (done.stdout.strip(), done.returncode), done.stderr
