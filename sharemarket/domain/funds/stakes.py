"""Each contributor's stake in the pool, kept as one row of integer fen per contributor.

A row is ``[contributed, income, losses, fen_days]``: its contribution net of withdrawals, its
shares of the income earned and of the losses written off so far, and the fen-days its
contribution has stood in the pool since the last income or loss was shared (see ``shares``).
A firm whose row is all zero has nothing in the pool and is owed nothing by it, and no decision
or statement tells it from a firm that never contributed: its row is dropped. So the pool keeps
its contributors with a stake, not every firm that ever contributed, and a row costs about
40 bytes of snapshot where three typed amounts and a weight cost about 170 (issue 20).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds import shares
from sharemarket.domain.money import Money

#: Rows by credit code.
Stakes = dict[str, list[int]]
# Positions in a row.
CONTRIBUTED, INCOME, LOSSES, FEN_DAYS = range(4)


def column(stakes: Mapping[str, list[int]], at: int) -> dict[str, int]:
    """The non-zero figures of one column, by credit code."""
    return {code: row[at] for code, row in stakes.items() if row[at]}


def amounts(stakes: Mapping[str, list[int]], at: int) -> dict[str, Money]:
    """The non-zero amounts of one column, by credit code."""
    return {code: Money(fen) for code, fen in column(stakes, at).items()}


def add(stakes: Stakes, code: str, at: int, fen: int) -> None:
    """Add ``fen`` to one figure of ``code``'s row, dropping the row once all zero.

    Rows change in place, as the labour agreement's shift rows do: a snapshot is encoded as
    soon as it is taken, and a pool of hundreds of contributors would otherwise copy them all
    at every event.
    """
    row = stakes.get(code)
    if row is None:
        if not fen:
            return
        row = stakes[code] = [0, 0, 0, 0]
    row[at] += fen
    if not any(row):
        del stakes[code]


def advance(stakes: Stakes, clock: date | None, on: date) -> date | None:
    """Accrue each contribution's fen-days from ``clock`` to ``on`` (the rule of
    ``shares.advance``, on the rows); the clock it moves to, never back."""
    if clock is None:
        return on
    days = (on - clock).days
    if days <= 0:
        return clock
    for row in stakes.values():
        if row[CONTRIBUTED] > 0:
            row[FEN_DAYS] += row[CONTRIBUTED] * days
    return on


def share(stakes: Stakes, amount: Money, at: int) -> None:
    """Share ``amount`` of income (``at`` INCOME) or of losses (LOSSES) out over the fen-days
    accrued (over the contributions when none are: ``shares.share_out``), then start the
    fen-days afresh."""
    parts = shares.split(amount, column(stakes, FEN_DAYS))
    if not parts and amount:
        parts = shares.split(amount, column(stakes, CONTRIBUTED))
    for code, part in parts.items():
        add(stakes, code, at, part.fen)
    if amount:
        for row in stakes.values():
            row[FEN_DAYS] = 0
        for code in [code for code, row in stakes.items() if not any(row)]:
            del stakes[code]


def give_back(stakes: Stakes, amount: Money) -> None:
    """Lower the losses shared by ``amount`` recovered, pro rata to each contributor's losses."""
    left = shares.give_back(amount, amounts(stakes, LOSSES))
    for code, fen in column(stakes, LOSSES).items():
        add(stakes, code, LOSSES, left.get(code, Money(0)).fen - fen)


class PoolStakes:
    """What a pool's stakes say, and how its events change them (a mixin of ``Pool``)."""

    stakes: Stakes
    clock: date | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        upcast_stakes(state)

    def contribution_of(self, firm: FirmId) -> Money:
        return Money(self.stakes.get(firm.code, (0,))[CONTRIBUTED])

    @property
    def contributions(self) -> dict[str, Money]:
        """Each contribution net of withdrawals, of every firm with a stake in the pool (a
        contribution, or a share of income or losses), by credit code."""
        return {c: Money(row[CONTRIBUTED]) for c, row in self.stakes.items() if any(row[:FEN_DAYS])}

    @property
    def income_shares(self) -> dict[str, Money]:
        """Each contributor's share of the income earned, by credit code (none: not listed)."""
        return amounts(self.stakes, INCOME)

    @property
    def loss_shares(self) -> dict[str, Money]:
        """Each contributor's share of the losses, by credit code (none: not listed)."""
        return amounts(self.stakes, LOSSES)

    @property
    def weights(self) -> dict[str, int]:
        """The fen-days each contribution has stood since the last share (none: not listed)."""
        return column(self.stakes, FEN_DAYS)

    @property
    def contributed(self) -> Money:
        return Money(sum(row[CONTRIBUTED] for row in self.stakes.values()))

    def _contribute(self, firm: FirmId, amount: Money, on: date) -> None:
        """``amount`` contributed on ``on`` (withdrawn: negative), after the fen-days to it."""
        self._advance(on)
        add(self.stakes, firm.code, CONTRIBUTED, amount.fen)

    def _give_back(self, amount: Money) -> None:
        give_back(self.stakes, amount)

    def _advance(self, on: date) -> None:
        self.clock = advance(self.stakes, self.clock, on)

    def _share(self, amount: Money, into: int, on: date) -> None:
        self._advance(on)
        share(self.stakes, amount, into)


def upcast_stakes(state: dict[str, Any]) -> None:
    """A pool snapshot of version 1 kept ``contributions``, ``income_shares`` and
    ``loss_shares`` (amounts) and ``weights`` (fen-days), each by credit code: rows instead."""
    contributed: dict[str, Money] = state.pop("contributions")
    income: dict[str, Money] = state.pop("income_shares")
    losses: dict[str, Money] = state.pop("loss_shares")
    weights: dict[str, int] = state.pop("weights")
    stakes: Stakes = {}
    for code in sorted({*contributed, *income, *losses, *weights}):
        row = [
            contributed.get(code, Money(0)).fen,
            income.get(code, Money(0)).fen,
            losses.get(code, Money(0)).fen,
            weights.get(code, 0),
        ]
        if any(row):
            stakes[code] = row
    state["stakes"] = stakes
