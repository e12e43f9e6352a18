"""The boundary's type rules, shared by every slice's commands: one accepted form per kind of value.

Each function takes what a host may pass and returns the strict domain type, or raises
``TypeError`` (a value of the wrong type, a programming error) or ``InvalidInput`` (a malformed
value), with a sentence saying what to pass instead. Commands use them as attrs converters, and
the checks that name their field (``business_date``, ``market_id``) as attrs validators.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

import attrs

from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money
from sharemarket.domain.time import check_business_date

E = TypeVar("E", bound=enum.Enum)


def as_firm_id(firm: FirmId | str) -> FirmId:
    """A unified social credit code: a ``FirmId`` or its 18-character text."""
    return firm if isinstance(firm, FirmId) else FirmId(firm)


def as_money(value: Money | Decimal | str | int) -> Money:
    """Money, or what ``Money.of`` takes: a Decimal or decimal string of yuan, an int of fen."""
    return value if isinstance(value, Money) else Money.of(value)


def as_minutes(value: Minutes | int) -> Minutes:
    """Minutes, or a whole number of minutes."""
    if isinstance(value, Minutes):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"a duration is Minutes or an int of minutes, not {type(value).__name__} {value!r}"
        )
    return Minutes(value)


def as_optional_minutes(value: Minutes | int | None) -> Minutes | None:
    return None if value is None else as_minutes(value)


def as_date(value: date, what: str = "date") -> date:
    """A business date (see ``domain.time.check_business_date``)."""
    return check_business_date(value, what)


def business_date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: the field is a business date (see :func:`as_date`)."""
    as_date(value, attribute.name)  # type: ignore[arg-type]


def as_uuid(value: UUID, what: str) -> UUID:
    """An id the market returned: the ``UUID`` itself (text is refused, to keep one form)."""
    if not isinstance(value, UUID):
        raise TypeError(
            f"{what} is the UUID the market returned, not {type(value).__name__} {value!r}; "
            "convert stored text with uuid.UUID(text)"
        )
    return value


def market_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: the field is an id the market returned (see :func:`as_uuid`)."""
    as_uuid(value, attribute.name)  # type: ignore[arg-type]


def enum_value(enum_type: type[E], value: E | str, what: str) -> E:
    """A member of ``enum_type``, or its value as text."""
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except ValueError:
        raise InvalidInput(
            f"{what} {value!r} is not one of {', '.join(str(m.value) for m in enum_type)}"
        ) from None


def text_tuple(values: Iterable[str], what: str) -> tuple[str, ...]:
    """A list of texts (user ids, worker references); a lone str is refused, not split."""
    if isinstance(values, str):
        raise TypeError(f"{what} is a list of texts, not a str: write [{values!r}]")
    return tuple(values)
