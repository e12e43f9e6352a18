"""Loan: a member firm's loan from the pool or from another member (拆借), from submission to close.

Fineract's states are the reference: submitted → approved / rejected / withdrawn → disbursed
(active) → closed / written off, or overpaid where a repayment exceeds what is owed (a refund
closes it). Undoing an approval or a disbursal is recorded as an event of its own. The state is
bounded by the number of periods: the schedule and what remains owed per instalment, one entry
per guarantor; repayments live in the events (each with its allocation), not in the state.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import attrs
from eventsourcing.domain import Aggregate
from eventsourcing.domain import Snapshot as StoredSnapshot

from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds import allocation as alloc
from sharemarket.domain.funds import loan_rows
from sharemarket.domain.funds.allocation import Allocation, Owed
from sharemarket.domain.funds.guarantees import Guarantee, GuaranteeStatus
from sharemarket.domain.funds.loan_reading import LoanReading, LoanStatus, PenaltyCharge
from sharemarket.domain.funds.prepayment import InterestChange
from sharemarket.domain.funds.rates import LprFigure
from sharemarket.domain.funds.schedule import Instalment, LoanTerms
from sharemarket.domain.money import Money


class Loan(LoanReading, Aggregate):
    """``principal`` lent by ``lender`` (a member firm, or a pool's custodian) to ``borrower``."""

    #: Snapshots of version 1 stored the schedule and what is owed as typed values; version 2
    #: stores rows of integers (see ``loan_rows``), the loan itself keeping the typed tuples.
    class_version = 2

    class Snapshot(StoredSnapshot):
        """A loan's snapshot: its schedule and what is owed stored as rows of integers (see
        ``loan_rows``), and its approvals as a list; the loan loaded from it holds the same
        tuples of values as its events replayed."""

        @classmethod
        def take(cls, aggregate: Any) -> Any:
            snapshot = super().take(aggregate)
            loan_rows.compact(snapshot.state)
            return snapshot

        def mutate(self, _: None) -> Loan:
            loan = super().mutate(None)
            assert isinstance(loan, Loan)
            loan_rows.expand(vars(loan))
            loan.approvals = tuple(loan.approvals)
            return loan

    class Event(Aggregate.Event):
        """The base of ``Loan``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Submitted(Aggregate.Created, Event):
        borrower: FirmId
        lender: FirmId
        pool: UUID | None
        terms: LoanTerms
        lpr: LprFigure
        actor: Actor

    class GuaranteeRequired(Event):
        guarantee: Guarantee
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.guarantees[self.guarantee.guarantor.code] = self.guarantee

    class GuaranteeAccepted(Event):
        guarantor: FirmId
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan._set_guarantee(self.guarantor, status=GuaranteeStatus.ACCEPTED)

    class GuaranteeDeclined(Event):
        guarantor: FirmId
        reason: str
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan._set_guarantee(self.guarantor, status=GuaranteeStatus.DECLINED)

    class ApprovalGiven(Event):
        """A committee firm of the pool approved; the loan is approved once enough have."""

        firm: FirmId
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.approvals = (*loan.approvals, self.firm)

    class Approved(Event):
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.status = LoanStatus.APPROVED

    class ApprovalUndone(Event):
        reason: str
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.status = LoanStatus.SUBMITTED
            loan.approvals = ()

    class Rejected(Event):
        reason: str
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.status = LoanStatus.REJECTED

    class Withdrawn(Event):
        reason: str
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.status = LoanStatus.WITHDRAWN

    class Disbursed(Event):
        disbursed_on: date
        schedule: tuple[Instalment, ...]
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.status = LoanStatus.ACTIVE
            loan.disbursed_on = self.disbursed_on
            loan.schedule = tuple(self.schedule)
            loan.owed = tuple(Owed.of(i) for i in self.schedule)
            loan.penalty_accrued_to = self.disbursed_on

    class DisbursalUndone(Event):
        """The disbursal is reversed: its principal and the schedule's interest are not owed."""

        principal: Money
        interest: Money
        reason: str
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.status = LoanStatus.APPROVED
            loan.disbursed_on = None
            loan.schedule = ()
            loan.owed = ()

    class InterestRepriced(Event):
        """A prepayment on ``on`` lowered the interest of instalments not yet due (recorded
        just before the repayment, whose allocation pays the lowered interest)."""

        on: date
        changes: tuple[InterestChange, ...]
        actor: Actor

        def apply(self, loan: Loan) -> None:
            after = {c.number: c.after for c in self.changes}
            loan.owed = tuple(
                attrs.evolve(o, interest=after[o.number]) if o.number in after else o
                for o in loan.owed
            )

    class RepaymentRecorded(Event):
        amount: Money
        paid_on: date
        allocation: Allocation
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan._pay(self.allocation, self.paid_on)

    class PenaltyAccrued(Event):
        as_of: date
        charges: tuple[PenaltyCharge, ...]
        actor: Actor

        def apply(self, loan: Loan) -> None:
            added = {c.number: c.amount for c in self.charges}
            loan.owed = tuple(
                attrs.evolve(o, penalty=o.penalty + added.get(o.number, Money(0)))
                for o in loan.owed
            )
            loan.penalty_accrued_to = self.as_of
            loan.penalty_fen_days, loan.penalty_since = {}, {}

    class EnforcementFailed(Event):
        """The lender recorded that enforcement against the borrower failed: general
        guarantees become callable."""

        on: date
        reason: str
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.enforcement_failed = True

    class GuaranteeCallIssued(Event):
        """The lender called ``guarantor`` for ``amount``; it owes it until it pays."""

        guarantor: FirmId
        amount: Money
        on: date
        actor: Actor

        def apply(self, loan: Loan) -> None:
            g = loan.guarantees[self.guarantor.code]
            loan._set_guarantee(self.guarantor, called=g.called + self.amount)

    class GuaranteeCalled(Event):
        """A guarantor paid the lender ``amount`` on a call; it gains a subrogation claim.
        (Named before calls and payments were two steps: it records the payment.)"""

        guarantor: FirmId
        amount: Money
        paid_on: date
        allocation: Allocation
        actor: Actor

        def apply(self, loan: Loan) -> None:
            g = loan.guarantees[self.guarantor.code]
            loan._set_guarantee(
                self.guarantor,
                paid=g.paid + self.amount,
                claim=g.claim + self.amount,
                called=max(Money(0), g.called - self.amount),
            )
            loan._pay(self.allocation, self.paid_on)

    class SubrogationRepaid(Event):
        guarantor: FirmId
        amount: Money
        paid_on: date
        actor: Actor

        def apply(self, loan: Loan) -> None:
            g = loan.guarantees[self.guarantor.code]
            loan._set_guarantee(self.guarantor, claim=g.claim - self.amount)

    class WrittenOff(Event):
        on: date
        principal: Money
        interest: Money
        penalty: Money
        reason: str
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.status = LoanStatus.WRITTEN_OFF

    class OverpaymentRefunded(Event):
        amount: Money
        paid_on: date
        actor: Actor

        def apply(self, loan: Loan) -> None:
            loan.excess -= self.amount
            loan.status = LoanStatus.CLOSED

    upcast_v1_v2 = staticmethod(loan_rows.compact)

    def __init__(
        self,
        borrower: FirmId,
        lender: FirmId,
        pool: UUID | None,
        terms: LoanTerms,
        lpr: LprFigure,
        actor: Actor,
    ) -> None:
        self.borrower = borrower
        self.lender = lender
        self.pool = pool
        self.terms = terms
        self.lpr = lpr
        self.status = LoanStatus.SUBMITTED
        self.approvals: tuple[FirmId, ...] = ()  # committee firms that approved (pool loans)
        self.guarantees: dict[str, Guarantee] = {}
        self.disbursed_on: date | None = None
        self.schedule: tuple[Instalment, ...] = ()
        self.owed: tuple[Owed, ...] = ()
        self.penalty_accrued_to: date | None = None
        # Since the last accrual, per instalment paid down: the fen-days its earlier balances
        # ran, and the day its current balance began to count (bounded by the periods).
        self.penalty_fen_days: dict[str, int] = {}
        self.penalty_since: dict[str, date] = {}
        self.enforcement_failed = False
        self.excess = Money(0)

    # State changes (the bodies of events) ------------------------------------------------------

    def _pay(self, allocation: Allocation, paid_on: date) -> None:
        if self.penalty_accrued_to is not None:
            self.penalty_fen_days, self.penalty_since = alloc.run_days(
                self.owed,
                allocation,
                paid_on,
                self.penalty_accrued_to,
                self.penalty_fen_days,
                self.penalty_since,
            )
        self.owed = alloc.after(self.owed, allocation)
        self.excess += allocation.excess
        if self.status is LoanStatus.ACTIVE and not self.outstanding:
            self.status = LoanStatus.OVERPAID if self.excess else LoanStatus.CLOSED
        elif self.status is LoanStatus.WRITTEN_OFF and not self.outstanding:
            self.status = LoanStatus.CLOSED

    def _set_guarantee(self, guarantor: FirmId, **changes: object) -> None:
        code = guarantor.code
        self.guarantees[code] = attrs.evolve(self.guarantees[code], **changes)  # type: ignore[arg-type]


__all__ = ["Loan", "LoanStatus", "PenaltyCharge"]
