"""FirmId: the 18-character unified social credit code (统一社会信用代码, GB 32100-2015)."""

from __future__ import annotations

import attrs

from sharemarket.domain.errors import InvalidInput

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {c: i for i, c in enumerate(CHARSET)}
#: The registration authority (position 1) and the categories (position 2) it assigns, as in
#: use under GB 32100-2015 and its later assignments: 1 institutional staffing (11 organs of
#: state, 12 public institutions, 13 mass organisations, 19 other), 2 foreign affairs,
#: 3 judicial administration (31 law firms, 32 notaries, 33 grassroots legal services,
#: 34 forensic appraisal, 35 arbitration commissions), 4 culture, 5 civil affairs (51 social
#: groups, 52 private non-enterprise units, 53 foundations), 6 tourism, 7 religious affairs,
#: 8 trade unions, 9 market regulation (91 enterprises, 92 individual businesses, 93 farmers'
#: cooperatives), A military staffing, N agriculture (N3 rural collective economic
#: organisations), Y other.
CATEGORIES: dict[str, str] = {
    "1": "1239",
    "2": "19",
    "3": "123459",
    "4": "19",
    "5": "1239",
    "6": "129",
    "7": "129",
    "8": "19",
    "9": "123",
    "A": "19",
    "N": "1239",
    "Y": "1",
}
REGISTRATION_AUTHORITIES = "".join(CATEGORIES)
LENGTH = 18


def check_character(first_17: str) -> str:
    """The check character (position 18) for the first 17 characters of a code."""
    total = sum(_VALUE[c] * w for c, w in zip(first_17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def _normalise(code: object) -> str:
    if not isinstance(code, str):
        raise TypeError(f"a unified social credit code is a str, not {type(code).__name__}")
    return code.strip().upper()


def _validate(code: str) -> None:
    if len(code) != LENGTH:
        raise InvalidInput(
            f"unified social credit code {code!r} has {len(code)} characters; it must have 18"
        )
    for position, char in enumerate(code, start=1):
        if char not in _VALUE:
            raise InvalidInput(
                f"unified social credit code {code!r}: bad character {char!r} at position "
                f"{position}; only digits and the letters ABCDEFGHJKLMNPQRTUWXY are used "
                "(never I, O, S, V or Z)"
            )
    categories = CATEGORIES.get(code[0])
    if categories is None:
        raise InvalidInput(
            f"unified social credit code {code!r}: position 1 (registration authority) is "
            f"{code[0]!r}, which no registration authority uses; it is one of "
            f"{', '.join(CATEGORIES)}"
        )
    if code[1] not in categories:
        raise InvalidInput(
            f"unified social credit code {code!r}: position 2 (category) is {code[1]!r}, which "
            f"registration authority {code[0]!r} does not assign; it assigns "
            f"{', '.join(code[0] + c for c in categories)}"
        )
    region = code[2:8]
    if not region.isdigit():
        raise InvalidInput(
            f"unified social credit code {code!r}: positions 3-8 (region code) are {region!r}; "
            "the region must be digits"
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise InvalidInput(
            f"unified social credit code {code!r}: position 18 (check character) is "
            f"{code[17]!r}; the check character should be {expected!r} — "
            "a character in positions 1-17 may be mistyped"
        )


@attrs.frozen(repr=False, order=True)
class FirmId:
    """A firm's unified social credit code: upper-cased on input, check character verified."""

    code: str = attrs.field(converter=_normalise)

    @code.validator
    def _check(self, _: attrs.Attribute[str], value: str) -> None:
        _validate(value)

    @property
    def region(self) -> str:
        """The six-digit administrative region code (positions 3-8)."""
        return self.code[2:8]

    @property
    def short(self) -> str:
        """A shortened form for one-line summaries: "91350…Y43"."""
        return f"{self.code[:5]}…{self.code[-3:]}"

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"FirmId({self.code!r})"


def stored_firm_id(code: str) -> FirmId:
    """The ``FirmId`` of a code read back from the store, its check character not verified again.

    Only for stored forms: every stored code was a ``FirmId``'s ``code`` (upper-cased and
    verified) when it was recorded. Anything else (a command's input, a host's text) goes through
    ``FirmId`` or ``firm_id``. The value is an ordinary ``FirmId``: same type, equal and hashed
    alike.
    """
    if type(code) is not str:
        return FirmId(code)  # refused as FirmId refuses it
    made = object.__new__(FirmId)
    object.__setattr__(made, "code", code)
    return made


def firm_id(value: object, what: str = "firm") -> FirmId:
    """A ``FirmId``, or its text made into one; an error names the parameter ``what``."""
    if isinstance(value, FirmId):
        return value
    if not isinstance(value, str):
        raise TypeError(
            f"{what} is a unified social credit code, a FirmId or its 18-character text, "
            f"not {type(value).__name__} {value!r}"
        )
    try:
        return FirmId(value)
    except InvalidInput as error:
        raise InvalidInput(f"{what}: {error}") from None
