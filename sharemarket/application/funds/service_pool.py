"""``market.funds``, its LPR table and its mutual-aid pool (资金池): the commands and queries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from uuid import UUID

from sharemarket.application.funds import access
from sharemarket.application.funds import commands as c
from sharemarket.application.funds.timeline import TIMELINE_DAYS_MAX, FundsTimeline, funds_timeline
from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.inputs import as_uuid
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.rates import LprFigure
from sharemarket.domain.funds.statements import PoolStatement
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date

#: The actor the LPR queries read the table as (a query records nothing).
_ADMIN = Actor.administrator("funds-query")


class PoolService(Service):
    """The LPR table and the mutual-aid pool."""

    # The LPR table ----------------------------------------------------------------------------

    def record_lpr(
        self, actor: Actor, *, request_id: str, effective_from: date, rate: Decimal
    ) -> None:
        """An administrator appends a newly published one-year LPR (a later date only); it
        records the figure in the market's LPR table, which caps the rates of loans contracted
        from ``effective_from`` on.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
            LprEntryNotLater: ``effective_from`` is not after the table's last figure.
        """
        self._run(
            c.RecordLpr(
                actor=actor, request_id=request_id, effective_from=effective_from, rate=rate
            )
        )

    def lpr_figures(self) -> tuple[LprFigure, ...]:
        """Every one-year LPR figure known, in date order (the published ones as shipped)."""
        return access.lpr_table(self._loader, _ADMIN).figures

    def lpr_on(self, day: date) -> LprFigure:
        """The one-year LPR in force on ``day``.

        Raises:
            InvalidInput: ``day`` lies outside the business dates the market records.
            LprNotPublished: ``day`` is before the table's first figure (2019-08-20).
        """
        return access.lpr_table(self._loader, _ADMIN).on(check_business_date(day, "day"))

    # The pool ---------------------------------------------------------------------------------

    def establish_pool(
        self,
        actor: Actor,
        *,
        request_id: str,
        name: str,
        custodian: FirmId | str,
        max_per_firm: Money | Decimal | str | int,
        max_periods: int,
        annual_rate: Decimal,
        lendable_percent: Decimal,
    ) -> UUID:
        """An administrator establishes a pool held in ``custodian``'s account, with its rules
        (the most one firm may owe it, its longest term, its rate, the share of contributions it
        may lend out); returns the pool's id. Its loans are approved by administrators until
        ``set_pool_approvers`` names a committee.

        Raises:
            InvalidInput: An argument or the request id is malformed, or looks like personal data.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established.
        """
        return self._run(
            c.EstablishPool(
                actor=actor,
                request_id=request_id,
                name=name,
                custodian=custodian,
                max_per_firm=max_per_firm,
                max_periods=max_periods,
                annual_rate=annual_rate,
                lendable_percent=lendable_percent,
            )
        )

    def contribute(
        self,
        actor: Actor,
        *,
        request_id: str,
        pool: UUID,
        contributor: FirmId | str,
        amount: Money | Decimal | str | int,
        received_on: date,
    ) -> None:
        """An administrator records a member's contribution when the money arrives: the pool's
        cash and the contributor's share grow by ``amount``.

        Raises:
            InvalidInput: An argument or the request id is malformed, or the amount is zero.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the pool does not exist, or the contributor is
                not a member.
            FirmNotActive: The contributor is suspended or left.
        """
        self._run(
            c.Contribute(
                actor=actor,
                request_id=request_id,
                pool=pool,
                contributor=contributor,
                amount=amount,
                received_on=received_on,
            )
        )

    def withdraw_contribution(
        self,
        actor: Actor,
        *,
        request_id: str,
        pool: UUID,
        contributor: FirmId | str,
        amount: Money | Decimal | str | int,
        paid_on: date,
    ) -> None:
        """An administrator records a member taking back contributed money, paid from the
        pool's cash not lent out; a suspended or departed member may still take its money back.

        Raises:
            InvalidInput: An argument or the request id is malformed, or the amount is zero.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the pool does not exist, or the contributor is
                not a member.
            PoolContributionShort: The amount is more than the contributor has contributed.
            PoolCashShort: The pool's cash not lent out cannot cover the amount.
        """
        self._run(
            c.WithdrawContribution(
                actor=actor,
                request_id=request_id,
                pool=pool,
                contributor=contributor,
                amount=amount,
                paid_on=paid_on,
            )
        )

    def set_pool_approvers(
        self,
        actor: Actor,
        *,
        request_id: str,
        pool: UUID,
        approvers: Iterable[str],
        approvals_needed: int,
    ) -> None:
        """An administrator hands approval of the pool's loans to a committee of member firms
        (credit codes): a loan is approved once ``approvals_needed`` of them have approved it,
        each through a representative, the borrower never for itself. No approvers hands it
        back to the administrators.

        Raises:
            InvalidInput: An argument or the request id is malformed or looks like personal data,
                an approver is named twice, too many are named, or ``approvals_needed`` is not
                between 1 and the number of approvers.
            PermissionDenied: The actor is not an administrator of the park.
            RequestIdReused: The request id was used before for another command or arguments.
            NotFound: The park is not established, the pool does not exist, or an approver is not
                a member.
            FirmNotActive: An approver is suspended or left.
        """
        self._run(
            c.SetPoolApprovers(
                actor=actor,
                request_id=request_id,
                pool=pool,
                approvers=approvers,
                approvals_needed=approvals_needed,
            )
        )

    def pool(self, pool: UUID) -> PoolStatement:
        """The pool's statement: its rules, cash, contributions, what each firm owes it, and
        each contributor's share of income and losses.

        Raises:
            NotFound: The pool does not exist.
        """
        return PoolStatement.of(access.pool(self._loader, as_uuid(pool, "pool")))

    def timeline(self, first_day: date, last_day: date) -> FundsTimeline:
        """Each day's cash in the pools and principal owed on every loan, by the dates the money
        moved: read from the market's whole history, a report rather than a command path.

        Raises:
            InvalidInput: A day lies outside the business dates, the period ends before it
                starts, or it covers more than ``TIMELINE_DAYS_MAX`` days.
        """
        check_business_date(first_day, "first_day")
        check_business_date(last_day, "last_day")
        if last_day < first_day:
            raise InvalidInput(f"the period ends on {last_day}, before it starts on {first_day}")
        days = (last_day - first_day).days + 1
        if days > TIMELINE_DAYS_MAX:
            raise InvalidInput(
                f"the timeline covers {days} days; ask for at most {TIMELINE_DAYS_MAX}"
            )
        return funds_timeline(EventLog(self._loader.app), first_day, last_day)
