"""The billing of a labour agreement: the lender issues settlements of confirmed shifts, the
borrower records payments against them, never more than is owed.

A mixin of :class:`~sharemarket.domain.labour.agreement.LabourAgreement` (see
``agreement_shifts.py`` for why).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.errors import AgreementNotActive, NothingToSettle, Overpayment
from sharemarket.domain.labour.policy import WorkingTimePolicy
from sharemarket.domain.labour.settlement import Settlement, settle
from sharemarket.domain.labour.status import AgreementStatus
from sharemarket.domain.money import Money, check_amount
from sharemarket.domain.obligations import OpenObligation
from sharemarket.domain.park.membership import Park
from sharemarket.domain.time import check_business_date

if TYPE_CHECKING:
    from sharemarket.domain.labour.shift_book import ShiftBook


class AgreementBilling:
    """Settlements and payments of an agreement, and what is still owed on each."""

    if TYPE_CHECKING:  # provided by LabourAgreement (and eventsourcing's Aggregate)
        id: UUID
        borrower: FirmId
        lender: FirmId
        status: AgreementStatus
        rate_per_hour: Money
        settlements: dict[str, Settlement]
        paid: dict[str, int]
        paid_off: dict[str, int]
        SettlementIssued: Any
        PaymentRecorded: Any
        SettledByClearing: Any

        @property
        def book(self) -> ShiftBook: ...

        @property
        def label(self) -> str: ...

        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...

        def _require_party(self, park: Park, actor: Actor) -> None: ...

    def settlement(self, settlement_id: UUID) -> Settlement:
        """The settlement: any on a replay of the history, one not yet paid in full on a stored
        agreement (see ``forgetting.py``)."""
        settlement = self.settlements.get(str(settlement_id))
        if settlement is not None:
            return settlement
        if str(settlement_id) in self.paid_off:
            raise NotFound(
                f"settlement {settlement_id} of {self.label} is paid in full, so the stored "
                "agreement no longer keeps it; read it on the agreement's history"
            )
        raise NotFound(f"settlement {settlement_id} was not issued under {self.label}")

    def owed_on(self, settlement_id: UUID) -> Money:
        """What is still owed on the settlement (nothing on one paid in full)."""
        if str(settlement_id) in self.paid_off:
            return Money.zero()
        settlement = self.settlement(settlement_id)
        return settlement.amount - Money(self.paid[str(settlement_id)])

    def issue_settlement(
        self,
        park: Park,
        actor: Actor,
        *,
        settlement_id: UUID,
        first_day: date,
        last_day: date,
        policy: WorkingTimePolicy,
    ) -> Settlement:
        """Bill every confirmed, unsettled shift worked from ``first_day`` to ``last_day``."""
        park.require_representative(actor, self.lender, must_be_active=False)
        if self.status not in (AgreementStatus.ACTIVE, AgreementStatus.CLOSED):
            raise AgreementNotActive(f"{self.label} is {self.status.value}: nothing to settle")
        check_business_date(first_day, "first_day")
        check_business_date(last_day, "last_day")
        if last_day < first_day:
            raise InvalidInput(f"the settlement range ends on {last_day}, before {first_day}")
        shifts = self.book.unsettled_confirmed(first_day, last_day)
        if not shifts:
            raise NothingToSettle(
                f"no confirmed, unsettled shift of {self.label} lies between {first_day} and "
                f"{last_day}"
            )
        settlement = settle(
            settlement_id=settlement_id,
            first_day=first_day,
            last_day=last_day,
            shifts=shifts,
            rate_per_hour=self.rate_per_hour,
            policy=policy,
        )
        self.trigger_event(self.SettlementIssued, settlement=settlement, actor=actor)
        return settlement

    def record_payment(
        self, park: Park, actor: Actor, *, settlement_id: UUID, payment_id: UUID, amount: Money
    ) -> None:
        park.require_representative(actor, self.borrower, must_be_active=False)
        if not isinstance(amount, Money):
            raise TypeError(f"amount is Money, not {type(amount).__name__}")
        check_amount(amount, "the payment")
        if amount.fen <= 0:
            raise InvalidInput(f"a payment must be positive, got {amount}")
        owed = self.owed_on(settlement_id)
        if amount > owed:
            raise Overpayment(
                f"payment of {amount} is more than the {owed} still owed on settlement "
                f"{settlement_id}"
            )
        self.trigger_event(
            self.PaymentRecorded,
            settlement_id=settlement_id,
            payment_id=payment_id,
            amount=amount,
            actor=actor,
        )

    # As a clearing run sees it (sharemarket.domain.obligations.Clearable) ---------------------

    def open_obligation(self, obligation_id: UUID) -> OpenObligation:
        """A settlement as a trade obligation: the borrower owes the lender what is unpaid."""
        return OpenObligation(
            debtor=self.borrower,
            creditor=self.lender,
            unpaid=self.owed_on(obligation_id),
            label=f"labour settlement {obligation_id} of {self.label}",
        )

    def settle_by_clearing(
        self, actor: Actor, *, obligation_id: UUID, run_id: UUID, amount: Money
    ) -> None:
        """Record ``amount`` of the settlement as paid by the clearing run ``run_id``."""
        owed = self.owed_on(obligation_id)
        if amount.fen <= 0 or amount > owed:
            raise Overpayment(
                f"clearing run {run_id} would pay {amount} on settlement {obligation_id}, "
                f"which has {owed} unpaid"
            )
        self.trigger_event(
            self.SettledByClearing,
            settlement_id=obligation_id,
            run_id=run_id,
            amount=amount,
            actor=actor,
        )
