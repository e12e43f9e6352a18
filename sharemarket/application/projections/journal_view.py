"""The balances journal as a store holds it: its writes, and its typed queries built once.

A store implements the primitives (:meth:`JournalView.write_journal`, :meth:`JournalView.sums`,
:meth:`JournalView.firm_count`); the balances, pair positions and park totals are built here
from the sums, the same for every store.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence

from eventsourcing.persistence import Tracking

from sharemarket.application.projections.balances import (
    AsOf,
    BalanceLine,
    FirmBalances,
    PairPosition,
    ParkTotals,
    check_as_of,
)
from sharemarket.application.projections.catalogue import asset
from sharemarket.application.projections.journal import AccountKind
from sharemarket.application.projections.views import JournalBatch, View
from sharemarket.domain.firm_id import FirmId


class JournalView(View):
    """The balances journal: postings, running balances per firm and per pair, parties."""

    @abstractmethod
    def write_journal(self, batch: JournalBatch, tracking: Tracking, after: int | None) -> None:
        """Store the batch and move tracking from ``after`` to ``tracking``, atomically."""

    @abstractmethod
    def sums(
        self, firm: str | None, counterparty: str | None, as_of: AsOf
    ) -> list[tuple[str, str, int]]:
        """(asset, kind, amount) summed over the postings selected (``None``: every firm)."""

    @abstractmethod
    def firm_count(self, as_of: AsOf) -> int: ...

    # Queries ------------------------------------------------------------------------------------

    def balances(self, firm: FirmId, *, as_of: AsOf = None) -> FirmBalances:
        as_of = check_as_of(as_of)
        return FirmBalances(_lines(self.sums(firm.code, None, as_of)), firm=firm, as_of=as_of)

    def between(self, firm: FirmId, counterparty: FirmId, *, as_of: AsOf = None) -> PairPosition:
        as_of = check_as_of(as_of)
        lines = _lines(self.sums(firm.code, counterparty.code, as_of))
        return PairPosition(lines, firm=firm, counterparty=counterparty, as_of=as_of)

    def totals(self, *, as_of: AsOf = None) -> ParkTotals:
        as_of = check_as_of(as_of)
        return ParkTotals(
            _lines(self.sums(None, None, as_of)), as_of=as_of, firms=self.firm_count(as_of)
        )


def _lines(rows: Sequence[tuple[str, str, int]]) -> tuple[BalanceLine, ...]:
    lines = [BalanceLine(asset(a), AccountKind(k), amount) for a, k, amount in rows if amount]
    return tuple(sorted(lines, key=lambda line: (line.asset.value, line.kind.value)))
