"""Arrears as of a date: days overdue of the oldest unpaid instalment, amounts by component, and
Fineract's delinquency buckets."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date

import attrs

from sharemarket.domain.funds.allocation import Owed
from sharemarket.domain.money import Money


class DelinquencyBucket(enum.Enum):
    """How long a loan has been overdue, in Fineract's aging buckets of days: current
    (nothing overdue), 1-30, 31-60, 61-90 and over 90 days."""

    CURRENT = "current"
    DAYS_1_30 = "1-30"
    DAYS_31_60 = "31-60"
    DAYS_61_90 = "61-90"
    DAYS_OVER_90 = "90+"

    @classmethod
    def of(cls, days_overdue: int) -> DelinquencyBucket:
        """The bucket of a loan ``days_overdue`` days overdue (0 or less: current)."""
        if days_overdue <= 0:
            return cls.CURRENT
        if days_overdue <= 30:
            return cls.DAYS_1_30
        if days_overdue <= 60:
            return cls.DAYS_31_60
        if days_overdue <= 90:
            return cls.DAYS_61_90
        return cls.DAYS_OVER_90


@attrs.frozen
class Arrears:
    """What is overdue on ``as_of`` (an instalment is overdue the day after its due date)."""

    as_of: date
    days_overdue: int
    oldest_due_on: date | None
    principal: Money
    interest: Money
    penalty: Money

    @property
    def total(self) -> Money:
        """Everything overdue: principal, interest and penalty, in fen."""
        return self.principal + self.interest + self.penalty

    @property
    def bucket(self) -> DelinquencyBucket:
        """The aging bucket of ``days_overdue``."""
        return DelinquencyBucket.of(self.days_overdue)

    def __str__(self) -> str:
        if not self.days_overdue:
            return f"nothing overdue on {self.as_of}"
        return (
            f"{self.total} overdue on {self.as_of} ({self.principal} principal, {self.interest} "
            f"interest, {self.penalty} penalty), {self.days_overdue} days since "
            f"{self.oldest_due_on} (bucket {self.bucket.value})"
        )


def arrears(owed: Iterable[Owed], as_of: date) -> Arrears:
    overdue = sorted((o for o in owed if o.due_on < as_of and o.total), key=lambda o: o.due_on)
    oldest = overdue[0].due_on if overdue else None
    return Arrears(
        as_of,
        (as_of - oldest).days if oldest else 0,
        oldest,
        Money.sum(o.principal for o in overdue),
        Money.sum(o.interest for o in overdue),
        Money.sum(o.penalty for o in overdue),
    )
