"""``market.funds``, its loans (拆借, pool loans) and their guarantees: the commands and queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.inputs import as_firm_id, as_uuid
from sharemarket.application.kernel.log_reads import created_ids
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.arrears import Arrears
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.schedule import ScheduleType
from sharemarket.domain.funds.statements import LoanStatement
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date


class LoanService(Service):
    """Loans from the pool or between firms, their schedules, repayments and guarantees."""

    # Loans ------------------------------------------------------------------------------------

    def apply_to_pool(
        self,
        actor: Actor,
        *,
        request_id: str,
        pool: UUID,
        principal: Money | Decimal | str | int,
        annual_rate: Decimal,
        overdue_rate: Decimal,
        contract_date: date,
        first_due_date: date,
        periods: int,
        schedule: ScheduleType | str,
    ) -> UUID:
        """The borrower (the acting firm) applies for a loan from the pool, at the pool's rate."""
        terms = c.Terms(
            principal=principal,
            annual_rate=annual_rate,
            overdue_rate=overdue_rate,
            contract_date=contract_date,
            first_due_date=first_due_date,
            periods=periods,
            schedule=schedule,
        )
        return self._run(c.ApplyToPool(actor=actor, request_id=request_id, pool=pool, terms=terms))

    def request_loan(
        self,
        actor: Actor,
        *,
        request_id: str,
        lender: FirmId | str,
        principal: Money | Decimal | str | int,
        annual_rate: Decimal,
        overdue_rate: Decimal,
        contract_date: date,
        first_due_date: date,
        periods: int,
        schedule: ScheduleType | str,
    ) -> UUID:
        """The borrower (the acting firm) asks a member for a loan (拆借); zero rate allowed."""
        terms = c.Terms(
            principal=principal,
            annual_rate=annual_rate,
            overdue_rate=overdue_rate,
            contract_date=contract_date,
            first_due_date=first_due_date,
            periods=periods,
            schedule=schedule,
        )
        return self._run(
            c.RequestLoan(actor=actor, request_id=request_id, lender=lender, terms=terms)
        )

    def approve_loan(self, actor: Actor, *, request_id: str, loan: UUID) -> None:
        """The lender approves; a pool loan as the pool's rules say (its administrators, or
        each committee firm in turn until enough have approved)."""
        self._run(c.ApproveLoan(actor=actor, request_id=request_id, loan=loan))

    def undo_approval(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        self._run(c.UndoApproval(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def reject_loan(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        self._run(c.RejectLoan(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def withdraw_loan(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        """The borrower withdraws its application before disbursal."""
        self._run(c.WithdrawLoan(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def disburse_loan(
        self, actor: Actor, *, request_id: str, loan: UUID, disbursed_on: date
    ) -> None:
        """The lender pays the principal out; the schedule is fixed from this date."""
        self._run(
            c.DisburseLoan(actor=actor, request_id=request_id, loan=loan, disbursed_on=disbursed_on)
        )

    def undo_disbursal(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        self._run(c.UndoDisbursal(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def record_repayment(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """The lender records a repayment received; its allocation is recorded with it."""
        self._run(
            c.RecordRepayment(
                actor=actor, request_id=request_id, loan=loan, amount=amount, paid_on=paid_on
            )
        )

    def accrue_penalty(self, actor: Actor, *, request_id: str, loan: UUID, as_of: date) -> None:
        """Penalty interest on overdue principal up to ``as_of``, at the overdue rate / 360."""
        self._run(c.AccruePenalty(actor=actor, request_id=request_id, loan=loan, as_of=as_of))

    def write_off(
        self, actor: Actor, *, request_id: str, loan: UUID, written_off_on: date, reason: str
    ) -> None:
        self._run(
            c.WriteOff(
                actor=actor,
                request_id=request_id,
                loan=loan,
                written_off_on=written_off_on,
                reason=reason,
            )
        )

    def refund_overpayment(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        self._run(
            c.RefundOverpayment(
                actor=actor, request_id=request_id, loan=loan, amount=amount, paid_on=paid_on
            )
        )

    def loans(self, firm: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every loan applied for, oldest first; with ``firm``, those it borrows or
        lends (a pool's custodian lends the pool's). Read from the log (a list for people)."""
        code = None if firm is None else as_firm_id(firm, "firm")
        return created_ids(
            EventLog(self._loader.app),
            (Loan.Submitted,),
            None if code is None else lambda e: code in (e.lender, e.borrower),
        )

    def loan(self, loan: UUID) -> LoanStatement:
        return LoanStatement.of(access.loan(self._loader, as_uuid(loan, "loan")))

    def arrears(self, loan: UUID, as_of: date) -> Arrears:
        """What is overdue on ``as_of``: days, amounts by component, delinquency bucket."""
        day = check_business_date(as_of, "as_of")
        return access.loan(self._loader, as_uuid(loan, "loan")).arrears(day)
