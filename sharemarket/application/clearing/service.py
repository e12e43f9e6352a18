"""``market.clearing``: park clearing runs (清算) over the trade obligations between member firms.

An administrator proposes a run over open obligations, each named by an :class:`ObligationRef`
(``ObligationRef(slice="labour", holder=agreement_id, obligation=settlement_id)``); every firm
with an obligation in it accepts or declines; an administrator commits it once all have
accepted. The committed run's net payments are then paid as usual, payer to payee.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from uuid import UUID

import attrs

from sharemarket.application.clearing import commands as c
from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.inputs import as_uuid
from sharemarket.domain.actor import Actor
from sharemarket.domain.clearing.netting import NetPayment
from sharemarket.domain.clearing.run import ClearingRun, Included, ObligationRef, RunStatus
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money

MoneyIn = Money | Decimal | str | int


@attrs.frozen
class RunStatement:
    """A clearing run as the firms see it: what it includes, each firm's net position, the net
    payments (and, once committed, what is still owed on each), and what netting saves."""

    run_id: UUID
    as_of: date
    status: RunStatus
    obligations: tuple[Included, ...]
    positions: dict[FirmId, Money]
    payments: tuple[NetPayment, ...]
    owed: tuple[Money, ...]
    accepted: tuple[FirmId, ...]
    gross: Money

    @property
    def net(self) -> Money:
        """What the net payments move in all."""
        return Money.sum(p.amount for p in self.payments)


class ClearingService(Service):
    """Clearing runs (清算): proposed, accepted by every firm in them, committed, then paid."""

    def propose_run(
        self,
        actor: Actor,
        *,
        request_id: str,
        as_of: date,
        obligations: Iterable[ObligationRef],
    ) -> UUID:
        """An administrator proposes netting ``obligations`` (open, between member firms).

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, an obligation's holder or the obligation under
                it does not exist, or a firm in it is not a member.
            ObligationNotClearable: An obligation is of a slice a run may not include, its holder
                holds no such obligation, or it is paid.
            ObligationListedTwice: The same obligation is named more than once.
            FirmNotActive: A firm with an obligation in the run is suspended or left.
        """
        return self._run(
            c.ProposeRun(actor=actor, request_id=request_id, as_of=as_of, obligations=obligations)
        )

    def accept_run(self, actor: Actor, *, request_id: str, run: UUID) -> None:
        """A participating firm's representative accepts the run's net payments.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for a member firm as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the run does not exist.
            FirmNotActive: The actor's firm is suspended or left.
            NotAParticipant: The actor's firm has no obligation in the run.
            RunNotOpen: The run was committed or abandoned.
        """
        self._run(c.AcceptRun(actor=actor, request_id=request_id, run=run))

    def decline_run(self, actor: Actor, *, request_id: str, run: UUID, reason: str) -> None:
        """A participating firm leaves the run; it is recomputed without the firm's obligations.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for a member firm as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the run does not exist.
            FirmNotActive: The actor's firm is suspended or left.
            NotAParticipant: The actor's firm has no obligation in the run.
            RunNotOpen: The run was committed or abandoned.
        """
        self._run(c.DeclineRun(actor=actor, request_id=request_id, run=run, reason=reason))

    def commit_run(self, actor: Actor, *, request_id: str, run: UUID) -> None:
        """Every firm accepted: each obligation is paid by the run in its slice, atomically.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the run does not exist.
            RunNotOpen: The run was committed or abandoned.
            AcceptancesMissing: A participating firm has not accepted the run.
            RunStale: An obligation was paid, disputed or changed since the run was proposed.
        """
        self._run(c.CommitRun(actor=actor, request_id=request_id, run=run))

    def abandon_run(self, actor: Actor, *, request_id: str, run: UUID, reason: str) -> None:
        """An administrator gives up an open run (a stale one, say) before it commits.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, or the run does not exist.
            RunNotOpen: The run was committed or abandoned.
        """
        self._run(c.AbandonRun(actor=actor, request_id=request_id, run=run, reason=reason))

    def record_net_payment(
        self, actor: Actor, *, request_id: str, run: UUID, payee: FirmId | str, amount: MoneyIn
    ) -> UUID:
        """The paying firm records a payment of its net payment to ``payee``.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor does not act for a member firm as its representative.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the run does not exist, or it asks no payment
                of the actor's firm to the payee.
            NotAParticipant: The actor's firm has no obligation in the run.
            RunNotOpen: The run is not committed (its payments are not due).
            NetPaymentOverpaid: The payment is more than is still owed on the net payment.
        """
        return self._run(
            c.RecordNetPayment(
                actor=actor, request_id=request_id, run=run, payee=payee, amount=amount
            )
        )

    # Queries ----------------------------------------------------------------------------------

    def statement(self, run: UUID) -> RunStatement:
        """The run as the firms see it: obligations, net positions and payments, acceptances.

        Raises:
            NotFound: The run does not exist.
        """
        found = self._loader.get(ClearingRun, as_uuid(run, "run"), f"clearing run {run}")
        committed = found.status is RunStatus.COMMITTED
        return RunStatement(
            run_id=found.id,
            as_of=found.as_of,
            status=found.status,
            obligations=tuple(found.obligations),
            positions=found.positions(),
            payments=tuple(found.payments),
            owed=tuple(
                found.owed_on(p.payer, p.payee) if committed else p.amount for p in found.payments
            ),
            accepted=tuple(f for f in found.participants if f.code in found.accepted),
            gross=found.gross(),
        )
