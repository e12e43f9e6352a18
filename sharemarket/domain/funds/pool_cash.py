"""A pool loan's moves of the pool's cash: the terms it must meet, the principal lent out, and
what comes back (repaid, recovered after a write-off, refunded, lost).

Each function records its event on the pool, which the caller saves with the loan in one
transaction: a racing command decided on a stale cash figure fails its write.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.errors import LoanTermsOutsidePoolRules, PoolLendingShareExceeded
from sharemarket.domain.funds.pool import Pool
from sharemarket.domain.funds.schedule import LoanTerms
from sharemarket.domain.money import Money


def check_terms(pool: Pool, borrower: FirmId, terms: LoanTerms) -> None:
    """A pool loan charges the pool's rate, within its longest term and per-firm limit."""
    rules = pool.rules
    if terms.annual_rate != rules.annual_rate:
        raise LoanTermsOutsidePoolRules(
            f"{pool.name} lends at {rules.annual_rate} % a year, not {terms.annual_rate} %"
        )
    if terms.periods > rules.max_periods:
        raise LoanTermsOutsidePoolRules(
            f"{pool.name} lends for at most {rules.max_periods} months, not {terms.periods}"
        )
    check_firm_limit(pool, borrower, terms.principal)


def lend(pool: Pool, actor: Actor, loan: UUID, borrower: FirmId, amount: Money) -> None:
    check_firm_limit(pool, borrower, amount)
    pool.require_cash(amount, f"a disbursal of {amount} to {borrower}")
    ceiling = pool.contributed * (pool.rules.lendable_percent / Decimal(100))
    if pool.lent_out + amount > ceiling:
        raise PoolLendingShareExceeded(
            f"{pool.name} has lent out {pool.lent_out}; lending {amount} more would pass "
            f"{pool.rules.lendable_percent} % of its contributions of {pool.contributed} "
            f"({ceiling})"
        )
    pool.trigger_event(Pool.CashLent, loan=loan, borrower=borrower, amount=amount, actor=actor)


def unlend(pool: Pool, actor: Actor, loan: UUID, borrower: FirmId, amount: Money, on: date) -> None:
    """An undone disbursal: the principal is back in the pool."""
    pool.trigger_event(
        Pool.CashReturned,
        loan=loan,
        borrower=borrower,
        principal=amount,
        income=Money(0),
        excess=Money(0),
        on=on,
        actor=actor,
    )


def receive(
    pool: Pool,
    actor: Actor,
    loan: UUID,
    borrower: FirmId,
    principal: Money,
    income: Money,
    excess: Money,
    on: date,
) -> None:
    pool.trigger_event(
        Pool.CashReturned,
        on=on,
        loan=loan,
        borrower=borrower,
        principal=principal,
        income=income,
        excess=excess,
        actor=actor,
    )


def recover(
    pool: Pool,
    actor: Actor,
    loan: UUID,
    borrower: FirmId,
    principal: Money,
    income: Money,
    on: date,
) -> None:
    pool.trigger_event(
        Pool.LossRecovered,
        on=on,
        loan=loan,
        borrower=borrower,
        principal=principal,
        income=income,
        actor=actor,
    )


def refund(pool: Pool, actor: Actor, loan: UUID, borrower: FirmId, amount: Money) -> None:
    pool.require_cash(amount, f"a refund of {amount} to {borrower}")
    pool.trigger_event(Pool.CashRefunded, loan=loan, borrower=borrower, amount=amount, actor=actor)


def lose(
    pool: Pool, actor: Actor, loan: UUID, borrower: FirmId, principal: Money, on: date
) -> None:
    if principal:
        pool.trigger_event(
            Pool.LoanLost, loan=loan, borrower=borrower, principal=principal, on=on, actor=actor
        )


def check_firm_limit(pool: Pool, borrower: FirmId, amount: Money) -> None:
    owed = pool.owed_by(borrower)
    if owed + amount > pool.rules.max_per_firm:
        raise LoanTermsOutsidePoolRules(
            f"{borrower} owes {pool.name} {owed} of principal; {amount} more would pass the "
            f"most one firm may owe it, {pool.rules.max_per_firm}"
        )
