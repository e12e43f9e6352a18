"""network_dot: the guarantee network as DOT text that parses, whatever the firms' names."""

from __future__ import annotations

import re
from uuid import UUID

import pydot
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import FirmId, Money, ShareMarket
from sharemarket.adapters.network_dot import network_dot, quote
from sharemarket.domain.funds.network import HeldGuarantee, report
from tests.report_scene import CIYUN, JIAMEI, NAMES, SHUNMEI, TONGXIN, build

# pydot's parser calls pyparsing's old names, which warn on every parse.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def parse(dot: str) -> pydot.Dot:
    graphs = pydot.graph_from_dot_data(dot)
    assert graphs is not None, dot
    (graph,) = graphs
    return graph


def unquote(value: str) -> str:
    """A DOT string's text as Graphviz reads it (the escapes network_dot writes)."""
    assert value.startswith('"'), value
    assert value.endswith('"'), value
    out, chars = [], iter(value[1:-1])
    for c in chars:
        if c == "\\":
            nxt = next(chars)
            out.append("\n" if nxt == "n" else nxt)
        else:
            out.append(c)
    return "".join(out)


def nodes(graph: pydot.Dot) -> dict[str, dict[str, str]]:
    return {
        unquote(n.get_name()): n.get_attributes()
        for n in graph.get_nodes()
        if n.get_name() not in ("node", "edge", "graph")
    }


def test_the_scene_network_firms_edges_cycle_and_most_exposed() -> None:
    with ShareMarket.in_memory() as market:
        build(market)
        network = market.funds.guarantee_network()
    graph = parse(network_dot(network, NAMES))
    found = nodes(graph)
    assert {TONGXIN, JIAMEI, SHUNMEI, CIYUN} == set(found)
    expected_label = f"{NAMES[SHUNMEI]}\ndirect ¥60,000.00\nthrough chains ¥50,000.00"
    assert expected_label == unquote(found[SHUNMEI]["label"])
    assert '"#dc2626"' == found[SHUNMEI]["color"]  # most exposed
    assert "2" == found[TONGXIN]["peripheries"]  # on the cycle
    assert "color" not in found[JIAMEI]
    edges = {
        (unquote(e.get_source()), unquote(e.get_destination())): e.get_attributes()
        for e in graph.get_edges()
    }
    assert {(SHUNMEI, TONGXIN), (TONGXIN, SHUNMEI), (JIAMEI, CIYUN)} == set(edges)
    assert '"#ea580c"' == edges[(SHUNMEI, TONGXIN)]["color"]
    assert "limit ¥80,000.00" == unquote(edges[(SHUNMEI, TONGXIN)]["label"])
    assert "color" not in edges[(JIAMEI, CIYUN)]


def test_an_empty_network_is_an_empty_graph() -> None:
    assert {} == nodes(parse(network_dot(report((), {}))))


CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\u0085\u2028\u2029]")
A, B = FirmId("91350526MA2YB7LX39"), FirmId("91350526MA31HQ2D6G")
names = st.text(
    alphabet=st.one_of(st.sampled_from('"\\\n\r\t{}[];=,-><#/*'), st.characters(codec="utf-8")),
    max_size=30,
)


@given(first=names, second=names)
def test_hostile_names_parse_and_read_back(first: str, second: str) -> None:
    """Quotes, backslashes, line breaks, braces, comment markers and any Unicode in a name: the
    DOT text parses into the same two nodes and one edge, each label reading back the name
    (control characters other than line breaks become spaces)."""
    held = HeldGuarantee(UUID(int=1), A, B, FirmId("913505261543981209"), Money(100))
    dot = network_dot(report([held], {held.key: Money(100)}), {A.code: first, B.code: second})
    graph = parse(dot)
    found = nodes(graph)
    assert {A.code, B.code} == set(found)
    assert 1 == len(graph.get_edges())
    expected = CONTROL_BUT_NEWLINE.sub(" ", second.replace("\r\n", "\n"))
    assert expected == unquote(found[B.code]["label"])
    assert expected == unquote(quote(second))
