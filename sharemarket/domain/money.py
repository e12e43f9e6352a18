"""Money: Chinese yuan held exactly as integer fen (分)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, InvalidOperation
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
            text = amount.strip().replace(",", "")
            # str() writes "-¥0.05": the sign may stand before the yuan sign.
            sign = text[0] if text.startswith(("-", "+")) else ""
            text = sign + text.removeprefix(sign).removeprefix("¥")
            try:
                amount = Decimal(text)
            except InvalidOperation:
                raise InvalidInput(
                    f"{amount!r} is not a money amount; write yuan as a decimal like '1234.56'"
                ) from None
        if isinstance(amount, Decimal):
            return cls(_fen_from_decimal(amount, rounding))
        raise TypeError(f"Money.of() takes int fen, Decimal or str, not {type(amount).__name__}")

    @classmethod
    def zero(cls) -> Money:
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
        return self.fen < 0

    def __str__(self) -> str:
        sign = "-" if self.fen < 0 else ""
        yuan, fen = divmod(abs(self.fen), _FEN_PER_YUAN)
        return f"{sign}¥{yuan:,}.{fen:02d}"

    def __repr__(self) -> str:
        return f"Money({self.fen})"
