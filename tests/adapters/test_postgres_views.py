"""PostgreSQL views: a schema and table prefix of the host's choosing, exactly once, kept live."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sharemarket import LABOUR_MINUTES, InvalidInput, Minutes, Money, ShareMarket
from sharemarket.adapters.postgres_view_base import PostgresView
from sharemarket.application.projections.catalogue import POSTING_RULES
from sharemarket.application.projections.runner import catch_up
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.park_views import ParkViews, ProjectionHalted, ViewOutOfStep
from tests.adapters.conftest import Schemas
from tests.park_scene import BORROWER, LENDER, THIRD, dehua_month, establish

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def market(schemas: Schemas) -> Iterator[ShareMarket]:
    with ShareMarket.postgres(schemas.dsn, schema=schemas.new(), pool_size=4) as m:
        yield m


def open_views(schemas: Schemas, schema: str, prefix: str = "sm_") -> ParkViews:
    return ParkViews.postgres(schemas.dsn, schema=schema, prefix=prefix)


def test_views_live_in_the_hosts_schema_under_its_prefix(market, schemas):
    dehua_month(market)
    schema = f"views_{uuid.uuid4().hex[:8]}"  # created by the views
    schemas.made.append(schema)
    with open_views(schemas, schema) as views:
        assert market._app.recorder.max_notification_id() == views.catch_up(market)

        assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
        assert Minutes.parse("17h30") == views.totals().shared(LABOUR_MINUTES)
        assert Minutes(120) == views.balances(THIRD).received(LABOUR_MINUTES)
        assert views.verify().ok
        assert views.verify(deep=True).ok
    tables = {
        row[0]
        for row in schemas.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", schema
        )
    }
    assert {
        "sm_journal_postings",
        "sm_journal_balances",
        "sm_journal_pairs",
        "sm_journal_parties",
        "sm_journal_tracking",
        "sm_audit_trail",
        "sm_audit_firms",
        "sm_audit_parties",
        "sm_audit_tracking",
        "sm_sharing_needs",
        "sm_sharing_waits",
        "sm_sharing_shares",
        "sm_sharing_facts",
        "sm_sharing_parties",
        "sm_sharing_tracking",
    } == tables


def test_postgres_views_hold_what_sqlite_views_hold(market, schemas, tmp_path):
    dehua_month(market)
    with open_views(schemas, schemas.new()) as pg, ParkViews.sqlite(tmp_path / "v") as lite:
        pg.catch_up(market, batch_size=9)
        lite.catch_up(market)
        for firm in (BORROWER, LENDER, THIRD):
            assert lite.balances(firm) == pg.balances(firm)
            assert lite.balances(firm, as_of=20) == pg.balances(firm, as_of=20)
        assert lite.totals() == pg.totals()
        assert list(lite.all_audit_rows()) == list(pg.all_audit_rows())
        assert lite.audit_rows(firm=THIRD, limit=5) == pg.audit_rows(firm=THIRD, limit=5)
        assert lite.audit_tail(4) == pg.audit_tail(4)


def test_an_edit_made_directly_in_the_database_is_found(market, schemas):
    dehua_month(market)
    schema = schemas.new()
    with open_views(schemas, schema) as views:
        views.catch_up(market)
        schemas.query(
            f"UPDATE {schema}.sm_audit_trail SET entry = entry || '\\x20'::bytea "
            "WHERE position = 17"
        )
        result = views.verify()
        assert (False, 17) == (result.ok, result.first_bad_position)

        schemas.query(f"DELETE FROM {schema}.sm_audit_firms WHERE position = 30")
        assert 17 == views.verify(deep=True).first_bad_position


def test_two_prefixes_in_one_schema_are_two_sets_of_views(market, schemas):
    establish(market)
    schema = schemas.new()
    with open_views(schemas, schema, "a_") as a, open_views(schemas, schema, "b_") as b:
        a.catch_up(market)
        assert (market._app.recorder.max_notification_id(), None) == (a.position(), b.position())
    with pytest.raises(InvalidInput, match="prefix"):
        open_views(schemas, schema, "Bad-Prefix")


def test_two_processes_catching_up_one_database_apply_each_event_once(market, schemas, monkeypatch):
    dehua_month(market)
    refused: list[str] = []
    move = PostgresView._move_tracking

    def counting(self: PostgresView, curs: Any, tracking: Any, after: Any) -> None:
        try:
            move(self, curs, tracking, after)
        except ViewOutOfStep:
            refused.append(self.base_name)
            raise

    monkeypatch.setattr(PostgresView, "_move_tracking", counting)
    schema = schemas.new()
    with open_views(schemas, schema) as first, open_views(schemas, schema) as second:
        catch_up(market.event_log, second._projections, stop=20)
        first.catch_up(market)
        assert first.position() == second.catch_up(market)
        assert refused, "the late reader's batch was refused, not applied again"
        assert Money.of("265.00") == second.between(BORROWER, LENDER).owes
        postings = schemas.query(f"SELECT COUNT(*) FROM {schema}.sm_journal_postings")
        assert [(14,)] == postings  # 4 confirmations, 1 reversal, 1 bill, 1 payment: 2 each
        assert second.verify().ok


@pytest.mark.parametrize("batch_size", [2000, 7])  # one batch; batches written behind
def test_a_halted_postgres_view_resumes_after_the_fix(market, schemas, monkeypatch, batch_size):
    dehua_month(market)
    monkeypatch.setitem(POSTING_RULES._rules, LabourAgreement.SettlementIssued, lambda e, b: 1 / 0)
    with open_views(schemas, schemas.new()) as views:
        with pytest.raises(ProjectionHalted) as halted:
            views.catch_up(market, batch_size=batch_size)
        assert halted.value.position - 1 == views.journal.max_tracking_id("ShareMarket")
        assert halted.value.position <= views.audit.max_tracking_id("ShareMarket")  # took it
        monkeypatch.undo()
        views.catch_up(market, batch_size=batch_size)
        assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
        assert views.verify(deep=True).ok


def test_projection_runners_keep_the_views_live(market, schemas):
    """eventsourcing's ProjectionRunner, notified by PostgreSQL, applies each new event."""
    establish(market)
    with open_views(schemas, schemas.new()) as views, views.run(market) as live:
        assert views.position() == market._app.recorder.max_notification_id()  # caught up first
        dehua_month(market, established=True)
        live.wait(market._app.recorder.max_notification_id(), timeout_s=20)

        assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
        assert views.verify().ok


def test_a_live_runner_that_fails_says_why(market, schemas, monkeypatch):
    establish(market)
    monkeypatch.setitem(POSTING_RULES._rules, LabourAgreement.ShiftConfirmed, lambda e, b: 1 / 0)
    with open_views(schemas, schemas.new()) as views, views.run(market) as live:
        dehua_month(market, established=True)
        last = market._app.recorder.max_notification_id()
        with pytest.raises(ProjectionHalted) as halted:
            live.wait(last, timeout_s=20)
        assert "LabourAgreement.ShiftConfirmed" == halted.value.event_type
        assert halted.value.position - 1 == views.journal.max_tracking_id("ShareMarket")


def test_run_needs_postgresql_on_both_sides(tmp_path, schemas):
    with ShareMarket.sqlite(tmp_path / "m.sqlite") as lite_market:
        with ParkViews.sqlite(tmp_path / "v") as lite, pytest.raises(InvalidInput, match="follow"):
            lite.run(lite_market)
        with open_views(schemas, schemas.new()) as pg, pytest.raises(InvalidInput, match="follow"):
            pg.run(lite_market)


PROJECTION_PROCESS = """
import sys
from sharemarket import ShareMarket
from sharemarket.park_views import ParkViews

dsn, market_schema, views_schema = sys.argv[1:4]
market = ShareMarket.postgres(dsn, schema=market_schema)
with ParkViews.postgres(dsn, schema=views_schema, prefix="live_") as views:
    with views.run(market) as live:
        print("running", flush=True)
        live.run_forever(timeout_s=120)
"""


def test_the_market_and_the_projection_run_in_separate_processes(market, schemas):
    """The market writes here; another process keeps the views current as events arrive."""
    views_schema = schemas.new()
    market_schema = market._app.env["POSTGRES_SCHEMA"]
    establish(market)
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(PROJECTION_PROCESS),
            schemas.dsn,
            market_schema,
            views_schema,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "running" == process.stdout.readline().strip(), process.stderr.read()
        with ParkViews.postgres(schemas.dsn, schema=views_schema, prefix="live_") as views:
            wait_for(views, market._app.recorder.max_notification_id())
            assert Minutes(0) == views.totals().shared(LABOUR_MINUTES)

            dehua_month(market, established=True)
            wait_for(views, market._app.recorder.max_notification_id())
            assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
            assert Minutes.parse("17h30") == views.totals().shared(LABOUR_MINUTES)
            assert views.verify().ok
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(views: ParkViews, position: int | None, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while (views.position() or 0) < (position or 0):
        assert time.monotonic() < deadline, f"views at {views.position()}, not {position}"
        time.sleep(0.05)
