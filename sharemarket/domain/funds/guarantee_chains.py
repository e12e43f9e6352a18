"""The chains of the guarantee network: its cycles (互保链), what each firm reaches along it, and
the report of every guarantor's exposure directly and through the chains."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.guarantees_in_force import HeldGuarantee
from sharemarket.domain.money import Money


def cycles(edges: Iterable[tuple[FirmId, FirmId]]) -> tuple[tuple[FirmId, ...], ...]:
    """Every elementary cycle of the directed graph guarantor → borrower, each once, starting
    from its smallest credit code (Johnson's idea without its speed: a park has hundreds of
    firms, not millions)."""
    graph: dict[str, set[str]] = {}
    firms: dict[str, FirmId] = {}
    for guarantor, borrower in edges:
        graph.setdefault(guarantor.code, set()).add(borrower.code)
        firms[guarantor.code], firms[borrower.code] = guarantor, borrower
    found: list[tuple[FirmId, ...]] = []
    for start in sorted(graph):
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    found.append(tuple(firms[c] for c in path))
                elif nxt > start and nxt not in path:
                    stack.append((nxt, [*path, nxt]))
    return tuple(sorted(found, key=lambda c: [f.code for f in c]))


def reaches(edges: Iterable[tuple[FirmId, FirmId]], source: FirmId) -> set[str]:
    """Credit codes reachable from ``source`` along guarantor → borrower edges (not itself,
    unless on a cycle)."""
    return reaches_codes(((g.code, b.code) for g, b in edges), source.code)


def reaches_codes(edges: Iterable[tuple[str, str]], source: str) -> set[str]:
    graph: dict[str, set[str]] = {}
    for guarantor, borrower in edges:
        graph.setdefault(guarantor, set()).add(borrower)
    seen: set[str] = set()
    todo = list(graph.get(source, ()))
    while todo:
        code = todo.pop()
        if code not in seen:
            seen.add(code)
            todo.extend(graph.get(code, ()))
    return seen


@attrs.frozen
class GuarantorPosition:
    """A firm's contingent exposure: ``direct`` on the loans it guarantees, and ``through_chains``
    on the loans guaranteed by the firms it guarantees, and so on along the network (what would
    fall on it if defaults spread through the chain)."""

    firm: FirmId
    direct: Money
    through_chains: Money


@attrs.frozen
class NetworkReport:
    """Every guarantor's position, the guarantees in force, and the network's cycles."""

    positions: tuple[GuarantorPosition, ...]
    guarantees: tuple[HeldGuarantee, ...]
    cycles: tuple[tuple[FirmId, ...], ...]


def report(held: Iterable[HeldGuarantee], exposure: dict[str, Money]) -> NetworkReport:
    """The report, given each held guarantee's exposure now (by its key)."""
    guarantees = tuple(sorted(held, key=lambda g: g.key))
    edges = [(g.guarantor, g.borrower) for g in guarantees]
    direct: dict[str, Money] = {}
    firms: dict[str, FirmId] = {}
    for g in guarantees:
        firms[g.guarantor.code] = g.guarantor
        direct[g.guarantor.code] = direct.get(g.guarantor.code, Money(0)) + exposure[g.key]
    positions = []
    for code in sorted(firms):
        chained = reaches(edges, firms[code]) - {code}
        positions.append(
            GuarantorPosition(
                firms[code], direct[code], Money.sum(direct.get(c, Money(0)) for c in chained)
            )
        )
    return NetworkReport(tuple(positions), guarantees, cycles(edges))
