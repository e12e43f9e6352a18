"""The boundary's type rules, shared by every slice's commands: one accepted form per kind of value.

Each function takes what a host may pass and returns the strict domain type, or raises
``TypeError`` (a value of the wrong type, a programming error) or ``InvalidInput`` (a malformed
value), with a sentence that names the parameter (``what``) and says what to pass instead.
Commands use the checks that keep the value as attrs validators (they know the field's name),
and the conversions through a small named converter per field. Everything is checked here,
before the command is run: a refused argument never reaches a store, whatever the state.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

import attrs

from sharemarket.domain.actor import USER_ID_MAX
from sharemarket.domain.duration import MINUTES_MAX, Minutes
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId, firm_id
from sharemarket.domain.money import Money, check_amount
from sharemarket.domain.text import free_text, opaque_id

E = TypeVar("E", bound=enum.Enum)
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _named(error: InvalidInput, what: str) -> InvalidInput:
    """The same error, its message led by the parameter it is about."""
    return type(error)(f"{what}: {error}")


def _kind(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


def as_firm_id(firm: FirmId | str, what: str = "firm") -> FirmId:
    """A unified social credit code: a ``FirmId`` or its 18-character text."""
    return firm_id(firm, what)


def as_money(value: Money | Decimal | str | int, what: str) -> Money:
    """An amount a command records: Money, a Decimal or decimal string of yuan (``MONEY_TEXT``),
    or an int of fen; not negative, and within the ceiling (``AMOUNT_MAX_FEN``)."""
    if isinstance(value, Money):
        money = value
    elif isinstance(value, bool) or not isinstance(value, (Decimal, str, int)):
        never = "; money is never a float" if isinstance(value, float) else ""
        raise TypeError(
            f"{what} is money: Money, a Decimal or decimal string of yuan ('25.50'), or an int "
            f"of fen; not {_kind(value)}{never}"
        )
    else:
        try:
            money = Money.of(value)
        except InvalidInput as error:
            raise _named(error, what) from None
    check_amount(money, what)
    if money.is_negative():
        raise InvalidInput(f"{what} must not be negative, got {money}")
    return money


def as_minutes(value: Minutes | int, what: str) -> Minutes:
    """A duration: Minutes or a whole number of minutes, from 0 to ``MINUTES_MAX``."""
    if isinstance(value, Minutes):
        minutes = value
    elif isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} is a duration, Minutes or an int of minutes, not {_kind(value)}")
    else:
        minutes = Minutes(value)
    if not 0 <= minutes.value <= MINUTES_MAX:
        raise InvalidInput(
            f"{what} is {minutes.value} minutes; a duration is 0 to {MINUTES_MAX} minutes"
        )
    return minutes


def as_optional_minutes(value: Minutes | int | None, what: str) -> Minutes | None:
    return None if value is None else as_minutes(value, what)


def as_uuid(value: UUID, what: str) -> UUID:
    """An id the market returned: the ``UUID`` itself (text is refused, to keep one form)."""
    if not isinstance(value, UUID):
        raise TypeError(
            f"{what} is the UUID the market returned, not {_kind(value)}; "
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
    values = ", ".join(str(m.value) for m in enum_type)
    if not isinstance(value, str):
        raise TypeError(
            f"{what} is a {enum_type.__name__} or its value ({values}), not {_kind(value)}"
        )
    try:
        return enum_type(value)
    except ValueError:
        raise InvalidInput(f"{what} {value!r} is not one of {values}") from None


def text(max_len: int) -> Validator:
    """attrs validator: the field is free text of at most ``max_len`` characters (see
    ``domain.text.free_text``: no control or bidi characters, something visible, no ID or phone
    number). The command keeps the text as given; the domain stores it normalised."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        free_text(value, attribute.name, max_len)

    return check


def as_opaque_id(value: object, what: str, max_len: int) -> str:
    """An opaque identifier the host chooses (see ``domain.text.opaque_id``)."""
    if not isinstance(value, str):
        raise TypeError(
            f"{what} is an opaque id, a str such as 'W-17' or 'u-1024', not {_kind(value)}"
        )
    return opaque_id(value, what, max_len)


def user_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: the field is a host's user id (opaque, no personal data)."""
    as_opaque_id(value, attribute.name, USER_ID_MAX)


def opaque_ids(values: Iterable[str], what: str, max_len: int) -> tuple[str, ...]:
    """A list of at least one opaque id (user ids, worker references), sorted and without
    repeats: the same people in another order are the same command. A lone str is refused,
    not split into characters."""
    if isinstance(values, str):
        raise TypeError(f"{what} is a list of ids, not a str: write [{values!r}]")
    # A mapping iterates its keys, bytes its ints: neither is a list of ids.
    if isinstance(values, (bytes, bytearray, Mapping)) or not isinstance(values, Iterable):
        raise TypeError(f"{what} is a list of ids (str), not {_kind(values)}")
    items = tuple(values)
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise TypeError(f"{what} holds ids as str; item {i} is {_kind(item)}")
    if not items:
        raise InvalidInput(f"{what} is empty; name at least one")
    return tuple(sorted({opaque_id(item, what, max_len) for item in items}))
