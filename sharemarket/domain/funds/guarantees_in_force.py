"""The guarantees in force, as the guarantee network keeps them: one row of plain values each.

A guarantee in force kept as a typed value costs about 425 bytes of snapshot (its type, its
field names, three credit codes each with their own type); as a row ``[guarantor, borrower,
lender, limit in fen, external]`` under its key it costs about 140. The network's decisions need
no more (who answers for whom, to whom, up to how much, and whether it is a bank loan's), and
:class:`HeldGuarantee` values are rebuilt from the rows for whoever reads them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from uuid import UUID

import attrs

from sharemarket.domain.checks import of_type
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money

#: A guarantee's row: guarantor's, borrower's and lender's credit codes, limit in fen, external.
Row = list[Any]
# Positions in a row.
GUARANTOR, BORROWER, LENDER, LIMIT, EXTERNAL = range(5)


@attrs.frozen
class HeldGuarantee:
    """A guarantee in force: ``guarantor`` answers for ``borrower``'s loan up to ``limit``.

    ``loan`` is a loan of the market, or the id of an external (bank) loan recorded for its
    guarantee alone, whose ``lender`` is then not a member.
    """

    loan: UUID
    guarantor: FirmId = attrs.field(validator=of_type(FirmId))
    borrower: FirmId = attrs.field(validator=of_type(FirmId))
    lender: FirmId = attrs.field(validator=of_type(FirmId))
    limit: Money = attrs.field(validator=of_type(Money))
    external: bool = False

    @property
    def key(self) -> str:
        """The guarantee's key in the network: the loan's id and the guarantor's credit code."""
        return f"{self.loan}:{self.guarantor.code}"


#: A credit code read back from a row was checked when the guarantee was held; the park has
#: hundreds of firms, so each is checked again once, not at every read.
firm = lru_cache(maxsize=4096)(FirmId)


def row_of(guarantee: HeldGuarantee) -> Row:
    """The row the network keeps for ``guarantee`` (under its key)."""
    g = guarantee
    return [g.guarantor.code, g.borrower.code, g.lender.code, g.limit.fen, g.external]


def guarantee_of(key: str, row: Row) -> HeldGuarantee:
    """The guarantee kept as ``row`` under ``key``."""
    loan = UUID(key.split(":", 1)[0])
    return HeldGuarantee(
        loan,
        firm(row[GUARANTOR]),
        firm(row[BORROWER]),
        firm(row[LENDER]),
        Money(row[LIMIT]),
        row[EXTERNAL],
    )


def loan_of(key: str) -> str:
    """The loan id (as text) of a guarantee's key."""
    return key.split(":", 1)[0]


def upcast_held(state: dict[str, Any]) -> None:
    """A network snapshot of version 1 kept ``held``, typed values by key: rows instead."""
    held: dict[str, HeldGuarantee] = state.pop("held")
    state["in_force"] = {key: row_of(g) for key, g in held.items()}
