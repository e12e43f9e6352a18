"""``market.funds``, its loans (拆借, pool loans) and their guarantees: the commands and queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from sharemarket.application.funds import commands as c
from sharemarket.application.kernel.commands import Service
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.schedule import ScheduleType
from sharemarket.domain.money import Money


class LoanService(Service):
    """Loans from the pool or between firms: applied for, approved, disbursed (or not)."""

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
        """The borrower's representative (for the acting firm) applies for a loan from the pool,
        at the pool's rate; the loan is recorded as submitted, lent by the pool's custodian, and
        its id returned.

        Raises:
            InvalidInput: An argument or the request id is malformed, the first due date is not
                after the contract date, or the actor acts for no firm.
            LoanPrincipalTooSmall: The principal is below ¥10 a period.
            PermissionDenied: The actor does not act for a member firm as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the pool does not exist, or the actor's firm is
                not a member.
            FirmNotActive: The borrower is suspended or left.
            LprNotPublished: The contract date is before the LPR table's first figure.
            InterestAboveLegalCap: The rate, or rate plus overdue rate, is above 4 x the LPR in
                force on the contract date.
            LoanTermsOutsidePoolRules: The rate is not the pool's, the term is longer than it
                lends for, or the principal would take the borrower past what one firm may owe it.
            LoanSelfLending: The borrower is the pool's custodian.
        """
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
        """The borrower's representative (for the acting firm) asks a member for a loan (拆借);
        zero rate allowed. The loan is recorded as submitted and its id returned.

        Raises:
            InvalidInput: An argument or the request id is malformed, the first due date is not
                after the contract date, or the actor acts for no firm.
            LoanPrincipalTooSmall: The principal is below ¥10 a period.
            PermissionDenied: The actor does not act for a member firm as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the borrower or the lender is not a member.
            FirmNotActive: The borrower or the lender is suspended or left.
            LprNotPublished: The contract date is before the LPR table's first figure.
            InterestAboveLegalCap: The rate, or rate plus overdue rate, is above 4 x the LPR in
                force on the contract date.
            LoanSelfLending: The lender is the borrower.
        """
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
        """The lender's representative approves; a pool loan as the pool's rules say (its
        administrators, or each committee firm in turn, recorded as its approval, until enough
        have approved). The loan is recorded as approved.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator, or not a representative of the committee
                firm it acts for).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is not submitted.
            PoolApproverNotAllowed: The pool's committee approves, and the actor's firm is not on
                it or is the borrower.
            FirmNotActive: The borrower, or the approving committee firm, is suspended or left.
            PoolApprovalRepeated: The actor's committee firm has already approved the loan.
        """
        self._run(c.ApproveLoan(actor=actor, request_id=request_id, loan=loan))

    def undo_approval(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        """The lender takes back its approval, with a reason: the loan is submitted again.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is not approved.
        """
        self._run(c.UndoApproval(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def reject_loan(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        """The lender rejects a loan not yet disbursed, with a reason; its guarantees leave the
        guarantee network.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is neither submitted nor approved.
        """
        self._run(c.RejectLoan(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def withdraw_loan(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        """The borrower's representative withdraws its application before disbursal, with a
        reason (a suspended borrower may); its guarantees leave the guarantee network.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for the borrower as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is neither submitted nor approved.
        """
        self._run(c.WithdrawLoan(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def disburse_loan(
        self, actor: Actor, *, request_id: str, loan: UUID, disbursed_on: date
    ) -> None:
        """The lender records paying the principal out; the schedule is fixed from this date. A
        pool loan's principal leaves the pool's cash in the same save.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is not approved.
            FirmNotActive: The borrower is suspended or left.
            LoanGuaranteesPending: A guarantor has not accepted, or another active member of the
                borrower's joint guarantee group has not accepted a joint-and-several guarantee.
            LoanDisbursalDate: The date is before the contract date, or not before the first
                due date.
            LoanTermsOutsidePoolRules: The principal would take the borrower past what one firm
                may owe the pool.
            PoolCashShort: The pool's cash not lent out cannot cover the principal.
            PoolLendingShareExceeded: The pool would lend out more of its contributions than its
                rules allow.
        """
        self._run(
            c.DisburseLoan(actor=actor, request_id=request_id, loan=loan, disbursed_on=disbursed_on)
        )

    def undo_disbursal(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        """The lender undoes a disbursal recorded in error, with a reason: the loan is approved
        again, and a pool loan's principal is back in the pool.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is not active, or repayments, calls or penalties are
                already recorded on it.
        """
        self._run(c.UndoDisbursal(actor=actor, request_id=request_id, loan=loan, reason=reason))
