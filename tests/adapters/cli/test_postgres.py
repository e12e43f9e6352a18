"""The command line on PostgreSQL: --store and --views as DSNs (from the environment too)."""

from __future__ import annotations

import pytest

from sharemarket import ShareMarket
from tests.adapters.cli.conftest import Run, json_lines
from tests.adapters.conftest import Schemas
from tests.park_scene import BORROWER, LENDER, dehua_month

pytestmark = pytest.mark.postgres


def test_a_market_and_views_on_postgresql(run: Run, schemas: Schemas) -> None:
    """Members and agreements read from a PostgreSQL market; the views caught up into another
    schema give the journal's balances; the LPR recorded there."""
    market_schema, views_schema = schemas.new(), schemas.new()
    with ShareMarket.postgres(schemas.dsn, schema=market_schema) as market:
        ids = dehua_month(market)
        members = [m.firm.code for m in market.park.members()]
        head = market.event_log.head()
    env = {
        "SHAREMARKET_STORE": schemas.dsn,
        "SHAREMARKET_SCHEMA": market_schema,
        "SHAREMARKET_VIEWS": schemas.dsn,
        "SHAREMARKET_VIEWS_SCHEMA": views_schema,
    }
    assert members == [
        line["firm"] for line in json_lines(run("--json", "members", env=env).stdout)
    ]
    agreements = json_lines(run("--json", "labour", "agreements", env=env).stdout)
    assert str(ids["main"]) == agreements[0]["agreement"]
    caught = run("--json", "views", "catch-up", env=env)
    assert [{"position": head}] == json_lines(caught.stdout), caught.output
    balances = json_lines(run("--json", "balances", BORROWER, env=env).stdout)
    assert {("LABOUR_MINUTES", "received"): 930, ("CNY", "payable"): "265.00"} == {
        (b["asset"], b["account"]): b["amount"] for b in balances
    }
    assert 0 == run("audit", "verify", env=env).exit_code
    by_option = run("--store", schemas.dsn, "--schema", market_schema, "--as", "admin-1",
                    "lpr", "add", "2026-12-20", "2.95")  # fmt: skip
    assert 0 == by_option.exit_code, by_option.output
    statement = json_lines(run("--json", "statement", BORROWER, env=env).stdout)
    assert [LENDER] == [s["counterparty"] for s in statement if s["section"] == "position"
                        and s["asset"] == "CNY"]  # fmt: skip
