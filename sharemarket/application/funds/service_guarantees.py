"""``market.funds``, the guarantees of its loans (互相担保): guarantors named, accepted or
declined; calls, the guarantors' payments and their subrogation claims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.inputs import as_firm_id, as_uuid
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.guarantees import GuaranteeKind
from sharemarket.domain.money import Money


class GuaranteeService(Service):
    """A loan's guarantees, from naming a guarantor to the subrogation claim it is repaid."""

    def require_guarantee(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        guarantor: FirmId | str,
        limit: Money | Decimal | str | int,
        kind: GuaranteeKind | str = GuaranteeKind.GENERAL,
    ) -> None:
        """The borrower's representative names a guarantor (a member) for up to ``limit``,
        before approval; a guarantee of unstated type is general (Civil Code Art. 686). The
        guarantee is recorded on the loan, pending the guarantor's answer.

        Raises:
            InvalidInput: An argument or the request id is malformed, or the limit is zero or
                above the loan's principal.
            PermissionDenied: The actor does not act for the borrower as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the loan does not exist, or the guarantor is
                not a member.
            FirmNotActive: The borrower or the guarantor is suspended or left.
            LoanStatusWrong: The loan is not submitted.
            LoanSelfLending: The guarantor is the loan's borrower or lender.
            Conflict: The firm is already a guarantor of the loan.
        """
        self._run(
            c.RequireGuarantee(
                actor=actor,
                request_id=request_id,
                loan=loan,
                guarantor=guarantor,
                limit=limit,
                kind=kind,
            )
        )

    def accept_guarantee(self, actor: Actor, *, request_id: str, loan: UUID) -> None:
        """The guarantor's representative (for the acting firm) accepts its guarantee: the
        acceptance is recorded on the loan and the guarantee held in the guarantee network,
        saved together.

        Raises:
            InvalidInput: An argument or the request id is malformed, or the actor acts for no
                firm.
            PermissionDenied: The actor does not act for its firm as a representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the loan does not exist, the actor's firm is
                not a member, or it does not guarantee the loan.
            FirmNotActive: The guarantor is suspended or left.
            LoanStatusWrong: The loan is neither submitted nor approved, or the guarantee was
                already accepted or declined.
            GuaranteeLimitExceeded: The guarantee would take the guarantor past the most one firm
                may guarantee.
            GuaranteeClosesCycle: The guarantee would close a guarantee cycle, and the park's
                rules refuse cycles.
        """
        self._run(c.AcceptGuarantee(actor=actor, request_id=request_id, loan=loan))

    def decline_guarantee(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        """The guarantor's representative (for the acting firm) declines its guarantee, with a
        reason; the loan cannot be disbursed until the borrower withdraws and applies again.

        Raises:
            InvalidInput: An argument or the request id is malformed or looks like personal data,
                or the actor acts for no firm.
            PermissionDenied: The actor does not act for its firm as a representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the loan does not exist, the actor's firm is
                not a member, or it does not guarantee the loan.
            FirmNotActive: The guarantor is suspended or left.
            LoanStatusWrong: The loan is neither submitted nor approved, or the guarantee was
                already accepted or declined.
        """
        self._run(c.DeclineGuarantee(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def record_enforcement_failed(
        self, actor: Actor, *, request_id: str, loan: UUID, failed_on: date, reason: str
    ) -> None:
        """The lender records that enforcement against the borrower failed, with a reason;
        after this, general guarantees of the loan can be called.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the loan does not exist.
            LoanStatusWrong: The loan is neither active nor written off.
            Conflict: Failed enforcement is already recorded on the loan.
        """
        self._run(
            c.RecordEnforcementFailed(
                actor=actor, request_id=request_id, loan=loan, failed_on=failed_on, reason=reason
            )
        )

    def call_guarantee(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        guarantor: FirmId | str,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """The lender called ``guarantor``, who paid ``amount`` the same day: the call and the
        payment are recorded at once, the payment allocated over the loan like a repayment; it
        gains a subrogation claim on the borrower.

        Raises:
            InvalidInput: An argument or the request id is malformed, or the date is before the
                disbursal.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the loan does not exist, or ``guarantor``
                does not guarantee it.
            LoanStatusWrong: The loan is neither active nor written off.
            GuaranteeNotCallable: The amount is zero or more than the guarantor can be called
                for (its exposure, within what is overdue, less its unpaid calls), or the
                guarantee is general and failed enforcement is not recorded.
        """
        self._run(
            c.CallGuarantee(
                actor=actor,
                request_id=request_id,
                loan=loan,
                guarantor=guarantor,
                amount=amount,
                paid_on=paid_on,
            )
        )

    def issue_guarantee_call(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        guarantor: FirmId | str,
        amount: Money | Decimal | str | int,
        called_on: date,
    ) -> None:
        """The lender calls ``guarantor`` for an overdue ``amount`` within its exposure (a
        general guarantee only after failed enforcement); the call is recorded on the loan, and
        the guarantor owes it until it pays.

        Raises:
            InvalidInput: An argument or the request id is malformed, or the date is before the
                disbursal.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the loan does not exist, or ``guarantor``
                does not guarantee it.
            LoanStatusWrong: The loan is neither active nor written off.
            GuaranteeNotCallable: The amount is zero or more than the guarantor can be called
                for (its exposure, within what is overdue, less its unpaid calls), or the
                guarantee is general and failed enforcement is not recorded.
        """
        self._run(
            c.IssueGuaranteeCall(
                actor=actor,
                request_id=request_id,
                loan=loan,
                guarantor=guarantor,
                amount=amount,
                called_on=called_on,
            )
        )

    def record_guarantor_payment(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        guarantor: FirmId | str,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """The lender records what ``guarantor`` paid on its open call: allocated over the loan,
        and a subrogation claim on the borrower; a pool loan's payment reaches the pool in the
        same save.

        Raises:
            InvalidInput: An argument or the request id is malformed, or the date is before the
                disbursal.
            PermissionDenied: The actor does not act for the lender as its representative (for
                a pool loan: is not an administrator of the park).
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the loan does not exist, or ``guarantor``
                does not guarantee it.
            LoanStatusWrong: The loan is neither active nor written off.
            GuaranteeCallNotIssued: The amount is zero or more than the guarantor has been called
                for and not paid.
            GuaranteeNotCallable: The amount is more than the guarantor can now pay on its call
                (the borrower has paid since, lowering what is overdue).
        """
        self._run(
            c.RecordGuarantorPayment(
                actor=actor,
                request_id=request_id,
                loan=loan,
                guarantor=guarantor,
                amount=amount,
                paid_on=paid_on,
            )
        )

    def repay_subrogation(
        self,
        actor: Actor,
        *,
        request_id: str,
        loan: UUID,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """The guarantor's representative (for the acting firm, even suspended) records what
        the borrower repaid it on its subrogation claim, which falls by ``amount``.

        Raises:
            InvalidInput: An argument or the request id is malformed, or the actor acts for no
                firm.
            PermissionDenied: The actor does not act for its firm as a representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the loan does not exist, the actor's firm is
                not a member, or it does not guarantee the loan.
            LoanRepaymentTooLarge: The amount is zero or more than the guarantor's claim.
        """
        self._run(
            c.RepaySubrogation(
                actor=actor, request_id=request_id, loan=loan, amount=amount, paid_on=paid_on
            )
        )

    def exposure(self, loan: UUID, guarantor: FirmId | str) -> Money:
        """The guarantor's exposure on the loan now (zero once the loan is closed, or for a
        firm that does not guarantee it).

        Raises:
            InvalidInput: ``guarantor`` is not a unified social credit code.
            NotFound: The loan does not exist.
        """
        found = access.loan(self._loader, as_uuid(loan, "loan"))
        return found.exposure(as_firm_id(guarantor, "guarantor"))
