"""What the journal answers: balances of a firm, the position between two firms, park totals.

Amounts are signed sums of postings in the asset's unit (fen, minutes). The helpers turn them
into the figures people ask for, always as positive numbers of the named thing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

import attrs

from sharemarket.application.projections.journal import (
    CNY,
    PAYABLES,
    RECEIVABLES,
    AccountKind,
    Asset,
)
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money

AsOf = int | date | None
"""A past point of the journal: a position (notification id), the end of a park business date,
or ``None`` for everything processed so far."""


def check_as_of(as_of: object) -> AsOf:
    if as_of is None or (isinstance(as_of, int) and not isinstance(as_of, bool)):
        return as_of
    if isinstance(as_of, datetime):
        raise InvalidInput(
            f"as_of {as_of.isoformat()} is a datetime; give a position (int) or a park business "
            "date (datetime.date): balances as of a date include every posting of that date"
        )
    if isinstance(as_of, date):
        return as_of
    raise InvalidInput(f"as_of must be a position (int), a date or None, not {as_of!r}")


Q = TypeVar("Q")


@attrs.frozen
class BalanceLine:
    asset: Asset[Any]
    kind: AccountKind
    amount: int


@attrs.frozen
class Lines:
    """Signed amounts by asset and account kind."""

    lines: tuple[BalanceLine, ...] = ()

    def amount(self, asset: Asset[Any], kind: AccountKind | None = None) -> int:
        """The signed sum of the lines of one asset (of one account kind, or all), in its unit."""
        return sum(
            line.amount
            for line in self.lines
            if line.asset == asset and (kind is None or line.kind is kind)
        )

    def given(self, asset: Asset[Q]) -> Q:
        """How much of ``asset`` this side gave others (the hours its workers worked for them)."""
        return asset.quantity(-self.amount(asset, AccountKind.GIVEN))

    def received(self, asset: Asset[Q]) -> Q:
        """How much of ``asset`` this side received from others."""
        return asset.quantity(self.amount(asset, AccountKind.RECEIVED))

    @property
    def receivable(self) -> Money:
        """Owed to this side and not yet paid, on every receivable account (bills, loans,
        interest, subrogation claims; read one with ``amount(CNY, kind)``)."""
        return Money(sum(self.amount(CNY, kind) for kind in RECEIVABLES))

    @property
    def payable(self) -> Money:
        """Owed by this side and not yet paid, on every payable account."""
        return Money(-sum(self.amount(CNY, kind) for kind in PAYABLES))


@attrs.frozen
class FirmBalances(Lines):
    """One firm's balances with every counterparty together."""

    firm: FirmId = attrs.field(kw_only=True)
    as_of: AsOf = attrs.field(kw_only=True)


@attrs.frozen
class PairPosition(Lines):
    """What stands between ``firm`` and ``counterparty``, seen from ``firm``."""

    firm: FirmId = attrs.field(kw_only=True)
    counterparty: FirmId = attrs.field(kw_only=True)
    as_of: AsOf = attrs.field(kw_only=True)

    @property
    def owes(self) -> Money:
        """Net money ``firm`` owes ``counterparty``; negative when the counterparty owes it."""
        return Money(-self.amount(CNY))

    def net(self, asset: Asset[Q]) -> Q:
        """What ``firm`` received of ``asset`` from the counterparty less what it gave it."""
        return asset.quantity(self.amount(asset))


@attrs.frozen
class ParkTotals(Lines):
    """Every firm's balances added up; each asset nets to zero, so read one side of it."""

    as_of: AsOf = attrs.field(kw_only=True)
    firms: int = attrs.field(kw_only=True)

    def shared(self, asset: Asset[Q]) -> Q:
        """The park's total of ``asset`` shared: what every receiving firm received."""
        return self.received(asset)

    @property
    def outstanding(self) -> Money:
        """Billed and still unpaid across the park."""
        return self.receivable
