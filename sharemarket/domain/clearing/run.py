"""ClearingRun (清算): one netting of trade obligations between member firms, with their consent.

An administrator proposes a run as of a date over open trade obligations (each named by its
slice, the aggregate holding it and its id, with the unpaid amount read then). The run records
each firm's net position and the net payments (see :mod:`~sharemarket.domain.clearing.netting`).
Each participating firm accepts or declines; a firm that declines is taken out with all its
obligations and the run is recomputed without them (everyone accepts again). Once every remaining
firm has accepted, the run commits (:func:`~sharemarket.domain.clearing.holders.commit`): every
included obligation is marked paid by the run in its own slice, and the net payments become the
run's own obligations, paid as usual. The run's size is fixed when it is proposed: it does not
grow with the park's history.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from datetime import date
from uuid import UUID

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.clearing.errors import (
    AcceptancesMissing,
    NetPaymentOverpaid,
    NotAParticipant,
    ObligationListedTwice,
    RunNotOpen,
)
from sharemarket.domain.clearing.netting import Debt, NetPayment, net_payments, positions
from sharemarket.domain.errors import InvalidInput, NotFound, PermissionDenied
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money, check_amount
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text
from sharemarket.domain.time import check_business_date

REASON_MAX = 500


@attrs.frozen
class ObligationRef:
    """An obligation as a run names it: its slice, the aggregate holding it, its own id."""

    slice: str
    holder: UUID
    obligation: UUID


@attrs.frozen
class Included:
    """An obligation included in a run: who owes whom, and the unpaid amount read."""

    ref: ObligationRef
    debtor: FirmId
    creditor: FirmId
    amount: Money
    label: str

    @property
    def debt(self) -> Debt:
        """The obligation as netting sees it: who owes whom how much."""
        return Debt(self.debtor, self.creditor, self.amount)


class RunStatus(enum.Enum):
    """Where a clearing run stands: open for acceptance, committed, or abandoned."""

    OPEN = "open"  # proposed: firms accept or decline
    COMMITTED = "committed"
    ABANDONED = "abandoned"  # every firm declined, or an administrator gave it up


def _key(payer: FirmId, payee: FirmId) -> str:
    return f"{payer.code}>{payee.code}"


class ClearingRun(Aggregate):
    """A proposed netting of the included obligations, and its net payments once committed."""

    class Event(Aggregate.Event):
        """The base of ``ClearingRun``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Proposed(Aggregate.Created, Event):
        as_of: date
        obligations: tuple[Included, ...]
        payments: tuple[NetPayment, ...]
        actor: Actor

    class Accepted(Event):
        firm: FirmId
        actor: Actor

        def apply(self, run: ClearingRun) -> None:
            run.accepted.append(self.firm.code)

    class Declined(Event):
        """The firm is taken out; what remains, and its recomputed payments, are recorded."""

        firm: FirmId
        reason: str
        obligations: tuple[Included, ...]
        payments: tuple[NetPayment, ...]
        actor: Actor

        def apply(self, run: ClearingRun) -> None:
            run.obligations, run.payments = list(self.obligations), list(self.payments)
            run.accepted = []
            if not self.obligations:
                run.status = RunStatus.ABANDONED

    class Committed(Event):
        """Every included obligation was paid by the run; ``payments`` are now owed."""

        payments: tuple[NetPayment, ...]
        actor: Actor

        def apply(self, run: ClearingRun) -> None:
            run.status = RunStatus.COMMITTED
            run.paid = {_key(p.payer, p.payee): 0 for p in run.payments}

    class Abandoned(Event):
        reason: str
        actor: Actor

        def apply(self, run: ClearingRun) -> None:
            run.status = RunStatus.ABANDONED

    class NetPaymentRecorded(Event):
        payer: FirmId
        payee: FirmId
        payment_id: UUID
        amount: Money
        actor: Actor

        def apply(self, run: ClearingRun) -> None:
            run.paid[_key(self.payer, self.payee)] += self.amount.fen

    def __init__(
        self,
        as_of: date,
        obligations: tuple[Included, ...],
        payments: tuple[NetPayment, ...],
        actor: Actor,
    ) -> None:
        self.as_of = as_of
        self.obligations: list[Included] = list(obligations)
        self.payments: list[NetPayment] = list(payments)
        self.accepted: list[str] = []
        self.paid: dict[str, int] = {}
        self.status = RunStatus.OPEN

    @classmethod
    def propose(
        cls,
        park: Park,
        actor: Actor,
        *,
        run_id: UUID,
        as_of: date,
        obligations: Sequence[Included],
    ) -> ClearingRun:
        park.require_administrator(actor)
        check_business_date(as_of, "as_of")
        if not obligations:
            raise InvalidInput("a clearing run needs at least one open obligation to include")
        counted = Counter(o.ref for o in obligations)
        twice = sorted(str(r.obligation) for r, n in counted.items() if n > 1)
        if twice:
            raise ObligationListedTwice(f"obligations {twice} are listed more than once")
        for firm in positions(o.debt for o in obligations):
            park.require_active(firm)
        return cls._create(
            cls.Proposed,
            id=run_id,
            as_of=as_of,
            obligations=tuple(obligations),
            payments=net_payments([o.debt for o in obligations]),
            actor=actor,
        )

    # Queries ----------------------------------------------------------------------------------

    @property
    def label(self) -> str:
        return f"clearing run {self.id} as of {self.as_of}"

    @property
    def participants(self) -> tuple[FirmId, ...]:
        return tuple(positions(o.debt for o in self.obligations))

    def positions(self) -> dict[FirmId, Money]:
        return positions(o.debt for o in self.obligations)

    def gross(self) -> Money:
        """What the included obligations would move if each were paid on its own."""
        return Money.sum(o.amount for o in self.obligations)

    def owed_on(self, payer: FirmId, payee: FirmId) -> Money:
        """What ``payer`` still owes ``payee`` on the committed run's net payment."""
        for p in self.payments:
            if (p.payer, p.payee) == (payer, payee):
                return p.amount - Money(self.paid.get(_key(payer, payee), 0))
        raise NotFound(f"{self.label} asks no payment of {payer} to {payee}")

    # Commands ---------------------------------------------------------------------------------

    def accept(self, park: Park, actor: Actor) -> None:
        firm = self._participant(park, actor)
        self._require_open()
        if firm.code not in self.accepted:
            self.trigger_event(self.Accepted, firm=firm, actor=actor)

    def decline(self, park: Park, actor: Actor, reason: str) -> None:
        firm = self._participant(park, actor)
        self._require_open()
        remaining = tuple(o for o in self.obligations if firm not in (o.debtor, o.creditor))
        self.trigger_event(
            self.Declined,
            firm=firm,
            reason=free_text(reason, "reason", REASON_MAX),
            obligations=remaining,
            payments=net_payments([o.debt for o in remaining]),
            actor=actor,
        )

    def abandon(self, park: Park, actor: Actor, reason: str) -> None:
        park.require_administrator(actor)
        self._require_open()
        reason = free_text(reason, "reason", REASON_MAX)
        self.trigger_event(self.Abandoned, reason=reason, actor=actor)

    def require_committable(self, park: Park, actor: Actor) -> None:
        park.require_administrator(actor)
        self._require_open()
        missing = [f.code for f in self.participants if f.code not in self.accepted]
        if missing:
            raise AcceptancesMissing(f"{self.label} waits for the acceptance of {missing}")

    def record_payment(
        self, park: Park, actor: Actor, *, payee: FirmId, payment_id: UUID, amount: Money
    ) -> None:
        payer = self._participant(park, actor, must_be_active=False)
        if self.status is not RunStatus.COMMITTED:
            raise RunNotOpen(f"{self.label} is {self.status.value}: its payments are not due")
        check_amount(amount, "the payment")
        if amount.fen <= 0:
            raise InvalidInput(f"a payment must be positive, got {amount}")
        owed = self.owed_on(payer, payee)
        if amount > owed:
            raise NetPaymentOverpaid(f"{payer} owes {payee} {owed} on {self.label}, not {amount}")
        self.trigger_event(
            self.NetPaymentRecorded,
            payer=payer,
            payee=payee,
            payment_id=payment_id,
            amount=amount,
            actor=actor,
        )

    def _participant(self, park: Park, actor: Actor, *, must_be_active: bool = True) -> FirmId:
        firm = actor.firm
        if firm is None:
            raise PermissionDenied(f"{actor} acts for no firm; a participating firm's does")
        park.require_representative(actor, firm, must_be_active=must_be_active)
        if firm not in self.participants:
            raise NotAParticipant(f"firm {firm} has no obligation in {self.label}")
        return firm

    def _require_open(self) -> None:
        if self.status is not RunStatus.OPEN:
            raise RunNotOpen(f"{self.label} is {self.status.value}; it changes no more")
