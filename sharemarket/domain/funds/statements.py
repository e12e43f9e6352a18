"""What hosts read of a pool and a loan: frozen values, built from the aggregates' state."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import attrs

from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.allocation import Owed
from sharemarket.domain.funds.guarantees import Guarantee
from sharemarket.domain.funds.loan import Loan, LoanStatus
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.funds.pool_rules import PoolRules
from sharemarket.domain.funds.rates import LprFigure
from sharemarket.domain.funds.schedule import Instalment, LoanTerms
from sharemarket.domain.money import Money


@attrs.frozen
class ContributorShare:
    """One contributor's position in the pool: what it put in (net of withdrawals), and its
    shares of the income earned and the losses written off, pro rata over time."""

    firm: str
    contributed: Money
    income: Money
    losses: Money

    @property
    def net(self) -> Money:
        """The contributor's stake: what it put in, plus its income, less its losses, in fen."""
        return self.contributed + self.income - self.losses


@attrs.frozen
class PoolStatement:
    """The pool's position: cash not lent out, principal lent, income, losses, and each
    contributor's contribution (by credit code)."""

    pool_id: UUID
    name: str
    custodian: FirmId
    rules: PoolRules
    cash: Money
    lent_out: Money
    contributed: Money
    income: Money
    losses: Money
    contributions: dict[str, Money]
    owed: dict[str, Money]
    shares: dict[str, ContributorShare]

    @classmethod
    def of(cls, pool: Pool) -> PoolStatement:
        """The statement of ``pool`` as it stands."""
        return cls(
            pool.id,
            pool.name,
            pool.custodian,
            pool.rules,
            pool.cash,
            pool.lent_out,
            pool.contributed,
            pool.income,
            pool.losses,
            dict(sorted(pool.contributions.items())),
            dict(sorted(pool.owed.items())),
            {
                code: ContributorShare(
                    code,
                    pool.contributions.get(code, Money(0)),
                    pool.income_shares.get(code, Money(0)),
                    pool.loss_shares.get(code, Money(0)),
                )
                for code in sorted({*pool.contributions, *pool.income_shares, *pool.loss_shares})
            },
        )


@attrs.frozen
class GuaranteePosition:
    """A guarantee with the guarantor's exposure now."""

    guarantee: Guarantee
    exposure: Money


@attrs.frozen
class LoanStatement:
    """A loan's terms, status, schedule, what remains owed per instalment, and its guarantees."""

    loan_id: UUID
    borrower: FirmId
    lender: FirmId
    pool: UUID | None
    terms: LoanTerms
    lpr: LprFigure
    status: LoanStatus
    disbursed_on: date | None
    schedule: tuple[Instalment, ...]
    owed: tuple[Owed, ...]
    overpaid: Money
    guarantees: tuple[GuaranteePosition, ...]

    @property
    def outstanding(self) -> Money:
        """Everything still owed on the schedule: principal, interest and penalty, in fen."""
        return Money.sum(o.total for o in self.owed)

    @property
    def outstanding_principal(self) -> Money:
        """The principal still owed, in fen."""
        return Money.sum(o.principal for o in self.owed)

    @classmethod
    def of(cls, loan: Loan) -> LoanStatement:
        """The statement of ``loan`` as it stands."""
        return cls(
            loan.id,
            loan.borrower,
            loan.lender,
            loan.pool,
            loan.terms,
            loan.lpr,
            loan.status,
            loan.disbursed_on,
            loan.schedule,
            loan.owed,
            loan.excess,
            tuple(GuaranteePosition(g, loan.exposure(g.guarantor)) for g in loan.guarantors),
        )
