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
        """The borrower names a guarantor; a guarantee of unstated type is general (Art. 686)."""
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
        """The guarantor (the acting firm) accepts its guarantee."""
        self._run(c.AcceptGuarantee(actor=actor, request_id=request_id, loan=loan))

    def decline_guarantee(self, actor: Actor, *, request_id: str, loan: UUID, reason: str) -> None:
        self._run(c.DeclineGuarantee(actor=actor, request_id=request_id, loan=loan, reason=reason))

    def record_enforcement_failed(
        self, actor: Actor, *, request_id: str, loan: UUID, failed_on: date, reason: str
    ) -> None:
        """After this, general guarantees of the loan can be called."""
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
        payment are recorded at once; it gains a subrogation claim."""
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
        general guarantee only after failed enforcement); it owes it until it pays."""
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
        and a subrogation claim on the borrower (``guarantee_call_not_issued`` beyond it)."""
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
        """The guarantor (the acting firm) records what the borrower repaid on its claim."""
        self._run(
            c.RepaySubrogation(
                actor=actor, request_id=request_id, loan=loan, amount=amount, paid_on=paid_on
            )
        )

    def exposure(self, loan: UUID, guarantor: FirmId | str) -> Money:
        """The guarantor's exposure on the loan now (zero once the loan is closed)."""
        found = access.loan(self._loader, as_uuid(loan, "loan"))
        return found.exposure(as_firm_id(guarantor, "guarantor"))
