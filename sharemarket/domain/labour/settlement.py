"""Settlement of confirmed shifts: minutes x rate, overtime at its multiplier, rounded once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from uuid import UUID

import attrs

from sharemarket.domain.duration import Minutes
from sharemarket.domain.labour.policy import DayType, WorkingTimePolicy
from sharemarket.domain.labour.shift import Shift
from sharemarket.domain.money import Money, check_amount

_MINUTES_PER_HOUR = 60


def _uuids(values: Iterable[UUID]) -> tuple[UUID, ...]:
    return tuple(values)


@attrs.frozen
class Settlement:
    """What the lending firm bills for the confirmed shifts of a date range.

    The multipliers in force are recorded with it, so the amount can always be re-derived.
    """

    settlement_id: UUID
    first_day: date
    last_day: date
    shift_ids: tuple[UUID, ...] = attrs.field(converter=_uuids)
    rate_per_hour: Money
    standard: Minutes
    workday_overtime: Minutes
    rest_day_overtime: Minutes
    holiday_overtime: Minutes
    workday_multiplier: Decimal
    rest_day_multiplier: Decimal
    holiday_multiplier: Decimal
    amount: Money

    @property
    def minutes(self) -> Minutes:
        """Every minute billed: standard and overtime of each kind together."""
        return (
            self.standard + self.workday_overtime + self.rest_day_overtime + self.holiday_overtime
        )


def price(rate_per_hour: Money, weighted_minutes: Decimal) -> Money:
    """``rate_per_hour`` for ``weighted_minutes``, rounded half up to the fen (四舍五入) once.

    The amount is computed as an exact fraction (a Decimal context would round the product or
    the quotient first once it passes 28 digits), so a true half fen is seen as one and rounded
    up, away from zero.
    """
    exact_fen = Fraction(rate_per_hour.fen) * Fraction(weighted_minutes) / _MINUTES_PER_HOUR
    whole, rest = divmod(abs(exact_fen.numerator), exact_fen.denominator)
    if 2 * rest >= exact_fen.denominator:
        whole += 1
    return Money(whole if exact_fen >= 0 else -whole)


def settle(
    *,
    settlement_id: UUID,
    first_day: date,
    last_day: date,
    shifts: Iterable[Shift],
    rate_per_hour: Money,
    policy: WorkingTimePolicy,
) -> Settlement:
    """Price the given confirmed shifts; rounding happens once, on the settlement's total."""
    chosen = sorted(shifts, key=lambda s: (s.work_date, str(s.shift_id)))
    overtime = dict.fromkeys(DayType, 0)
    standard = 0
    for shift in chosen:
        standard += shift.standard.value
        overtime[shift.day_type] += shift.overtime.value
    weighted = Decimal(standard) + sum(
        (Decimal(m) * policy.multiplier(t) for t, m in overtime.items()), Decimal(0)
    )
    return Settlement(
        settlement_id=settlement_id,
        first_day=first_day,
        last_day=last_day,
        shift_ids=tuple(s.shift_id for s in chosen),
        rate_per_hour=rate_per_hour,
        standard=Minutes(standard),
        workday_overtime=Minutes(overtime[DayType.WORKDAY]),
        rest_day_overtime=Minutes(overtime[DayType.REST_DAY]),
        holiday_overtime=Minutes(overtime[DayType.STATUTORY_HOLIDAY]),
        workday_multiplier=policy.workday_overtime_multiplier,
        rest_day_multiplier=policy.rest_day_multiplier,
        holiday_multiplier=policy.holiday_multiplier,
        amount=check_amount(
            price(rate_per_hour, weighted), f"a settlement from {first_day} to {last_day}"
        ),
    )
