"""The report page in a real headless browser (Debian's Chromium), cut off from the network:
every chart is drawn, in a font that has Chinese glyphs.

Without Chromium the test is skipped on a developer's machine and fails in CI (CI=true), where
.ci/run installs it with fonts-noto-cjk.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sharemarket import ParkViews, ShareMarket
from sharemarket.adapters.report_page import render_report_page
from tests.conftest import IN_CI
from tests.report_scene import APRIL, build

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
CHARTS = {
    "labour-weeks": 'class="trace bars"',
    "labour-pairs": 'class="trace bars"',
    "venues": 'class="trace bars"',
    "funds": 'class="js-line"',
    "network": 'class="annotation-arrow-g"',
}
TIMEOUT_S = 180


def browser() -> str:
    found = os.environ.get("SHAREMARKET_CHROMIUM") or next(
        (path for name in BROWSERS if (path := shutil.which(name))), None
    )
    if found is None:
        message = "no Chromium for the browser test (apt-get install chromium fonts-noto-cjk)"
        if IN_CI:
            pytest.fail(message + ": CI must run it")
        pytest.skip(message)
    return found


def run(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium on ``page`` with every host name unresolvable: anything the page fetched from
    the network would be missing."""
    command = [
        browser(),
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=10000",  # let the scripts run before the dump or the picture
        *args,
        page.as_uri(),
    ]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT_S, check=True, cwd=tmp_path
    )


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    with ShareMarket.in_memory() as market, ParkViews.sqlite(folder / "views") as views:
        build(market)
        views.catch_up(market)
        html = render_report_page(market, views, *APRIL)
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    return page


def chart_dom(dom: str, name: str) -> str:
    """The dumped DOM of one chart's container: from its div to the next chart's."""
    start = dom.index(f'data-chart="{name}"')
    end = dom.find('data-chart="', start + 1)
    return dom[start : end if end != -1 else len(dom)]


def test_every_chart_is_drawn_offline(page_file: Path, tmp_path: Path) -> None:
    """After the scripts ran, each chart holds plotly's SVG with its marks (bars, lines, the
    network's arrows) and the Chinese labels as text."""
    dom = run(page_file, tmp_path, "--dump-dom").stdout
    for name, marks in CHARTS.items():
        drawn = chart_dom(dom, name)
        assert 'class="main-svg"' in drawn, name
        assert marks in drawn, name
    assert re.search(r"<text[^>]*>[^<]*佳美陶瓷 → 同鑫陶瓷", chart_dom(dom, "labour-weeks"))
    assert re.search(r"<text[^>]*>顺美陶瓷</text>", chart_dom(dom, "network"))


def test_the_screenshot_is_taken_with_a_chinese_font_installed(
    page_file: Path, tmp_path: Path
) -> None:
    """The page's picture: a PNG of the whole window. Its Chinese shows as glyphs, not boxes,
    when the system has a CJK font the page's font stack names (fonts-noto-cjk)."""
    shot = tmp_path / "report.png"
    run(page_file, tmp_path, f"--screenshot={shot}", "--window-size=1400,3000")
    data = shot.read_bytes()
    assert b"\x89PNG\r\n\x1a\n" == data[:8]
    assert len(data) > 100_000  # a blank page of this size compresses to a few kB
    families = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True
    ).stdout
    assert "Noto Sans CJK SC" in families
