"""The report page: its figures come from the market's queries and land in the right tables;
it names no external resource; hostile names stay text; without the extra it says what to
install."""

from __future__ import annotations

import importlib
import math
import re
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import (
    FirmSize,
    InvalidInput,
    Minutes,
    Money,
    ParkViews,
    ShareMarket,
    business_date,
)
from sharemarket.adapters.report_page import gather, render_report_page
from tests.adapters.report_html import read
from tests.report_scene import (
    ADMIN,
    APRIL,
    CIYUN,
    JIAMEI,
    NAMES,
    SHUNMEI,
    TONGXIN,
    build,
)


@pytest.fixture
def views(tmp_path: Path) -> Iterator[ParkViews]:
    with ParkViews.sqlite(tmp_path / "views") as views:
        yield views


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The page of the April scene (memory store), rendered once for the table tests."""
    with (
        ShareMarket.in_memory() as market,
        ParkViews.sqlite(tmp_path_factory.mktemp("views")) as views,
    ):
        build(market)
        views.catch_up(market)
        return render_report_page(market, views, *APRIL)


def rows(page: str, section: str, n: int = 0) -> list[list[str]]:
    return read(page).tables[section][n]


def test_the_content_reads_every_slice_through_its_queries(
    market: ShareMarket, views: ParkViews
) -> None:
    """On every store: labour by week and pair, the venue's month, the funds' days, the most
    exposed guarantors and the cycle, each firm's balances."""
    build(market)
    views.catch_up(market)
    content = gather(market, views, *APRIL)
    assert [(date(2026, 4, 13), Minutes.of(80)), (date(2026, 4, 20), Minutes.of(56))] == (
        content.labour_by_week()
    )
    assert [(JIAMEI, TONGXIN, Minutes.of(120)), (SHUNMEI, TONGXIN, Minutes.of(16))] == [
        (a.code, b.code, m) for a, b, m in content.labour_by_pair()
    ]
    (room,) = content.venues
    expected_room = (Minutes.of(312), Minutes.of(3), Minutes.of(2), Minutes.of(1), 1)
    assert expected_room == (room.open, room.booked, room.used, room.no_show, room.no_shows)
    assert (APRIL[1], Money.of("250000"), Money.of("160000")) == content.funds[-1]
    assert {SHUNMEI, TONGXIN} == {f.code for f in content.most_exposed}
    assert {SHUNMEI, TONGXIN} == content.in_cycles()
    lines = {b.firm.code: b for b in content.balances}
    assert (Minutes.of(136), Minutes(0)) == (
        lines[TONGXIN].labour_received,
        lines[TONGXIN].labour_given,
    )
    assert Minutes.of(2) == lines[SHUNMEI].venue_given


def test_labour_tables(page: str) -> None:
    assert [["week from 周一", "hours 小时"], ["2026-04-13", "80h00"], ["2026-04-20", "56h00"]] == (
        rows(page, "labour", 0)
    )
    assert [
        ["lender 出借方", "borrower 借用方", "hours 小时"],
        [NAMES[JIAMEI], NAMES[TONGXIN], "120h00"],
        [NAMES[SHUNMEI], NAMES[TONGXIN], "16h00"],
    ] == rows(page, "labour", 1)


def test_venue_table(page: str) -> None:
    header, room = rows(page, "venues")
    assert "open 开放" == header[2]
    expected = ["顺美活动室 activity room", NAMES[SHUNMEI], "312h00", "3h00", "2h00", "1", "1h00"]
    assert [*expected, "0.6 %"] == room


def test_funds_table_shows_the_days_money_moved(page: str) -> None:
    assert [
        ["2026-04-01", "¥100,000.00", "¥0.00"],
        ["2026-04-03", "¥300,000.00", "¥0.00"],
        ["2026-04-10", "¥300,000.00", "¥130,000.00"],
        ["2026-04-15", "¥240,000.00", "¥190,000.00"],
        ["2026-04-25", "¥240,000.00", "¥170,000.00"],
        ["2026-04-28", "¥250,000.00", "¥160,000.00"],
        ["2026-04-30", "¥250,000.00", "¥160,000.00"],
    ] == rows(page, "funds")[1:]


def test_network_tables(page: str) -> None:
    exposure, cycles, guarantees = read(page).tables["network"]
    assert [
        [NAMES[SHUNMEI], SHUNMEI, "¥60,000.00", "¥50,000.00", "¥110,000.00", "most exposed, cycle"],
        [NAMES[TONGXIN], TONGXIN, "¥50,000.00", "¥60,000.00", "¥110,000.00", "most exposed, cycle"],
        [NAMES[JIAMEI], JIAMEI, "¥50,000.00", "¥0.00", "¥50,000.00", ""],
    ] == exposure[1:]
    assert [[f"{NAMES[SHUNMEI]} → {NAMES[TONGXIN]} → {NAMES[SHUNMEI]}"]] == cycles[1:]
    assert 3 == len(guarantees) - 1
    assert [NAMES[JIAMEI], NAMES[CIYUN]] == guarantees[2][:2]


def test_sharing_report_tables_are_the_matching_report(page: str) -> None:
    """Every kind of need has its row; no matched deal in April, so no firm row."""
    needs = rows(page, "sharing")
    kinds = ["labour", "capacity", "venue", "funds", "service"]
    assert [[kind, "0", "0", "0", "0"] for kind in kinds] == needs[1:]
    assert 1 == len(read(page).tables["sharing"])  # the firms' table is "nothing in this period"


def test_sharing_tables_show_every_deal_of_a_period_from_the_views(tmp_path: Path) -> None:
    """The scene was recorded today: the report of today's month has each firm's figures,
    read from the sharing view, every measure in its column."""
    with ShareMarket.in_memory() as market, ParkViews.sqlite(tmp_path / "views") as views:
        build(market)
        views.catch_up(market)
        today = business_date(datetime.now(UTC))
        period = (today.replace(day=1), today)
        report = views.sharing_report(*period)
        page = render_report_page(market, views, *period)
    every = {row[0]: row[1:] for row in read(page).tables["sharing"][1][1:]}
    assert report.firms, "the scene shares labour, venues and money"
    for firm in report.firms:
        given, received = firm.given, firm.received
        assert every[NAMES[firm.firm.code]] == [
            str(given.labour), str(received.labour), str(given.pieces), str(received.pieces),
            str(given.billed), str(given.venue), str(received.venue), str(given.lent),
            str(received.lent), str(given.guarantees), str(given.guaranteed),
        ]  # fmt: skip


def test_balances_table(page: str) -> None:
    by_firm = {row[0]: row for row in rows(page, "balances")[1:]}
    assert ["0h00", "136h00"] == by_firm[NAMES[TONGXIN]][1:3]
    assert set(NAMES.values()) == set(by_firm)


def test_the_page_names_no_external_resource(page: str) -> None:
    """No src or href leaves the file, no stylesheet link, no @import or url() in a style:
    the scripts and styles are inline, the fonts the reader's own."""
    reader = read(page)
    external = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
    for tag, attrs in reader.tags:
        for name in ("src", "href", "action", "data", "poster", "srcset"):
            value = attrs.get(name)
            assert value is None or not external.match(value), (tag, name, value)
        assert tag not in ("link", "iframe", "object", "embed", "img"), tag
        assert not (tag == "script" and "src" in attrs)
    style = "".join(reader.styles)
    assert "@import" not in style
    assert "url(" not in style
    assert "Noto Sans CJK SC" in style
    assert "Microsoft YaHei" in style
    assert "@font-face" not in style


def test_hostile_names_stay_text(market: ShareMarket, views: ParkViews) -> None:
    """A member admitted with markup and quotes in its name shows it as text: no tag, no
    script, in the tables or the charts' data."""
    build(market)
    hostile = '"><img src=x onerror=alert(1)></script><script>alert("德化")</script>'
    market.park.admit_firm(
        ADMIN, request_id="hostile", firm="91350526MA00000139", name=hostile, industry="x",
        size=FirmSize.MICRO, representatives=["hostile-01"],
    )  # fmt: skip
    views.catch_up(market)
    page = render_report_page(market, views, *APRIL)
    reader = read(page)
    assert "img" not in {tag for tag, _ in reader.tags}
    assert 0 == page.count("<script>alert")
    assert hostile in {row[0] for row in reader.tables["balances"][0]}


def test_a_period_ending_before_it_starts_is_refused(views: ParkViews) -> None:
    with ShareMarket.in_memory() as market:
        build(market)
        with pytest.raises(InvalidInput, match="before it starts"):
            render_report_page(market, views, APRIL[1], APRIL[0])
        with pytest.raises(TypeError, match=r"datetime\.date"):
            render_report_page(market, views, "2026-04-01", APRIL[1])  # type: ignore[arg-type]


def test_without_the_extra_the_error_names_it(
    monkeypatch: pytest.MonkeyPatch, views: ParkViews
) -> None:
    """With plotly missing, drawing raises an ImportError that says which extra to install;
    the content (and the DOT output) need no extra."""
    monkeypatch.setitem(sys.modules, "plotly", None)
    monkeypatch.setitem(sys.modules, "plotly.graph_objects", None)
    package = importlib.import_module("sharemarket.adapters.report_page")
    for name in ("charts", "network_chart", "page"):  # imported by earlier tests: forget them
        monkeypatch.delitem(sys.modules, f"{package.__name__}.{name}", raising=False)
        monkeypatch.delattr(package, name, raising=False)
    with ShareMarket.in_memory() as market:
        build(market)
        gather(market, views, *APRIL)
        with pytest.raises(ImportError, match=re.escape("pip install 'sharemarket[report]'")):
            render_report_page(market, views, *APRIL)
    with pytest.raises(ImportError, match="plotly"):
        importlib.import_module("sharemarket.adapters.report_page.charts")


def test_a_market_with_nothing_shared_yet_has_a_page(views: ParkViews) -> None:
    """Every section says there is nothing in the period; the only chart is the network's
    "no guarantees" notice."""
    with ShareMarket.in_memory() as market:
        market.park.establish(ADMIN, request_id="park", name="空园区")
        views.catch_up(market)
        page = render_report_page(market, views, *APRIL)
    assert ['data-chart="network"'] == re.findall(r'data-chart="[\w-]+"', page)
    assert "no guarantees in force" in page
    tables = read(page).tables
    assert "labour" not in tables
    assert "venues" not in tables
    assert [["2026-04-01", "¥0.00", "¥0.00"], ["2026-04-30", "¥0.00", "¥0.00"]] == (
        tables["funds"][0][1:]
    )


@given(
    st.sets(
        st.tuples(st.integers(0, 29), st.integers(0, 29)).filter(lambda e: e[0] != e[1]),
        min_size=1,
        max_size=60,
    )
)
def test_the_network_places_no_two_firms_on_one_spot(edges: set[tuple[int, int]]) -> None:
    """Firms sit on a circle, evenly spaced whatever the network, and the firms of each cycle
    side by side (their arrows short, the cycle readable)."""
    import networkx as nx

    from sharemarket.adapters.report_page.network_chart import place_firms

    graph = nx.DiGraph()
    graph.add_edges_from((f"F{a:02d}", f"F{b:02d}") for a, b in edges)
    pos = place_firms(graph)
    n = len(pos)
    points = list(pos.values())
    closest = min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1 :])
    assert closest > 2 * math.sin(math.pi / n) - 1e-6
    order = list(pos)
    for component in nx.strongly_connected_components(graph):
        spots = sorted(order.index(code) for code in component)
        assert spots == list(range(spots[0], spots[0] + len(spots)))
