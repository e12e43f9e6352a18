"""``market.labour``, its settlements: confirmed shifts billed, and payments against the bills."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.labour import commands as c
from sharemarket.application.labour.inputs import MoneyIn
from sharemarket.domain.actor import Actor


class LabourSettlements(Service):
    """The lender bills confirmed shifts; the borrower pays the bills."""

    # Settlement and payment -------------------------------------------------------------------

    def issue_settlement(
        self, actor: Actor, *, request_id: str, agreement: UUID, first_day: date, last_day: date
    ) -> UUID:
        """The lending firm bills the confirmed, unsettled shifts of a date range.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            AgreementNotActive: The agreement was never accepted (proposed, declined, withdrawn).
            NothingToSettle: No confirmed, unsettled shift lies in the date range.
        """
        return self._run(
            c.IssueSettlement(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                first_day=first_day,
                last_day=last_day,
            )
        )

    def record_payment(
        self,
        actor: Actor,
        *,
        request_id: str,
        agreement: UUID,
        settlement: UUID,
        amount: MoneyIn,
    ) -> UUID:
        """The borrowing firm records a payment against a settlement (never more than owed).

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the borrowing firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement or settlement does not exist.
            Overpayment: The payment is more than is still owed on the settlement.
        """
        return self._run(
            c.RecordPayment(
                actor=actor,
                request_id=request_id,
                agreement=agreement,
                settlement=settlement,
                amount=amount,
            )
        )
