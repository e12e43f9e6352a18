"""``market.labour``, its agreements: the working-time policy, proposals, workers lent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.labour import access
from sharemarket.application.labour import commands as c
from sharemarket.application.labour.inputs import MinutesIn, MoneyIn
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.policy import WorkingTimePolicy


class LabourAgreements(Service):
    """The park's working-time policy and the agreements firms lend workers under."""

    # Policy -----------------------------------------------------------------------------------

    def working_time_policy(self) -> WorkingTimePolicy:
        """The park's working-time policy (the Labour Law until an administrator sets one)."""
        return access.policy(self._loader)

    def set_working_time_policy(
        self, actor: Actor, *, request_id: str, policy: WorkingTimePolicy
    ) -> None:
        """An administrator sets the caps on a worker's hours and the overtime multipliers.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
        """
        self._run(c.SetWorkingTimePolicy(actor=actor, request_id=request_id, policy=policy))

    # Agreements -------------------------------------------------------------------------------

    def propose_agreement(
        self,
        actor: Actor,
        *,
        request_id: str,
        lender: FirmId | str,
        work: str,
        rate_per_hour: MoneyIn,
        first_day: date,
        last_day: date,
        workers: Iterable[str],
        minutes_cap: MinutesIn | None = None,
    ) -> UUID:
        """The actor's firm proposes to borrow ``workers`` from ``lender``; returns its id.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for a member firm as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the lender (or the actor's firm) is not a
                member.
            FirmNotActive: The borrowing or the lending firm is suspended or left.
            SelfBorrowing: The lender is the actor's own firm.
        """
        return self._run(
            c.ProposeAgreement(
                actor=actor,
                request_id=request_id,
                lender=lender,
                work=work,
                rate_per_hour=rate_per_hour,
                first_day=first_day,
                last_day=last_day,
                workers=workers,
                minutes_cap=minutes_cap,
            )
        )

    def accept_agreement(self, actor: Actor, *, request_id: str, agreement: UUID) -> None:
        """The lending firm accepts: shifts may be recorded from now on.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            FirmNotActive: The lending or the borrowing firm is suspended or left.
            AgreementNotActive: The agreement is not a proposal (accepted, declined, withdrawn).
        """
        self._run(c.AcceptAgreement(actor=actor, request_id=request_id, agreement=agreement))

    def decline_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        """The lending firm turns a proposed agreement down, giving a reason.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            AgreementNotActive: The agreement is not a proposal (accepted, declined, withdrawn).
        """
        self._run(
            c.DeclineAgreement(
                actor=actor, request_id=request_id, agreement=agreement, reason=reason
            )
        )

    def withdraw_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        """Either firm calls the agreement off before its first shift.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of either firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            InvalidTransition: The agreement is declined, withdrawn or closed, or has shifts.
        """
        self._run(
            c.WithdrawAgreement(
                actor=actor, request_id=request_id, agreement=agreement, reason=reason
            )
        )

    def close_agreement(
        self, actor: Actor, *, request_id: str, agreement: UUID, reason: str
    ) -> None:
        """Either firm ends the agreement: no new shifts; recorded ones remain and settle.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of either firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            AgreementNotActive: The agreement is not active (not accepted yet, or already ended).
        """
        self._run(
            c.CloseAgreement(actor=actor, request_id=request_id, agreement=agreement, reason=reason)
        )

    def add_workers(
        self, actor: Actor, *, request_id: str, agreement: UUID, workers: Iterable[str]
    ) -> None:
        """The lending firm lends more workers under an active agreement.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            FirmNotActive: The lending or the borrowing firm is suspended or left.
            AgreementNotActive: The agreement is not active.
        """
        self._run(
            c.AddWorkers(actor=actor, request_id=request_id, agreement=agreement, workers=workers)
        )

    def remove_workers(
        self, actor: Actor, *, request_id: str, agreement: UUID, workers: Iterable[str]
    ) -> None:
        """The lending firm takes workers off an active agreement; recorded shifts remain.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not a representative of the lending firm.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the agreement does not exist.
            AgreementNotActive: The agreement is not active.
            WorkerNotOnAgreement: A worker named is not on the agreement.
        """
        self._run(
            c.RemoveWorkers(
                actor=actor, request_id=request_id, agreement=agreement, workers=workers
            )
        )
