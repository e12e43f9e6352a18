"""A used booking's fee: what the booker owes the host, paid directly or by a park clearing run.

The fee is due once the booking is completed (the room used). It is a trade obligation a
clearing run may net (``sharemarket.domain.obligations.Clearable``; the obligation's id is the
booking's own). A mixin of :class:`~sharemarket.domain.venues.booking.Booking`, whose class
holds the events (``FeePaid``, ``SettledByClearing``) where their stored topics name them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, NotFound
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money, check_amount
from sharemarket.domain.obligations import OpenObligation
from sharemarket.domain.park.membership import Park
from sharemarket.domain.venues.errors import BookingFeeOverpaid


class BookingFee:
    #: The fee due and paid, in fen: class defaults, so bookings stored before fees were paid
    #: (and bookings not completed) read as owing nothing.
    fee_fen: int = 0
    fee_paid_fen: int = 0

    if TYPE_CHECKING:  # provided by Booking (and eventsourcing's Aggregate)
        id: UUID
        host: FirmId
        firm: FirmId
        FeePaid: Any
        SettledByClearing: Any

        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...

        def _require_booker(self, park: Park, actor: Actor) -> None: ...

    @property
    def fee_owed(self) -> Money:
        return Money(self.fee_fen - self.fee_paid_fen)

    def pay_fee(self, park: Park, actor: Actor, *, payment_id: UUID, amount: Money) -> None:
        """The booking firm pays the host ``amount`` of the fee of the used room."""
        self._require_booker(park, actor)
        self._check_payment(check_amount(amount, "the payment"), f"payment {payment_id}")
        self.trigger_event(self.FeePaid, payment_id=payment_id, amount=amount, actor=actor)

    def open_obligation(self, obligation_id: UUID) -> OpenObligation:
        if obligation_id != self.id:
            raise NotFound(f"booking {self.id} holds one obligation, its fee, not {obligation_id}")
        return OpenObligation(
            debtor=self.firm,
            creditor=self.host,
            unpaid=self.fee_owed,
            label=f"the fee of venue booking {self.id}",
        )

    def settle_by_clearing(
        self, actor: Actor, *, obligation_id: UUID, run_id: UUID, amount: Money
    ) -> None:
        self.open_obligation(obligation_id)
        self._check_payment(amount, f"clearing run {run_id}")
        self.trigger_event(self.SettledByClearing, run_id=run_id, amount=amount, actor=actor)

    def _check_payment(self, amount: Money, what: str) -> None:
        if amount.fen <= 0:
            raise InvalidInput(f"a payment must be positive, got {amount}")
        if amount > self.fee_owed:
            raise BookingFeeOverpaid(
                f"{what} of {amount} is more than the {self.fee_owed} still owed on the fee of "
                f"venue booking {self.id} (a fee is due once the room was used)"
            )
