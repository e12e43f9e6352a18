"""A part's unpaid bills as a trade obligation a park clearing run may net
(``sharemarket.domain.obligations.Clearable``): the issuer owes the subcontractor what it billed
and was not paid. The obligation's id is the part's own id: a part's bills are one obligation.

A mixin of :class:`~sharemarket.domain.subcontracting.part.SubcontractPart`; its event
(``SettledByClearing``) stays nested in the part's class, where its stored topic names it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money
from sharemarket.domain.obligations import OpenObligation
from sharemarket.domain.subcontracting.errors import PartOverpayment


class PartClearing:
    if TYPE_CHECKING:  # provided by SubcontractPart (and eventsourcing's Aggregate)
        id: UUID
        issuer: FirmId
        subcontractor: FirmId
        SettledByClearing: Any

        @property
        def owed(self) -> Money: ...

        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...

    def open_obligation(self, obligation_id: UUID) -> OpenObligation:
        if obligation_id != self.id:
            raise NotFound(
                f"part {self.id} holds one obligation, its own bills, not {obligation_id}"
            )
        return OpenObligation(
            debtor=self.issuer,
            creditor=self.subcontractor,
            unpaid=self.owed,
            label=f"the unpaid bills of subcontracting part {self.id}",
        )

    def settle_by_clearing(
        self, actor: Actor, *, obligation_id: UUID, run_id: UUID, amount: Money
    ) -> None:
        owed = self.open_obligation(obligation_id).unpaid
        if amount.fen <= 0 or amount > owed:
            raise PartOverpayment(
                f"clearing run {run_id} would pay {amount} on part {self.id}, which has {owed} "
                "unpaid"
            )
        self.trigger_event(self.SettledByClearing, run_id=run_id, amount=amount, actor=actor)
