"""``market.funds``, a loan once disbursed: repayments, penalties, write-off, refunds, and the
queries on loans."""

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
from sharemarket.domain.funds.statements import LoanStatement
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date


class LoanServicing(Service):
    """A disbursed loan's repayments, penalty interest, write-off and refund; what loans stand."""

    def record_repayment(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """The lender records a repayment received (a suspended borrower still repays); its
        allocation over what is owed is recorded with it, principal prepaid lowers the
        interest not yet due, and a pool loan's payment reaches the pool in the same save.

        Raises:
            InvalidInput: An argument or the request id is malformed, the amount is zero, or it
                was paid before the disbursal.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is not active.
        """
        self._run(
            c.RecordRepayment(
                actor=actor, request_id=request_id, loan=loan, amount=amount, paid_on=paid_on
            )
        )

    def accrue_penalty(self, actor: Actor, *, request_id: str, loan: UUID, as_of: date) -> None:
        """The lender records penalty interest on overdue principal up to ``as_of``, at the
        overdue rate / 360, by the day.

        Raises:
            InvalidInput: An argument or the request id is malformed, or ``as_of`` is not after
                the day penalty interest is already accrued to.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is not active.
        """
        self._run(c.AccruePenalty(actor=actor, request_id=request_id, loan=loan, as_of=as_of))

    def write_off(
        self, actor: Actor, *, request_id: str, loan: UUID, written_off_on: date, reason: str
    ) -> None:
        """The lender writes the loan off, with a reason: what is owed is recorded as lost (a
        pool loan's principal as the pool's loss); a guarantor's later payments on it are
        recoveries.

        Raises:
            InvalidInput: An argument or the request id is malformed or looks like personal data,
                or the date is before the disbursal.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is not active.
        """
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
        """The lender refunds what the borrower overpaid; refunding it closes the loan (a pool
        loan's refund leaves the pool's cash).

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is not overpaid.
            LoanRepaymentTooLarge: The amount is not exactly what was overpaid.
            PoolCashShort: The pool's cash not lent out cannot cover the refund.
        """
        self._run(
            c.RefundOverpayment(
                actor=actor, request_id=request_id, loan=loan, amount=amount, paid_on=paid_on
            )
        )

    def loans(self, firm: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every loan applied for, oldest first; with ``firm``, those it borrows or
        lends (a pool's custodian lends the pool's). Read from the log (a list for people).

        Raises:
            InvalidInput: ``firm`` is not a unified social credit code.
        """
        code = None if firm is None else as_firm_id(firm, "firm")
        return created_ids(
            EventLog(self._loader.app),
            (Loan.Submitted,),
            None if code is None else lambda e: code in (e.lender, e.borrower),
        )

    def loan(self, loan: UUID) -> LoanStatement:
        """The loan's statement: its terms, status, schedule, what is owed and paid, and its
        guarantees.

        Raises:
            NotFound: The loan does not exist.
        """
        return LoanStatement.of(access.loan(self._loader, as_uuid(loan, "loan")))

    def arrears(self, loan: UUID, as_of: date) -> Arrears:
        """What is overdue on ``as_of``: days, amounts by component, delinquency bucket.

        Raises:
            InvalidInput: ``as_of`` lies outside the business dates the market records.
            NotFound: The loan does not exist.
        """
        day = check_business_date(as_of, "as_of")
        return access.loan(self._loader, as_uuid(loan, "loan")).arrears(day)
