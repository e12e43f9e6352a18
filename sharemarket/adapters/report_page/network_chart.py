"""The guarantee network drawn for the report page: firms on a circle, arrows guarantor →
borrower, cycles orange, the most exposed firms red.

networkx places the firms: on a circle, grouped by strongly connected component so that the
firms of a cycle sit side by side and their arrows stay short; a circle never puts two firms on
one spot, and each name stands outside it. Plotly draws.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from sharemarket.adapters.report_page.charts import CALM, CYCLE, HOT, layout
from sharemarket.adapters.report_page.content import ReportContent, short_name

try:
    import networkx as nx
    import plotly.graph_objects as go
except ImportError as missing:  # the optional extra
    raise ImportError(
        f"the report page draws the guarantee network with networkx and plotly ({missing.name} "
        "is not installed): pip install 'sharemarket[report]'"
    ) from None

#: Up to this many guarantees, each arrow carries its limit (beyond, the table does).
LABELLED_EDGES_MAX = 8
TITLE = "担保网络 guarantee network: arrows guarantor → borrower; red: most exposed, orange: cycles"


def place_firms(graph: Any) -> dict[str, tuple[float, float]]:
    """On a circle, in order of strongly connected component (largest first), then code."""
    groups = sorted(
        (sorted(component) for component in nx.strongly_connected_components(graph)),
        key=lambda members: (-len(members), members[0]),
    )
    ordered = [code for members in groups for code in members]
    circle = nx.circular_layout(ordered) if len(ordered) > 1 else {ordered[0]: (0.0, 0.0)}
    return {code: (float(circle[code][0]), float(circle[code][1])) for code in ordered}


def _side(x: float, y: float) -> str:
    """Where a firm's name stands: outside the circle."""
    if abs(x) < 0.35:
        return "top center" if y > 0 else "bottom center"
    return "middle right" if x > 0 else "middle left"


def network(content: ReportContent) -> Any:
    report = content.network
    graph = nx.DiGraph()
    graph.add_edges_from((g.guarantor.code, g.borrower.code) for g in report.guarantees)
    fig = go.Figure()
    if not graph:
        fig.add_annotation(text="no guarantees in force 无担保", showarrow=False, font_size=16)
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return layout(fig, "担保网络 guarantee network", height=260)
    pos = place_firms(graph)
    cycle_edges = {
        (c[i].code, c[(i + 1) % len(c)].code) for c in report.cycles for i in range(len(c))
    }
    hot = {f.code for f in content.most_exposed}
    looped = content.in_cycles()
    exposure = {p.firm.code: p for p in report.positions}
    largest = max((p.direct.fen for p in report.positions), default=0) or 1
    size = {
        code: 16 + 26 * math.sqrt(exposure[code].direct.fen / largest) if code in exposure else 14
        for code in pos
    }
    both_ways = {(a, b) for a, b in graph.edges if graph.has_edge(b, a)}
    labelled = len(report.guarantees) <= LABELLED_EDGES_MAX
    for g in report.guarantees:
        edge = (g.guarantor.code, g.borrower.code)
        (x0, y0), (x1, y1) = pos[edge[0]], pos[edge[1]]
        ox = oy = 0.0
        if edge in both_ways:  # A guarantees B and B guarantees A: two arrows side by side
            norm = max(math.hypot(x1 - x0, y1 - y0), 1e-9)
            ox, oy = -(y1 - y0) / norm * 0.04, (x1 - x0) / norm * 0.04
            x0, y0, x1, y1 = x0 + ox, y0 + oy, x1 + ox, y1 + oy
        in_cycle = edge in cycle_edges
        fig.add_annotation(
            x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", text="",
            showarrow=True, arrowhead=3, arrowsize=1.3,
            standoff=size[edge[1]] / 2 + 3, startstandoff=size[edge[0]] / 2 + 3,
            arrowwidth=2.5 if in_cycle else 1.3, arrowcolor=CYCLE if in_cycle else "#64748b",
        )  # fmt: skip
        if labelled:
            fig.add_annotation(
                x=(x0 + x1) / 2 + 3 * ox, y=(y0 + y1) / 2 + 3 * oy, text=escape(f"limit {g.limit}"),
                showarrow=False, bgcolor="rgba(255,255,255,0.85)",
                font={"size": 11, "color": "#334155"},
            )  # fmt: skip
    codes = list(pos)
    hovers = []
    for code in codes:
        p = exposure.get(code)
        held = f"<br>direct {p.direct}<br>through chains {p.through_chains}" if p else ""
        hovers.append(f"{escape(content.names.get(code, code))}<br>{code}{held}")
    fig.add_scatter(
        x=[pos[c][0] for c in codes], y=[pos[c][1] for c in codes], mode="markers+text",
        text=[escape(short_name(content.names.get(c, c))) for c in codes],
        textposition=[_side(*pos[c]) for c in codes], textfont={"size": 14},
        hovertext=hovers, hoverinfo="text", showlegend=False,
        marker={
            "size": [size[c] for c in codes],
            "color": [HOT if c in hot else CALM for c in codes],
            "line": {"color": [CYCLE if c in looped else "white" for c in codes], "width": 4},
        },
    )  # fmt: skip
    # Room outside the circle for the names; equal scales keep the circle round.
    fig.update_xaxes(visible=False, range=[-1.9, 1.9])
    fig.update_yaxes(visible=False, range=[-1.3, 1.3], scaleanchor="x")
    return layout(fig, TITLE, height=620)
