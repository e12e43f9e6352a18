"""What a loan still owes per instalment, and how a repayment is allocated over it.

The order is Fineract's default: instalments already due first, oldest first, and within one
penalty interest, then interest, then principal. What is left prepays principal from the last
instalment backwards (prepayment shortens the loan), then the interest of instalments not yet
due, oldest first; anything beyond is an overpayment. The allocation is recorded in the event
that records the repayment, never recomputed later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Context, Decimal

import attrs

from sharemarket.domain.funds.schedule import Instalment
from sharemarket.domain.money import Money

ZERO = Money(0)
_PRECISE = Context(prec=60)


@attrs.frozen
class Owed:
    """What remains to be paid of one instalment, by component (never negative)."""

    number: int
    due_on: date
    principal: Money
    interest: Money
    penalty: Money = ZERO

    @classmethod
    def of(cls, instalment: Instalment) -> Owed:
        """All of ``instalment`` still to be paid: its principal and interest, no penalty."""
        return cls(instalment.number, instalment.due_on, instalment.principal, instalment.interest)

    @property
    def total(self) -> Money:
        """Principal, interest and penalty still owed on the instalment, in fen."""
        return self.principal + self.interest + self.penalty

    def is_due(self, as_of: date) -> bool:
        """Whether the instalment falls due on or before the business date ``as_of``."""
        return self.due_on <= as_of


@attrs.frozen
class Allocated:
    """The part of a repayment that went to one instalment, by component."""

    number: int
    penalty: Money
    interest: Money
    principal: Money

    @property
    def total(self) -> Money:
        """What went to the instalment: penalty, interest and principal, in fen."""
        return self.penalty + self.interest + self.principal


def _parts(parts: Iterable[Allocated]) -> tuple[Allocated, ...]:
    return tuple(parts)


@attrs.frozen
class Allocation:
    """Where a repayment went: instalment by instalment, and what exceeded everything owed."""

    parts: tuple[Allocated, ...] = attrs.field(converter=_parts)
    excess: Money

    @property
    def principal(self) -> Money:
        """The principal the repayment paid, over every instalment, in fen."""
        return Money.sum(p.principal for p in self.parts)

    @property
    def interest(self) -> Money:
        """The interest the repayment paid, over every instalment, in fen."""
        return Money.sum(p.interest for p in self.parts)

    @property
    def penalty(self) -> Money:
        """The penalty interest the repayment paid, over every instalment, in fen."""
        return Money.sum(p.penalty for p in self.parts)

    @property
    def total(self) -> Money:
        """The whole repayment: what went to the instalments plus the ``excess``, in fen."""
        return self.principal + self.interest + self.penalty + self.excess


#: Given what is owed once a prepayment's principal is paid, the new interest of the
#: instalments it reprices (by number).
Reprice = Callable[[tuple[Owed, ...]], Mapping[int, Money]]


def allocate(
    owed: Iterable[Owed], amount: Money, as_of: date, reprice: Reprice | None = None
) -> Allocation:
    """Split ``amount`` paid on ``as_of`` over what is owed, in the order of the module's doc;
    ``reprice`` lowers the interest of instalments not yet due once principal is prepaid,
    before that interest is paid."""
    by_number = sorted(owed, key=lambda o: o.number)
    rows = {o.number: [o.penalty.fen, o.interest.fen, o.principal.fen] for o in by_number}
    paid = {o.number: [0, 0, 0] for o in by_number}
    left = amount.fen

    def take(number: int, component: int) -> None:
        nonlocal left
        share = min(left, rows[number][component])
        rows[number][component] -= share
        paid[number][component] += share
        left -= share

    due = [o.number for o in by_number if o.is_due(as_of)]
    later = [o.number for o in by_number if not o.is_due(as_of)]
    for number in due:
        for component in (0, 1, 2):
            take(number, component)
    for number in reversed(later):
        take(number, 2)
    if reprice is not None and any(paid[n][2] for n in later):
        middle = tuple(
            Owed(o.number, o.due_on, Money(rows[o.number][2]), Money(rows[o.number][1]),
                 Money(rows[o.number][0]))
            for o in by_number
        )  # fmt: skip
        for number, interest in reprice(middle).items():
            rows[number][1] = interest.fen
    for number in later:
        take(number, 0)
        take(number, 1)
    parts = tuple(
        Allocated(n, Money(p[0]), Money(p[1]), Money(p[2])) for n, p in paid.items() if any(p)
    )
    return Allocation(parts, Money(left))


def after(owed: Iterable[Owed], allocation: Allocation) -> tuple[Owed, ...]:
    """What remains owed once ``allocation`` is paid."""
    paid = {p.number: p for p in allocation.parts}
    rows = []
    for o in owed:
        p = paid.get(o.number)
        if p is not None:
            o = attrs.evolve(
                o,
                penalty=o.penalty - p.penalty,
                interest=o.interest - p.interest,
                principal=o.principal - p.principal,
            )
        rows.append(o)
    return tuple(rows)


def penalties(
    owed: Iterable[Owed],
    overdue_rate: Decimal,
    accrued_to: date,
    as_of: date,
    pending: Mapping[str, int] | None = None,
    since: Mapping[str, date] | None = None,
) -> tuple[tuple[int, Money], ...]:
    """Penalty interest on overdue principal from ``accrued_to`` (or the due date, if later) to
    ``as_of``, by the day at the overdue rate / 360, half up per instalment; zeros left out.

    ``pending`` holds, per instalment, the fen-days already run on balances since paid down
    (a repayment between two accruals closes a segment), and ``since`` the day its current
    balance began to count, each by the instalment's number as text (the keys a snapshot keeps):
    each balance is charged only for its own days."""
    daily = _PRECISE.divide(overdue_rate, Decimal(36000))
    pending = pending or {}
    since = since or {}
    found = []
    for o in owed:
        key = str(o.number)
        start = max(o.due_on, accrued_to, since.get(key, accrued_to))
        days = max(0, (as_of - start).days)
        fen_days = pending.get(key, 0) + o.principal.fen * days
        if fen_days:
            amount = Money(fen_days) * daily
            if amount:
                found.append((o.number, amount))
    return tuple(found)


def run_days(
    owed: Iterable[Owed],
    allocation: Allocation,
    paid_on: date,
    accrued_to: date,
    pending: Mapping[str, int],
    since: Mapping[str, date],
) -> tuple[dict[str, int], dict[str, date]]:
    """The penalty segments once ``allocation``, paid on ``paid_on``, reduces the principal of
    overdue instalments: the days each old balance ran until the payment are set aside (as
    fen-days) and its new balance counts from ``paid_on`` (never backwards: a payment dated
    before a segment's start reduces the balance from that start)."""
    paid = {p.number: p.principal for p in allocation.parts if p.principal}
    moved, starts = dict(pending), dict(since)
    for o in owed:
        if o.number not in paid:
            continue
        key = str(o.number)
        start = max(o.due_on, accrued_to, starts.get(key, accrued_to))
        if paid_on > start:
            moved[key] = moved.get(key, 0) + o.principal.fen * (paid_on - start).days
            starts[key] = paid_on
    return moved, starts
