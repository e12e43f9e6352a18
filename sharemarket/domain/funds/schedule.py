"""Loan terms and schedules: bullet, equal principal (等额本金), equal instalment (等额本息).

The People's Bank's convention: a whole monthly period is charged at annual / 12 on the principal
outstanding; a broken first period (disbursal and first due date not a month apart) and a bullet
loan are charged by the day at annual / 360. Each instalment's interest is rounded half up to the
fen (四舍五入) on its own; principal instalments are rounded half up too, and the last instalment
absorbs the remainder, so the principal repaid equals the principal lent to the fen.
"""

from __future__ import annotations

import calendar
import enum
from datetime import date
from decimal import Context, Decimal

import attrs

from sharemarket.domain.checks import of_type
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.funds.errors import LoanPrincipalTooSmall
from sharemarket.domain.funds.rates import check_rate
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date

PERIODS_MAX = 360
#: Each period must carry at least ¥10 of principal, so that no rounded instalment is negative.
PRINCIPAL_PER_PERIOD_MIN = Money(1000)
_PRECISE = Context(prec=60)


class ScheduleType(enum.Enum):
    """How a loan is repaid over its monthly periods: all at maturity (bullet), equal principal
    (等额本金) or equal instalments of principal and interest (等额本息, an annuity)."""

    BULLET = "bullet"  # interest and principal at maturity
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    EQUAL_INSTALMENT = "equal_instalment"  # 等额本息 (annuity)


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, or that month's last day if it is shorter."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _periods(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"periods is an int of months, not {type(value).__name__} {value!r}")
    if not 1 <= value <= PERIODS_MAX:
        raise InvalidInput(f"periods is {value}; a loan runs 1 to {PERIODS_MAX} monthly periods")
    return value


def _annual_rate(value: object) -> Decimal:
    return check_rate(value, "annual rate")


def _overdue_rate(value: object) -> Decimal:
    return check_rate(value, "overdue rate")


def _contract_date(value: object) -> date:
    return check_business_date(value, "contract date")


def _first_due_date(value: object) -> date:
    return check_business_date(value, "first due date")


@attrs.frozen
class LoanTerms:
    """What borrower and lender agree: amounts in fen, annual rates in percent."""

    principal: Money = attrs.field(validator=of_type(Money))
    annual_rate: Decimal = attrs.field(converter=_annual_rate)
    overdue_rate: Decimal = attrs.field(converter=_overdue_rate)
    contract_date: date = attrs.field(converter=_contract_date)
    first_due_date: date = attrs.field(converter=_first_due_date)
    periods: int = attrs.field(converter=_periods)
    schedule: ScheduleType = attrs.field(validator=of_type(ScheduleType))

    def __attrs_post_init__(self) -> None:
        if self.first_due_date <= self.contract_date:
            raise InvalidInput(
                f"first due date {self.first_due_date} is not after the contract date "
                f"{self.contract_date}"
            )
        if self.principal < PRINCIPAL_PER_PERIOD_MIN * self.periods:
            raise LoanPrincipalTooSmall(
                f"principal {self.principal} over {self.periods} periods is below "
                f"{PRINCIPAL_PER_PERIOD_MIN} a period; lend more or over fewer periods"
            )

    @property
    def due_dates(self) -> tuple[date, ...]:
        """The instalments' due dates: monthly from ``first_due_date``, or maturity alone for a
        bullet loan."""
        if self.schedule is ScheduleType.BULLET:
            return (self.maturity,)
        return tuple(add_months(self.first_due_date, k) for k in range(self.periods))

    @property
    def maturity(self) -> date:
        """The last due date: ``periods - 1`` months after ``first_due_date``."""
        return add_months(self.first_due_date, self.periods - 1)

    @property
    def monthly_rate(self) -> Decimal:
        """The rate of one whole monthly period, as a fraction: ``annual_rate`` / 12 / 100."""
        return _PRECISE.divide(self.annual_rate, Decimal(1200))

    @property
    def daily_rate(self) -> Decimal:
        """The rate of one day, as a fraction, on a 360-day year: ``annual_rate`` / 360 / 100."""
        return _PRECISE.divide(self.annual_rate, Decimal(36000))


@attrs.frozen
class Instalment:
    """One scheduled payment: its due date and what it is made of, in fen."""

    number: int
    due_on: date
    principal: Money
    interest: Money

    @property
    def total(self) -> Money:
        """The instalment's principal and interest, in fen."""
        return self.principal + self.interest


def equal_payment(principal: Money, monthly_rate: Decimal, periods: int) -> Money:
    """The annuity P·r·(1+r)^n / ((1+r)^n − 1), half up to the fen (P / n at a zero rate)."""
    if monthly_rate == 0:
        return principal * _PRECISE.divide(Decimal(1), Decimal(periods))
    growth = _PRECISE.power(1 + monthly_rate, periods)
    factor = _PRECISE.divide(_PRECISE.multiply(monthly_rate, growth), growth - 1)
    return principal * factor


def build_schedule(terms: LoanTerms, disbursed_on: date) -> tuple[Instalment, ...]:
    """The instalments of a loan disbursed on ``disbursed_on`` (before the first due date)."""
    dues = terms.due_dates
    whole_first = add_months(disbursed_on, 1) == terms.first_due_date

    def first_interest(outstanding: Money) -> Money:
        if whole_first:
            return outstanding * terms.monthly_rate
        days = (terms.first_due_date - disbursed_on).days
        return outstanding * (terms.daily_rate * days)

    if terms.schedule is ScheduleType.BULLET:
        days = (terms.maturity - disbursed_on).days
        interest = terms.principal * (terms.daily_rate * days)
        return (Instalment(1, terms.maturity, terms.principal, interest),)
    n = terms.periods
    outstanding = terms.principal
    parts: list[Instalment] = []
    if terms.schedule is ScheduleType.EQUAL_PRINCIPAL:
        each = terms.principal * _PRECISE.divide(Decimal(1), Decimal(n))
        for k in range(n):
            principal = outstanding if k == n - 1 else each
            interest = first_interest(outstanding) if k == 0 else outstanding * terms.monthly_rate
            parts.append(Instalment(k + 1, dues[k], principal, interest))
            outstanding -= principal
        return tuple(parts)
    payment = equal_payment(terms.principal, terms.monthly_rate, n)
    for k in range(n):
        monthly = outstanding * terms.monthly_rate
        principal = outstanding if k == n - 1 else min(payment - monthly, outstanding)
        interest = first_interest(outstanding) if k == 0 else monthly
        parts.append(Instalment(k + 1, dues[k], principal, interest))
        outstanding -= principal
    return tuple(parts)
