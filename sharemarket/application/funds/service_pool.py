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
        """An administrator appends a newly published one-year LPR (a later date only)."""
        self._run(
            c.RecordLpr(
                actor=actor, request_id=request_id, effective_from=effective_from, rate=rate
            )
        )

    def lpr_figures(self) -> tuple[LprFigure, ...]:
        """Every one-year LPR figure known, in date order (the published ones as shipped)."""
        return access.lpr_table(self._loader, _ADMIN).figures

    def lpr_on(self, day: date) -> LprFigure:
        """The one-year LPR in force on ``day``; ``loan_lpr_not_published`` before 2019-08-20."""
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
        """An administrator establishes a pool held in ``custodian``'s account, with its rules."""
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
        """An administrator records a member's contribution when the money arrives."""
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
        """A member takes back contributed money, from cash not lent out (``pool_cash_short``)."""
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
        each through a representative, the borrower never for itself."""
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
        return PoolStatement.of(access.pool(self._loader, as_uuid(pool, "pool")))

    def timeline(self, first_day: date, last_day: date) -> FundsTimeline:
        """Each day's cash in the pools and principal owed on every loan, by the dates the money
        moved: read from the market's whole history, a report rather than a command path."""
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
