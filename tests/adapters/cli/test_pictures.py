"""``report --html`` and ``funds network --dot``: the page and the drawing, through the command.

The page's content and its rendering in a browser are tested in
tests/adapters/test_report_page.py and test_report_browser.py; here the command writes the same
page and DOT text the library gives for the stored v2 market, and says where it wrote them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sharemarket.adapters.network_dot import network_dot
from sharemarket.adapters.report_page import render_report_page
from sharemarket.park_views import ParkViews
from tests.adapters.cli.conftest import Run, StoredMarket


def test_report_html_writes_the_month_page_after_catching_the_views_up(
    run: Run, stored: StoredMarket, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    result = run("report", "--month", "2026-04", "--html", str(page), env=stored.env())
    assert result.exit_code == 0, result.stderr
    assert f"report page written to {page}" in result.stderr
    with stored.open() as market, ParkViews.sqlite(stored.views) as views:
        assert views.position() == market.event_log.head()
        expected = render_report_page(market, views, date(2026, 4, 1), date(2026, 4, 30))
    assert page.read_text(encoding="utf-8") == expected
    assert "needs of kind" in result.stdout  # the tables are still printed


def test_report_html_without_views_is_a_usage_error_and_writes_nothing(
    run: Run, stored: StoredMarket, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    env = {"SHAREMARKET_STORE": str(stored.path)}
    result = run("report", "--month", "2026-04", "--html", str(page), env=env)
    assert result.exit_code == 2
    assert "--views" in result.stderr
    assert not page.exists()


def test_funds_network_dot_writes_the_network_with_the_members_names(
    run: Run, stored: StoredMarket, tmp_path: Path
) -> None:
    drawing = tmp_path / "network.dot"
    result = run("funds", "network", "--dot", str(drawing), env=stored.env())
    assert result.exit_code == 0, result.stderr
    with stored.open() as market:
        names = {m.firm.code: m.name for m in market.park.members()}
        expected = network_dot(market.funds.guarantee_network(), names)
    assert drawing.read_text(encoding="utf-8") == expected
    assert any(name in expected for name in names.values())
    assert "guarantors' exposure" in result.stdout
