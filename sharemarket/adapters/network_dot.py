"""The guarantee network as Graphviz DOT text, for hosts that draw their own pictures.

Firms are nodes labelled with their name and exposure, guarantees are edges guarantor →
borrower labelled with their limit; the edges of a cycle (互保链) are orange and the most
exposed firms red, as on the report page. Every name is quoted: any text a member was admitted
with (quotes, backslashes, line breaks, Chinese) stays one DOT string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sharemarket.adapters.report_page.content import most_exposed
from sharemarket.domain.funds.network import NetworkReport

FONT = "Noto Sans CJK SC"
TITLE = "担保网络 guarantee network: guarantor -> borrower; red: most exposed, double: on a cycle"
HOT, CYCLE, CALM = "#dc2626", "#ea580c", "#64748b"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")


def quote(text: str) -> str:
    """A DOT double-quoted string showing ``text`` as written: backslashes and quotes escaped,
    line breaks as Graphviz's ``\\n``, other control characters as spaces."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\n", "\\n")
    return '"' + _CONTROL.sub(" ", escaped) + '"'


def network_dot(network: NetworkReport, names: Mapping[str, str] | None = None) -> str:
    """DOT text of ``market.funds.guarantee_network()``; ``names`` (credit code → name, e.g.
    from ``market.park.members()``) labels the firms, which are named by code without it."""
    names = names or {}
    hot = {f.code for f in most_exposed(network)}
    in_cycle = {f.code for cycle in network.cycles for f in cycle}
    cycle_edges = {
        (c[i].code, c[(i + 1) % len(c)].code) for c in network.cycles for i in range(len(c))
    }
    positions = {p.firm.code: p for p in network.positions}
    firms = sorted({f.code for g in network.guarantees for f in (g.guarantor, g.borrower)})
    lines = [
        "digraph guarantee_network {",
        f"  graph [label={quote(TITLE)}, labelloc=t, fontname={quote(FONT)}];",
        f'  node [shape=box, style="rounded,filled", fillcolor=white, fontname={quote(FONT)}];',
        f"  edge [fontname={quote(FONT)}, color={quote(CALM)}];",
    ]
    for code in firms:
        label = names.get(code, code)
        p = positions.get(code)
        if p is not None:
            label += f"\ndirect {p.direct}\nthrough chains {p.through_chains}"
        style = []
        if code in hot:
            style += [f"fillcolor={quote('#fee2e2')}", f"color={quote(HOT)}", "penwidth=3"]
        elif code in in_cycle:
            style += [f"color={quote(CYCLE)}"]
        if code in in_cycle:
            style += ["peripheries=2"]
        attrs = ", ".join([f"label={quote(label)}", f"tooltip={quote(code)}", *style])
        lines.append(f"  {quote(code)} [{attrs}];")
    for g in network.guarantees:
        edge = (g.guarantor.code, g.borrower.code)
        label = f"limit {g.limit}" + (" (external)" if g.external else "")
        style = [f"label={quote(label)}"]
        if edge in cycle_edges:
            style += [f"color={quote(CYCLE)}", "penwidth=2.5"]
        lines.append(f"  {quote(edge[0])} -> {quote(edge[1])} [{', '.join(style)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
