"""The mutual-aid pool (企业互助资金池): its rules, cash, what it has lent, and who contributed.

State is bounded by the membership: totals, one row of integer fen per contributor with a stake
(see ``stakes``) and one principal total per borrower, never a list of movements (the journal
keeps those). **The pool's cash is never negative**: every command that moves it has the pool
in its save, so a racing disbursal or withdrawal decided on a stale cash figure fails its write
and is decided again.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.errors import (
    PoolCashShort,
    PoolContributionShort,
)
from sharemarket.domain.funds.pool_rules import PoolRules, approver_of
from sharemarket.domain.funds.stakes import INCOME, LOSSES, PoolStakes, Stakes
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park
from sharemarket.domain.text import free_text

POOL_NAME_MAX = 200


class Pool(PoolStakes, Aggregate):
    """A pool held in the account of ``custodian`` (the park's service entity), lent to members."""

    #: Snapshots of version 1 kept a contribution, an income share, a loss share and a weight
    #: per contributor ever, as typed amounts; version 2 keeps ``stakes``, a row of integer fen
    #: per contributor with a stake (``PoolStakes.upcast_v1_v2``).
    class_version = 2

    class Event(Aggregate.Event):
        """The base of ``Pool``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Established(Aggregate.Created, Event):
        name: str
        custodian: FirmId
        rules: PoolRules
        actor: Actor

    class ContributionReceived(Event):
        contributor: FirmId
        amount: Money
        received_on: date
        actor: Actor

        def apply(self, pool: Pool) -> None:
            pool._contribute(self.contributor, self.amount, self.received_on)
            pool.cash += self.amount

    class ContributionWithdrawn(Event):
        contributor: FirmId
        amount: Money
        paid_on: date
        actor: Actor

        def apply(self, pool: Pool) -> None:
            pool._contribute(self.contributor, -self.amount, self.paid_on)
            pool.cash -= self.amount

    class CashLent(Event):
        """Principal left the pool for a loan (posted by the loan's own event)."""

        loan: UUID
        borrower: FirmId
        amount: Money
        actor: Actor

        def apply(self, pool: Pool) -> None:
            pool._owe(self.borrower, self.amount)
            pool.cash -= self.amount

    class CashReturned(Event):
        """A loan's repayment (or a guarantor's payment) reached the pool: principal back in the
        pool, interest and penalty as income; an excess is held until it is refunded."""

        loan: UUID
        borrower: FirmId
        principal: Money
        income: Money
        excess: Money
        on: date
        actor: Actor

        def apply(self, pool: Pool) -> None:
            pool._owe(self.borrower, -self.principal)
            pool.income += self.income
            pool._share(self.income, INCOME, self.on)
            pool.cash += self.principal + self.income + self.excess

    class CashRefunded(Event):
        loan: UUID
        borrower: FirmId
        amount: Money
        actor: Actor

        def apply(self, pool: Pool) -> None:
            pool.cash -= self.amount

    class LoanLost(Event):
        """A loan was written off: its principal is a loss of the pool."""

        loan: UUID
        borrower: FirmId
        principal: Money
        on: date
        actor: Actor

        def apply(self, pool: Pool) -> None:
            pool._owe(self.borrower, -self.principal)
            pool.losses += self.principal
            pool._share(self.principal, LOSSES, self.on)

    class LossRecovered(Event):
        """Money paid on a written-off loan (by a guarantor) reached the pool: its principal
        lowers the losses shared earlier, pro rata; its interest and penalty are income."""

        loan: UUID
        borrower: FirmId
        principal: Money
        income: Money
        on: date
        actor: Actor

        def apply(self, pool: Pool) -> None:
            pool.losses -= self.principal
            pool.income += self.income
            # Principal recovered gives back the losses shared, pro rata to each contributor's
            # losses; interest and penalty recovered are income like any other.
            pool._give_back(self.principal)
            pool._share(self.income, INCOME, self.on)
            pool.cash += self.principal + self.income

    class ApproversSet(Event):
        """Who approves the pool's loans from now on: a committee, or administrators (none)."""

        approvers: tuple[FirmId, ...]
        approvals_needed: int
        actor: Actor

        def apply(self, pool: Pool) -> None:
            pool.rules = attrs.evolve(
                pool.rules, approvers=self.approvers, approvals_needed=self.approvals_needed
            )

    def __init__(self, name: str, custodian: FirmId, rules: PoolRules, actor: Actor) -> None:
        self.name = name
        self.custodian = custodian
        self.rules = rules
        self.cash = Money(0)
        self.income = Money(0)
        self.losses = Money(0)
        self.owed: dict[str, Money] = {}
        # Each contributor's contribution, shares of income and losses pro rata over time, and
        # fen-days since the last share, on a clock that moves with the events' dates.
        self.stakes: Stakes = {}
        self.clock: date | None = None

    @classmethod
    def establish(
        cls,
        park: Park,
        actor: Actor,
        *,
        pool_id: UUID,
        name: str,
        custodian: FirmId,
        rules: PoolRules,
    ) -> Pool:
        park.require_administrator(actor)
        return cls._create(
            cls.Established,
            id=pool_id,
            name=free_text(name, "name", POOL_NAME_MAX),
            custodian=custodian,
            rules=rules,
            actor=actor,
        )

    # Queries ----------------------------------------------------------------------------------

    def owed_by(self, firm: FirmId) -> Money:
        return self.owed.get(firm.code, Money(0))

    @property
    def lent_out(self) -> Money:
        return Money.sum(self.owed.values())

    # Commands ---------------------------------------------------------------------------------

    def contribute(self, park: Park, actor: Actor, firm: FirmId, amount: Money, on: date) -> None:
        """An administrator records a member's contribution when the money arrives."""
        park.require_administrator(actor)
        park.require_active(firm)
        _positive(amount, "amount")
        self.trigger_event(
            self.ContributionReceived, contributor=firm, amount=amount, received_on=on, actor=actor
        )

    def withdraw(self, park: Park, actor: Actor, firm: FirmId, amount: Money, on: date) -> None:
        """A member takes back part of its contribution, from cash not lent out."""
        park.require_administrator(actor)
        park.member(firm)
        _positive(amount, "amount")
        own = self.contribution_of(firm)
        if amount > own:
            raise PoolContributionShort(
                f"{firm} has contributed {own} to {self.name}; it cannot withdraw {amount}"
            )
        self.require_cash(amount, f"a withdrawal of {amount} by {firm}")
        self.trigger_event(
            self.ContributionWithdrawn, contributor=firm, amount=amount, paid_on=on, actor=actor
        )

    def approver(self, park: Park, actor: Actor, borrower: FirmId) -> FirmId | None:
        """The committee firm ``actor`` approves for (None: an administrator approves)."""
        return approver_of(self.name, self.rules, park, actor, borrower)

    def set_approvers(
        self, park: Park, actor: Actor, approvers: tuple[FirmId, ...], approvals_needed: int
    ) -> None:
        """An administrator hands approval of the pool's loans to a committee of active member
        firms, ``approvals_needed`` of which must approve (no approvers: administrators)."""
        park.require_administrator(actor)
        rules = attrs.evolve(self.rules, approvers=approvers, approvals_needed=approvals_needed)
        for firm in rules.approvers:
            park.require_active(firm)
        self.trigger_event(
            self.ApproversSet,
            approvers=rules.approvers,
            approvals_needed=rules.approvals_needed,
            actor=actor,
        )

    def require_cash(self, amount: Money, what: str) -> None:
        if amount > self.cash:
            raise PoolCashShort(
                f"{self.name} holds {self.cash} of cash not lent out; {what} would make it negative"
            )

    def _owe(self, borrower: FirmId, delta: Money) -> None:
        left = self.owed_by(borrower) + delta
        if left:
            self.owed[borrower.code] = left
        else:
            self.owed.pop(borrower.code, None)


def _positive(amount: Money, what: str) -> None:
    if not amount:
        raise InvalidInput(f"{what} is zero; record a positive amount")
