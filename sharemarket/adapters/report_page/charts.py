"""The report page's charts, drawn with plotly; the guarantee network laid out by networkx.

Plotly draws in the browser from JSON and its own inlined script, so the page needs no network
and shows Chinese in whatever CJK font the reader's system has (the page names the usual ones).
Hours and yuan become floats here, for the axes only: every figure in a table is exact.
"""

from __future__ import annotations

from html import escape
from math import log10
from typing import Any

from sharemarket.adapters.report_page.content import ReportContent

try:
    import plotly.graph_objects as go
except ImportError as missing:  # the optional extra
    raise ImportError(
        f"the report page draws with plotly ({missing.name} is not installed): "
        "pip install 'sharemarket[report]'"
    ) from None

FONTS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
    '"WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", '
    '"Heiti SC", "SimHei", "Helvetica Neue", Arial, sans-serif'
)
PALETTE = ("#2563eb", "#16a34a", "#d97706", "#9333ea", "#0891b2", "#db2777", "#65a30d")
HOT, CYCLE, CALM = "#dc2626", "#ea580c", "#2563eb"


def layout(fig: Any, title: str, height: int = 420) -> Any:
    fig.update_layout(
        title={"text": title, "x": 0.01},
        font={"family": FONTS, "size": 13},
        height=height,
        margin={"l": 72, "r": 24, "t": 60, "b": 60},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "y": -0.18},
    )
    fig.update_xaxes(gridcolor="#e5e7eb", automargin=True)
    fig.update_yaxes(gridcolor="#e5e7eb", automargin=True, zerolinecolor="#9ca3af")
    return fig


def labour_by_week(content: ReportContent) -> Any:
    """Stacked bars: each week's hours, one colour per (lender → borrower)."""
    fig = go.Figure()
    weeks = [w for w, _ in content.labour_by_week()]
    labels = [f"W{w.isocalendar().week} {w:%m-%d}" for w in weeks]
    pairs = content.labour_by_pair()
    for n, (lender, borrower, _) in enumerate(pairs):
        hours = [
            sum(
                r.minutes.value
                for r in content.labour
                if r.week == w and r.lender == lender and r.borrower == borrower
            )
            / 60
            for w in weeks
        ]
        fig.add_bar(
            x=labels,
            y=hours,
            name=escape(f"{content.short(lender)} → {content.short(borrower)}"),
            marker_color=PALETTE[n % len(PALETTE)],
        )
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(title_text="小时 hours")
    return layout(fig, "共享用工 shared labour hours by week (Monday)")


def labour_by_pair(content: ReportContent) -> Any:
    pairs = content.labour_by_pair()
    fig = go.Figure(
        go.Bar(
            y=[escape(f"{content.short(a)} → {content.short(b)}") for a, b, _ in pairs],
            x=[m.value / 60 for _, _, m in pairs],
            orientation="h",
            marker_color=[PALETTE[n % len(PALETTE)] for n in range(len(pairs))],
            text=[str(m) for _, _, m in pairs],
            textposition="auto",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="小时 hours (lender → borrower)")
    return layout(fig, "共享用工 hours by firm pair", height=max(260, 90 + 60 * len(pairs)))


def venues(content: ReportContent) -> Any:
    """Grouped bars per venue: hours open, booked, used and lost to no-shows."""
    fig = go.Figure()
    names = [escape(v.name) for v in content.venues]
    series = (
        ("open 开放", [v.open for v in content.venues], "#94a3b8"),
        ("booked 预约", [v.booked for v in content.venues], PALETTE[0]),
        ("used 使用", [v.used for v in content.venues], PALETTE[1]),
        ("no-show 爽约", [v.no_show for v in content.venues], HOT),
    )
    for label, values, colour in series:
        fig.add_bar(
            x=names,
            y=[m.value / 60 for m in values],
            name=label,
            marker_color=colour,
            text=[str(m) for m in values],
            textposition="outside",
            cliponaxis=False,
        )
    fig.update_layout(barmode="group")
    top = max((m.value / 60 for _, values, _ in series for m in values), default=1.0)
    # Decades on the axis, from half an hour: an hour's bar still shows beside a month's.
    fig.update_yaxes(
        title_text="小时 hours", type="log", dtick=1, range=[log10(0.5), log10(max(top, 1)) + 0.3]
    )
    months = ", ".join(f"{m:%Y-%m}" for m in content.months)
    return layout(fig, f"阵地共享 venue utilisation ({months}, log scale)")


def funds(content: ReportContent) -> Any:
    days = [d.isoformat() for d, _, _ in content.funds]
    fig = go.Figure()
    fig.add_scatter(
        x=days,
        y=[cash.fen / 100 for _, cash, _ in content.funds],
        name="资金池现金 pool cash",
        mode="lines",
        line={"shape": "hv", "color": PALETTE[1], "width": 3},
    )
    fig.add_scatter(
        x=days,
        y=[owed.fen / 100 for _, _, owed in content.funds],
        name="贷款余额 loans outstanding (principal)",
        mode="lines",
        line={"shape": "hv", "color": PALETTE[3], "width": 3},
    )
    fig.update_yaxes(title_text="元 yuan", rangemode="tozero", tickformat=",.0f")
    return layout(fig, "资金 pool cash and loans outstanding, day by day")
