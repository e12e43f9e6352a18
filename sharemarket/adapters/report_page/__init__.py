"""The park's report page: one self-contained HTML file of a period's tables and charts.

Needs the optional extra: ``pip install 'sharemarket[report]'`` (plotly draws, networkx lays
out the guarantee network). Without it, importing the drawing raises an ImportError that says so.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sharemarket.adapters.report_page.content import ReportContent, gather
from sharemarket.application.market import ShareMarket

if TYPE_CHECKING:
    from sharemarket.park_views import ParkViews

__all__ = ["ReportContent", "gather", "render_report_page"]


def render_report_page(
    market: ShareMarket, views: ParkViews, first_day: date, last_day: date
) -> str:
    """The page of ``first_day`` to ``last_day`` (both counted): labour shared by week and firm
    pair, venue utilisation, pool cash and loans outstanding, the guarantee network, the
    matching sharing report and each firm's balances. Scripts and styles are inlined: the page
    opens with no network. ``views`` must have caught up with ``market`` for current balances.
    """
    content = gather(market, views, first_day, last_day)
    from sharemarket.adapters.report_page.page import render  # the extra, when drawing

    return render(content)
