"""Minutes: working and booking time as integer minutes, never floats."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import total_ordering

import attrs

from sharemarket.domain.errors import InvalidInput

#: The most minutes a duration given to the market may hold: 10^9 minutes (about 16.7 million
#: hours, eight thousand people working full time for a year), far above any agreement's cap or
#: policy's limit. Each command's minutes are checked against it at the boundary, so a typo
#: (fen for minutes, a timestamp) is refused instead of recorded.
MINUTES_MAX = 10**9

_TEXT = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*(?:m|min)?)?\s*$")


@total_ordering
@attrs.frozen(eq=True, order=False, repr=False)
class Minutes:
    """A span of working or booking time in whole minutes; ``str`` reads "7h30"."""

    value: int = attrs.field()

    @value.validator
    def _check(self, _: attrs.Attribute[int], value: int) -> None:
        if type(value) is int:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float):
                raise TypeError("Minutes never takes a float: give whole minutes")
            raise TypeError(f"Minutes takes an int, not {type(value).__name__}")

    @classmethod
    def of(cls, hours: int = 0, minutes: int = 0) -> Minutes:
        """Hours and minutes together: ``Minutes.of(7, 30)`` is 7h30."""
        return cls(hours * 60 + minutes)

    @classmethod
    def parse(cls, text: str) -> Minutes:
        """Read "7h30", "8h", "90" (minutes) or "45m"."""
        match = _TEXT.match(text)
        if not text.strip() or match is None or match.group(0).strip() == "":
            raise InvalidInput(f"{text!r} is not a duration; write it like '7h30', '8h' or '90'")
        hours, minutes = match.group(1), match.group(2)
        if hours is not None and minutes is not None and int(minutes) >= 60:
            # "7h75" is a typo, not 8h15.
            raise InvalidInput(
                f"{text!r}: after the hours, minutes run 00-59; write it like '7h30'"
            )
        return cls(int(hours or 0) * 60 + int(minutes or 0))

    @classmethod
    def zero(cls) -> Minutes:
        """No time at all."""
        return cls(0)

    @classmethod
    def sum(cls, spans: Iterable[Minutes]) -> Minutes:
        """The total of some spans (zero for none)."""
        return cls(sum((s.value for s in spans), 0))

    def __add__(self, other: Minutes) -> Minutes:
        if not isinstance(other, Minutes):
            return NotImplemented
        return Minutes(self.value + other.value)

    def __sub__(self, other: Minutes) -> Minutes:
        if not isinstance(other, Minutes):
            return NotImplemented
        return Minutes(self.value - other.value)

    def __neg__(self) -> Minutes:
        return Minutes(-self.value)

    def __lt__(self, other: Minutes) -> bool:
        if not isinstance(other, Minutes):
            return NotImplemented
        return self.value < other.value

    def __bool__(self) -> bool:
        return self.value != 0

    def __str__(self) -> str:
        sign = "-" if self.value < 0 else ""
        hours, minutes = divmod(abs(self.value), 60)
        return f"{sign}{hours}h{minutes:02d}"

    def __repr__(self) -> str:
        return f"Minutes({self.value})"
