"""Multilateral netting (多边净额清算): what each firm owes the others, reduced to few payments.

Firms of a park owe each other through several slices at once. Paid one by one, a ring of three
firms that each owe the next ¥100,000 moves ¥300,000; netted, it moves nothing.

**The algorithm.** First each firm's *net position*: what it is owed minus what it owes, over the
run's obligations; the positions sum to zero, and every cycle of debts cancels in them. Then the
payments that settle the positions, along a *spanning forest of the firms' relations*: two firms
are related when an obligation runs between them, in either direction. In each connected group
of related firms, Kruskal's algorithm picks the heaviest relations (gross amount between the
pair, ties broken by the firms' codes) until the group is a tree; each tree edge then carries
exactly the net position of the subtree below it, from the side that owes to the side that is
owed, and an edge that would carry zero is no payment.

Why this one: it never makes two firms pay each other unless an obligation ran between them
(a firm consents to settle with those it trades with, not with strangers), it needs at most
one payment fewer than the firms in each group (at most participants − 1 in all), it is exact
in integer fen, and it is deterministic. The fewest payments overall is NP-hard (it is the
largest partition of the firms into zero-sum groups); a spanning forest reaches that whenever a
group's positions have no zero-sum subset, which is the common case of a month's trade.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money


@attrs.frozen
class Debt:
    """``debtor`` owes ``creditor`` ``amount`` (positive)."""

    debtor: FirmId
    creditor: FirmId
    amount: Money


@attrs.frozen
class NetPayment:
    """A payment the clearing asks of ``payer`` to ``payee``, for ``amount`` (positive)."""

    payer: FirmId
    payee: FirmId
    amount: Money


def positions(debts: Iterable[Debt]) -> dict[FirmId, Money]:
    """Each firm's net position: owed to it minus owed by it (zero-sum), by firm code order."""
    fen: dict[FirmId, int] = {}
    for debt in debts:
        fen[debt.debtor] = fen.get(debt.debtor, 0) - debt.amount.fen
        fen[debt.creditor] = fen.get(debt.creditor, 0) + debt.amount.fen
    return {firm: Money(fen[firm]) for firm in sorted(fen)}


def net_payments(debts: Sequence[Debt]) -> tuple[NetPayment, ...]:
    """The payments that settle every debt's net effect, along the firms' own relations."""
    net = {firm: money.fen for firm, money in positions(debts).items()}
    tree = _spanning_forest(debts)
    payments: list[NetPayment] = []
    for root in sorted(net):
        if root in tree.visited:
            continue
        for child, parent in reversed(tree.walk(root)):
            # The subtree under ``child`` is settled within itself except for its net, which
            # crosses the edge to ``parent`` (a positive net: the parent's side pays it).
            owed_to_child = net[child]
            if owed_to_child > 0:
                payments.append(NetPayment(parent, child, Money(owed_to_child)))
            elif owed_to_child < 0:
                payments.append(NetPayment(child, parent, Money(-owed_to_child)))
            net[parent] += owed_to_child
            net[child] = 0
    return tuple(sorted(payments, key=lambda p: (p.payer, p.payee)))


class _Forest:
    def __init__(self) -> None:
        self.neighbours: dict[FirmId, list[FirmId]] = {}
        self.visited: set[FirmId] = set()

    def link(self, a: FirmId, b: FirmId) -> None:
        self.neighbours.setdefault(a, []).append(b)
        self.neighbours.setdefault(b, []).append(a)

    def walk(self, root: FirmId) -> list[tuple[FirmId, FirmId]]:
        """(child, parent) edges of ``root``'s tree, parents before their children."""
        order: list[tuple[FirmId, FirmId]] = []
        self.visited.add(root)
        stack = [root]
        while stack:
            parent = stack.pop()
            for child in sorted(self.neighbours.get(parent, ())):
                if child not in self.visited:
                    self.visited.add(child)
                    order.append((child, parent))
                    stack.append(child)
        return order


def _spanning_forest(debts: Sequence[Debt]) -> _Forest:
    """Kruskal over the relations, heaviest gross amount first, ties by the firms' codes."""
    gross: dict[tuple[FirmId, FirmId], int] = {}
    for debt in debts:
        pair = (min(debt.debtor, debt.creditor), max(debt.debtor, debt.creditor))
        gross[pair] = gross.get(pair, 0) + debt.amount.fen
    leader: dict[FirmId, FirmId] = {}

    def find(firm: FirmId) -> FirmId:
        leader.setdefault(firm, firm)
        while leader[firm] != firm:
            leader[firm] = leader[leader[firm]]
            firm = leader[firm]
        return firm

    forest = _Forest()
    for (a, b), _ in sorted(gross.items(), key=lambda item: (-item[1], item[0])):
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            leader[root_a] = root_b
            forest.link(a, b)
    return forest
