"""Money: Chinese yuan held exactly as integer fen (分)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from functools import total_ordering
from typing import Literal

import attrs

from sharemarket.domain.errors import InvalidInput

_FEN_PER_YUAN = 100
Rounding = Literal["half_up"]
# The default decimal context keeps 28 digits and would round large amounts silently; this one
# is exact for every finite operand (scaleb, multiply and quantize need no more than their digits).
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
#: Decimal amounts of yuan above 10^30 are refused: no real amount comes near, and the bound keeps
#: an input like "1e100000000" from becoming a hundred-million-digit integer.
_MAX_YUAN_EXPONENT = 30


#: The grammar of money written as text (see :meth:`Money.of`): ASCII digits only, an optional
#: sign and yuan sign, thousands separated by commas in groups of three or not at all, and an
#: optional decimal point with digits after it. No exponents, no other digit systems.
MONEY_TEXT = re.compile(
    r"(?P<sign>[+-]?)¥?(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<fraction>\.[0-9]+)?"
)


def _parse_yuan(text: str) -> Decimal:
    match = MONEY_TEXT.fullmatch(text.strip())
    if match is None:
        raise InvalidInput(
            f"{text!r} is not a money amount; write yuan with ASCII digits, an optional sign and "
            "'¥', and at most one decimal point, like '1234.56', '-¥1,234.56' or '25'"
        )
    whole = match["whole"].replace(",", "")
    return Decimal(f"{match['sign']}{whole}{match['fraction'] or ''}")


def _fen_from_decimal(amount: Decimal, rounding: Rounding | None) -> int:
    if not amount.is_finite():
        raise InvalidInput(f"money amount {amount} is not a finite number")
    if amount and amount.adjusted() > _MAX_YUAN_EXPONENT:
        raise InvalidInput(f"money amount {amount} is too large to be a real amount")
    fen = amount.scaleb(2, context=_EXACT)
    if fen != fen.to_integral_value(context=_EXACT):
        if rounding is None:
            raise InvalidInput(
                f"money amount {amount} has more than two decimal places; "
                "give whole fen, or pass rounding='half_up' to round half up to the fen"
            )
        fen = fen.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_EXACT)
    return int(fen)


#: The most one amount may be: ¥10,000,000,000.00 (10^12 fen), far beyond any single rate, bill,
#: payment or loan of a park (Dehua's 297 firms produced ¥8.7 billion in all of 2019). Every
#: amount a command records is checked against it (:func:`check_amount`), so that a park's
#: lifetime totals fit the views' 64-bit columns: 9 million amounts at the ceiling still do.
AMOUNT_MAX_FEN = 10**12


def check_amount(money: Money, what: str) -> Money:
    """``money`` if it lies within the ceiling either way (see ``AMOUNT_MAX_FEN``), else
    ``InvalidInput`` naming ``what`` and the ceiling."""
    if abs(money.fen) > AMOUNT_MAX_FEN:
        raise InvalidInput(
            f"{what} of {money} is above the ceiling of {Money(AMOUNT_MAX_FEN)} per amount; "
            "no real amount comes near it: check the figure (fen, not yuan?) or split it"
        )
    return money


@total_ordering
@attrs.frozen(eq=True, order=False, repr=False)
class Money:
    """An amount of CNY in integer fen; never a float.

    Build it with ``Money(fen)``, ``Money.of("1234.56")`` or ``Money.of(Decimal("1234.56"))``.
    Multiplying by a ``Decimal`` rate rounds half up (四舍五入) to the fen, and that is the only
    place rounding happens.
    """

    fen: int = attrs.field()

    @fen.validator
    def _check_fen(self, _: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float):
                raise TypeError(
                    "Money never takes a float: give integer fen, a Decimal or a decimal string"
                )
            raise TypeError(f"Money(fen) takes an int of fen, not {type(value).__name__}")

    @classmethod
    def of(cls, amount: int | Decimal | str, *, rounding: Rounding | None = None) -> Money:
        """From an int of fen, a ``Decimal`` of yuan or a decimal string of yuan ("1234.56")."""
        if isinstance(amount, float):
            raise TypeError(
                "Money never takes a float: give integer fen, a Decimal or a decimal string"
            )
        if isinstance(amount, bool):
            raise TypeError("Money does not take a bool")
        if isinstance(amount, int):
            return cls(amount)
        if isinstance(amount, str):
            amount = _parse_yuan(amount)
        if isinstance(amount, Decimal):
            return cls(_fen_from_decimal(amount, rounding))
        raise TypeError(f"Money.of() takes int fen, Decimal or str, not {type(amount).__name__}")

    @classmethod
    def zero(cls) -> Money:
        """¥0.00."""
        return cls(0)

    @classmethod
    def sum(cls, amounts: Iterable[Money]) -> Money:
        """Exact sum of many amounts (``Money.zero()`` for none)."""
        return cls(sum((m.fen for m in amounts), 0))

    @property
    def yuan(self) -> Decimal:
        """The amount in yuan, exactly (two decimal places)."""
        return Decimal(self.fen).scaleb(-2, context=_EXACT)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen + other.fen)

    def __radd__(self, other: object) -> Money:
        # Lets the builtin sum() start from 0 (the int only: 0.0 is a float path).
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __abs__(self) -> Money:
        return Money(abs(self.fen))

    def __mul__(self, rate: Decimal | int) -> Money:
        """Multiply by a Decimal rate (or an int), rounding half up to the fen."""
        if isinstance(rate, bool) or not isinstance(rate, (Decimal, int)):
            if isinstance(rate, float):
                raise TypeError("multiply Money by a Decimal, never a float")
            return NotImplemented
        if isinstance(rate, int):
            return Money(self.fen * rate)
        if not rate.is_finite():
            raise InvalidInput(f"cannot multiply {self} by {rate}: the rate is not a finite number")
        product = _EXACT.multiply(Decimal(self.fen), rate)
        return Money(int(product.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_EXACT)))

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.fen < other.fen

    def __bool__(self) -> bool:
        return self.fen != 0

    def is_negative(self) -> bool:
        """Whether the amount is below zero (a balance can be; a recorded amount never)."""
        return self.fen < 0

    def __str__(self) -> str:
        sign = "-" if self.fen < 0 else ""
        yuan, fen = divmod(abs(self.fen), _FEN_PER_YUAN)
        return f"{sign}¥{yuan:,}.{fen:02d}"

    def __repr__(self) -> str:
        return f"Money({self.fen})"
