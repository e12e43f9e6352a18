"""Trade obligations as a park's clearing sees them, whatever slice holds them.

A slice whose aggregates hold money one member firm owes another for trade (a labour
settlement, a subcontracting bill, a venue fee) makes that aggregate :class:`Clearable`: it
says what one of its obligations is now (:meth:`Clearable.open_obligation`) and records its
discharge by a clearing run as a payment of its own (:meth:`Clearable.settle_by_clearing`), so
the slice's own rules and balances see it like any payment. Loans, interest and guarantees are
not trade obligations: they stay bilateral and are never clearable.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable
from uuid import UUID

import attrs

from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money


@attrs.frozen
class OpenObligation:
    """What ``debtor`` still owes ``creditor`` on one obligation (``unpaid`` may be zero)."""

    debtor: FirmId
    creditor: FirmId
    unpaid: Money
    #: How the slice names it in words ("labour settlement 1a2b…").
    label: str


@runtime_checkable
class Clearable(Protocol):
    """An aggregate holding trade obligations a clearing run may discharge."""

    @property
    def id(self) -> UUID: ...

    def open_obligation(self, obligation_id: UUID) -> OpenObligation:
        """The obligation as it stands; :class:`~sharemarket.domain.errors.NotFound` if the
        aggregate holds no obligation of that id."""
        ...

    def settle_by_clearing(
        self, actor: Actor, *, obligation_id: UUID, run_id: UUID, amount: Money
    ) -> None:
        """Record ``amount`` of the obligation as paid by the clearing run ``run_id``."""
        ...
