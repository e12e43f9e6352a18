"""Interest after a prepayment: the instalments not yet due, repriced on the reduced principal.

The People's Bank's convention (``shared/DOMAIN.md``): a prepayment is charged by the day. The
principal prepaid on day ``d`` stops bearing interest from ``d``: the period in which ``d``
falls loses the prepaid principal's interest for the days left to its due date (× annual / 360),
and each later period is charged as the schedule charges it (a whole month at annual / 12, a
broken first period by the day) on the principal still outstanding in it. The principal
outstanding in a period is what its own and every later instalment still owe. Interest is only
ever lowered, half up to the fen per instalment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from sharemarket.domain.funds.allocation import Owed
from sharemarket.domain.funds.schedule import LoanTerms, ScheduleType, add_months
from sharemarket.domain.money import Money


@attrs.frozen
class InterestChange:
    """An instalment's interest still owed, before and after a prepayment repriced it."""

    number: int
    before: Money
    after: Money


def _outstanding(owed: Sequence[Owed]) -> dict[int, Money]:
    """Per instalment, the principal outstanding during its period (its own and later ones)."""
    running, found = Money(0), {}
    for o in sorted(owed, key=lambda o: -o.number):
        running += o.principal
        found[o.number] = running
    return found


def reprice(
    terms: LoanTerms,
    disbursed_on: date,
    before: Sequence[Owed],
    after: Sequence[Owed],
    on: date,
) -> tuple[InterestChange, ...]:
    """The interest of each instalment not yet due on ``on`` once principal was prepaid, from
    what was owed ``before`` and ``after`` the prepayment (its principal paid, interest not)."""
    old, new = _outstanding(before), _outstanding(after)
    by_number = sorted(after, key=lambda o: o.number)
    starts = [disbursed_on, *(o.due_on for o in by_number[:-1])]
    changes = []
    for o, start in zip(by_number, starts, strict=True):
        prepaid = old[o.number] - new[o.number]
        if o.due_on <= on or not prepaid:
            continue
        if start < on:  # the period the prepayment falls in: by the day, for the days left
            saved = prepaid * (terms.daily_rate * (o.due_on - on).days)
            interest = o.interest - min(saved, o.interest)
        elif terms.schedule is ScheduleType.BULLET or (
            o.number == 1 and add_months(disbursed_on, 1) != o.due_on
        ):
            interest = new[o.number] * (terms.daily_rate * (o.due_on - start).days)
        else:
            interest = new[o.number] * terms.monthly_rate
        interest = min(interest, o.interest)
        if interest != o.interest:
            changes.append(InterestChange(o.number, o.interest, interest))
    return tuple(changes)
