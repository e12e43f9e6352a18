"""What a listing offers or asks for: one frozen value per kind, each with its quantity.

Every kind measures itself in one whole unit, so that "covers 40 of 60" means the same for a
need and the offers matched to it: worker-hours for labour, pieces for production capacity,
hours for a venue, fen for funds, and one for a service. Free text passes the one check of
``domain.text``: no ID or phone number enters the log.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

import attrs

from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.funds.rates import check_rate
from sharemarket.domain.money import Money, check_amount
from sharemarket.domain.text import free_text
from sharemarket.domain.time import check_business_date

SKILL_MAX = 100
TEXT_MAX = 500
HEADCOUNT_MAX = 10_000
PIECES_MAX = 1_000_000_000
PEOPLE_MAX = 100_000
VENUE_HOURS_MAX = 10_000
TERM_DAYS_MAX = 3_650


class ListingKind(enum.Enum):
    """The five kinds of listing; a match pairs two listings of one kind."""

    LABOUR = "labour"
    CAPACITY = "capacity"
    VENUE = "venue"
    FUNDS = "funds"
    SERVICE = "service"


class ServiceCategory(enum.Enum):
    """The park's services (共享+学习 / 经验 / 服务 / 资源 of the Suzhou report)."""

    TRAINING = "training"
    POLICY_ADVICE = "policy_advice"
    FINANCING = "financing"
    DIGITAL_TRANSFORMATION = "digital_transformation"  # 智改数转 experience sharing
    LEGAL_AID = "legal_aid"
    OTHER = "other"


def _whole(value: Any, what: str, most: int) -> int:
    if type(value) is not int:
        raise TypeError(f"{what} is a whole number (int), not {type(value).__name__} {value!r}")
    if not 1 <= value <= most:
        raise InvalidInput(f"{what} is {value}; give a whole number from 1 to {most}")
    return value


def _positive(value: Any, what: str) -> Money:
    if not isinstance(value, Money):
        raise TypeError(f"{what} is Money (Money.of('25.50')), not {type(value).__name__}")
    check_amount(value, what)
    if value.fen <= 0:
        raise InvalidInput(f"{what} must be more than zero, got {value}")
    return value


# One named converter per field (attrs hands a converter the value alone; the message names
# the field).


def _skill(value: Any) -> str:
    return free_text(value, "skill", SKILL_MAX)


def _headcount(value: Any) -> int:
    return _whole(value, "headcount", HEADCOUNT_MAX)


def _first_day(value: Any) -> date:
    return check_business_date(value, "first_day")


def _last_day(value: Any) -> date:
    return check_business_date(value, "last_day")


def _hours_a_day(value: Any) -> int:
    return _whole(value, "hours_a_day", 24)


def _operation(value: Any) -> str:
    return free_text(value, "operation", SKILL_MAX)


def _product(value: Any) -> str:
    return free_text(value, "product", SKILL_MAX)


def _pieces(value: Any) -> int:
    return _whole(value, "pieces", PIECES_MAX)


def _by_date(value: Any) -> date:
    return check_business_date(value, "by_date")


def _people(value: Any) -> int:
    return _whole(value, "people", PEOPLE_MAX)


def _hours(value: Any) -> int:
    return _whole(value, "hours", VENUE_HOURS_MAX)


def _amount(value: Any) -> Money:
    return _positive(value, "amount")


def _term_days(value: Any) -> int:
    return _whole(value, "term_days", TERM_DAYS_MAX)


def _text(value: Any) -> str:
    return free_text(value, "text", TEXT_MAX)


def _rate(value: Any) -> Money:
    if not isinstance(value, Money):
        raise TypeError(f"rate_per_hour is Money (Money.of('25.50')), not {type(value).__name__}")
    check_amount(value, "rate_per_hour")
    if value.is_negative():
        raise InvalidInput(f"rate_per_hour must not be negative, got {value}")
    return value


def _unit_price(value: Any) -> Money | None:
    if value is None:
        return None
    if not isinstance(value, Money):
        raise TypeError(f"unit_price is Money (Money.of('0.60')), not {type(value).__name__}")
    check_amount(value, "unit_price")
    if value.is_negative():
        raise InvalidInput(f"unit_price must not be negative, got {value}")
    return value


def _venue_id(value: Any) -> UUID | None:
    if value is not None and not isinstance(value, UUID):
        raise TypeError(f"venue is the venue's id (a UUID), not {type(value).__name__}")
    return value


def days_between(first_day: date, last_day: date) -> int:
    """Days from ``first_day`` to ``last_day``, both counted."""
    return (last_day - first_day).days + 1


def _check_period(first_day: date, last_day: date) -> None:
    if last_day < first_day:
        raise InvalidInput(
            f"the dates end on {last_day}, before they start on {first_day}; "
            "give a last_day on or after the first_day"
        )


@attrs.frozen(kw_only=True)
class LabourTerms:
    """Hands needed or idle: a skill, how many people, which days, hours a day, the hourly rate
    (for a resource, what the lending firm asks to be reimbursed; for a need, what it offers)."""

    skill: str = attrs.field(converter=_skill)
    headcount: int = attrs.field(converter=_headcount)
    first_day: date = attrs.field(converter=_first_day)
    last_day: date = attrs.field(converter=_last_day)
    hours_a_day: int = attrs.field(converter=_hours_a_day)
    rate_per_hour: Money = attrs.field(converter=_rate)

    def __attrs_post_init__(self) -> None:
        _check_period(self.first_day, self.last_day)

    kind = ListingKind.LABOUR
    unit = "worker-hours"

    @property
    def days(self) -> int:
        """Days from ``first_day`` to ``last_day``, both counted."""
        return days_between(self.first_day, self.last_day)

    @property
    def quantity(self) -> int:
        """The listing's amount in its unit, person-hours: headcount × hours a day × days."""
        return self.headcount * self.hours_a_day * self.days

    def __str__(self) -> str:
        return (
            f"{self.headcount} × {self.skill}, {self.hours_a_day}h a day, {self.first_day} to "
            f"{self.last_day}, {self.rate_per_hour}/h"
        )


@attrs.frozen(kw_only=True)
class CapacityTerms:
    """Production capacity (产能): an operation on a product, how many pieces, by which date
    (for a need, when the pieces are due; for a resource, from when the line is free), and
    optionally a price a piece (for a resource, what the firm asks; for a need, what it offers):
    the price of the part a match drafts."""

    operation: str = attrs.field(converter=_operation)
    product: str = attrs.field(converter=_product)
    pieces: int = attrs.field(converter=_pieces)
    by_date: date = attrs.field(converter=_by_date)
    unit_price: Money | None = attrs.field(default=None, converter=_unit_price)

    kind = ListingKind.CAPACITY
    unit = "pieces"

    @property
    def quantity(self) -> int:
        """The listing's amount in its unit, pieces."""
        return self.pieces

    def __str__(self) -> str:
        price = "" if self.unit_price is None else f" at {self.unit_price} a piece"
        return f"{self.operation} of {self.pieces} {self.product} by {self.by_date}{price}"


@attrs.frozen(kw_only=True)
class VenueTerms:
    """A room: for how many people, between which days, for how many hours; a resource may
    name the venue it offers (its id in the venues slice), which a booking drafted from a
    match needs."""

    people: int = attrs.field(converter=_people)
    first_day: date = attrs.field(converter=_first_day)
    last_day: date = attrs.field(converter=_last_day)
    hours: int = attrs.field(converter=_hours)
    venue: UUID | None = attrs.field(default=None, converter=_venue_id)

    def __attrs_post_init__(self) -> None:
        _check_period(self.first_day, self.last_day)

    kind = ListingKind.VENUE
    unit = "hours"

    @property
    def quantity(self) -> int:
        """The listing's amount in its unit, hours of the room."""
        return self.hours

    def __str__(self) -> str:
        return f"{self.hours}h for {self.people} people, {self.first_day} to {self.last_day}"


def _annual_rate(value: object) -> Decimal | None:
    return None if value is None else check_rate(value, "annual rate")


@attrs.frozen(kw_only=True)
class FundsTerms:
    """Money lent or needed, for a term in days, at an annual rate in percent if one is named
    (the funds slice's rates: ``Decimal("3.1")``; none: interest-free). The 4 x LPR cap is
    the funds slice's, checked on the loan's contract date when a match becomes a loan."""

    amount: Money = attrs.field(converter=_amount)
    term_days: int = attrs.field(converter=_term_days)
    annual_rate: Decimal | None = attrs.field(default=None, converter=_annual_rate)

    kind = ListingKind.FUNDS
    unit = "fen"

    @property
    def quantity(self) -> int:
        """The listing's amount in its unit, fen."""
        return self.amount.fen

    def __str__(self) -> str:
        rate = "" if self.annual_rate is None else f" at {self.annual_rate} % a year"
        return f"{self.amount} for {self.term_days} days{rate}"


@attrs.frozen(kw_only=True)
class ServiceTerms:
    """A service asked for or given: its category and what it is, in words."""

    category: ServiceCategory = attrs.field()
    text: str = attrs.field(converter=_text)

    @category.validator
    def _category(self, _: Any, value: Any) -> None:
        if not isinstance(value, ServiceCategory):
            raise TypeError(f"category is a ServiceCategory, not {type(value).__name__}")

    kind = ListingKind.SERVICE
    unit = "service"

    @property
    def quantity(self) -> int:
        """The listing's amount: a service is one, given whole."""
        return 1

    def __str__(self) -> str:
        return f"{self.category.value.replace('_', ' ')}: {self.text}"


Terms = LabourTerms | CapacityTerms | VenueTerms | FundsTerms | ServiceTerms
TERMS_TYPES: tuple[type, ...] = (LabourTerms, CapacityTerms, VenueTerms, FundsTerms, ServiceTerms)


def check_terms(value: object, what: str = "terms") -> Terms:
    """``value`` is one of the five terms values (built by the host, so already checked)."""
    if not isinstance(value, TERMS_TYPES):
        names = ", ".join(t.__name__ for t in TERMS_TYPES)
        raise TypeError(f"{what} is one of {names}; not {type(value).__name__} {value!r}")
    return value  # type: ignore[return-value]


def amount_text(terms: Terms, quantity: int) -> str:
    """A quantity of ``terms``' unit in words: "40 worker-hours", "¥50,000.00"."""
    if isinstance(terms, FundsTerms):
        return str(Money(quantity))
    if isinstance(terms, ServiceTerms):
        return "the service"
    return f"{quantity} {terms.unit}"
