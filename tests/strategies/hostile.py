"""Strategies of hostile input: values of a wrong type, and values of the right type to refuse.

Every kind of argument the public API takes (:class:`Kind`) has two strategies, each built from
a valid value of that argument so that a wrong form of the very value a host holds is tried too
(the text of the id the market returned, a datetime on the business date):

- ``wrong_types(kind, valid)``: the market raises ``TypeError`` naming the parameter;
- ``bad_values(kind, valid)``: the right type, but the market raises ``InvalidInput``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any
from uuid import UUID

import attrs
from hypothesis import strategies as st

from sharemarket.domain.clearing.run import ObligationRef
from sharemarket.domain.duration import MINUTES_MAX
from sharemarket.domain.firm_id import CHARSET
from sharemarket.domain.labour.policy import MULTIPLIER_MAX
from sharemarket.domain.money import AMOUNT_MAX_FEN
from sharemarket.domain.text import BIDI_CONTROLS
from sharemarket.domain.time import FIRST_BUSINESS_DATE, LAST_BUSINESS_DATE, PARK_TZ
from tests.strategies.labour import chinese_names, resident_ids


class Kind(enum.Enum):
    """What a parameter of the public API holds, as its annotation (for text, its name) says."""

    DATE = "business date"
    OPTIONAL_DATE = "business date or None"
    MARKET_ID = "id the market returned"
    FIRM = "credit code"
    OPTIONAL_FIRM = "credit code or None"
    MONEY = "money"
    MINUTES = "minutes"
    OPTIONAL_MINUTES = "minutes or None"
    TEXT = "free text"
    OPAQUE_ID = "opaque id"
    OPAQUE_IDS = "list of opaque ids"
    OBLIGATION_REFS = "list of obligation refs"
    ENUM = "enum member or its value"
    POLICY = "working-time policy"  # and any attrs value a host builds (rejected pieces)
    WHOLE = "whole number (pieces, units of a material, percent)"
    ACTOR = "actor"
    REQUEST_ID = "request id"
    RATE = "annual rate in percent (Decimal)"
    MONTHS = "whole number of months"
    COUNT = "count (int)"
    INSTANT = "aware datetime"
    OPTIONAL_INSTANT = "aware datetime or None"


# Hostile text ---------------------------------------------------------------------------------

#: Longer than any text or identifier the market takes (names hold 200 characters, reasons 500).
TOO_LONG = 501
#: C0 and C1 controls, DEL, line and paragraph separators, a private-use and an unassigned one.
CONTROLS = "".join(map(chr, range(0x20))) + "\x7f\x85\x9b\u2028\u2029\ue000\u0378"
#: Characters that show nothing: zero-width space, joiners, word joiner, BOM, soft hyphen.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
_PLAIN = st.text(st.sampled_from("abc XYZ 修坯 0-9"), min_size=1, max_size=12).map(str.strip)


def _inserted(char: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Plain text with ``char`` put somewhere in it (first, inside or last)."""
    return st.builds(
        lambda text, c, at: text[: at % (len(text) + 1)] + c + text[at % (len(text) + 1) :],
        _PLAIN.filter(bool),
        char,
        st.integers(0, 20),
    )


def broken_texts() -> st.SearchStrategy[str]:
    """Text no field takes: a control, bidi or lone surrogate character in it, nothing visible
    (empty, spaces, zero-width characters only), or too long."""
    return st.one_of(
        _inserted(st.sampled_from(CONTROLS)),
        _inserted(st.sampled_from(sorted(BIDI_CONTROLS))),
        _inserted(SURROGATES),
        st.text(st.sampled_from(INVISIBLE + " \u3000"), max_size=8),
        st.integers(TOO_LONG, 3 * TOO_LONG).map(lambda n: "长" * n),
    )


_DIGITS_IN = {
    "ascii": {},
    "arabic-indic": {str(d): chr(0x0660 + d) for d in range(10)},
    # Every ASCII character in its full-width form: digits, brackets, hyphens, "+", space.
    "full-width": {**{chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}, " ": "\u3000"},
}


@st.composite
def personal_numbers(draw: st.DrawFn) -> str:
    """A resident ID or phone number as people write them: with separators, brackets, a country
    code, in ASCII, Arabic-Indic or full-width characters ("350526-19900101-1234",
    "(138)1234-5678", "+86 138 1234 5678", "１３８１２３４５６７８")."""
    digit = st.sampled_from("0123456789")
    form = draw(st.sampled_from(["resident id", "mobile", "landline"]))
    if form == "resident id":
        n = draw(resident_ids())
        sep = draw(st.sampled_from(["", "-", " ", ".", "/"]))
        text = f"{n[:6]}{sep}{n[6:14]}{sep}{n[14:]}"
    elif form == "mobile":
        n = (
            "1"
            + draw(st.sampled_from("3456789"))
            + "".join(draw(st.lists(digit, min_size=9, max_size=9)))
        )
        text = draw(
            st.sampled_from(
                [
                    n,
                    f"{n[:3]}-{n[3:7]}-{n[7:]}",
                    f"({n[:3]}){n[3:7]}-{n[7:]}",
                    f"+86 {n[:3]} {n[3:7]} {n[7:]}",
                    f"+86-{n}",
                    f"{n[:3]}.{n[3:7]}.{n[7:]}",
                ]
            )
        )
    else:
        area = "0" + "".join(draw(st.lists(digit, min_size=2, max_size=3)))
        local = "".join(draw(st.lists(digit, min_size=7, max_size=8)))
        text = draw(st.sampled_from([f"{area}-{local}", f"({area}){local}", f"{area} {local}"]))
    table = _DIGITS_IN[draw(st.sampled_from(sorted(_DIGITS_IN)))]
    return "".join(table.get(c, c) for c in text)


def personal_data_texts() -> st.SearchStrategy[str]:
    """Free text holding a resident ID or phone number ("call 138 1234 5678")."""
    return st.builds(
        lambda before, number, after: f"{before} {number} {after}".strip(),
        st.sampled_from(["", "worker", "call", "联系"]),
        personal_numbers(),
        st.sampled_from(["", "please", "今天"]),
    )


def personal_data_ids() -> st.SearchStrategy[str]:
    """An identifier that is, or holds, personal data: a number as above, a run of 11 digits or
    more, or Chinese characters (a name), bare or inside an otherwise opaque id."""
    bare = st.one_of(
        personal_numbers().map(lambda n: n.replace(" ", "").replace("\u3000", "")),
        st.integers(10**10, 10**20).map(str),
        chinese_names(),
    )
    return st.builds(
        lambda before, core, after: before + core + after,
        st.sampled_from(["", "W-"]),
        bare,
        st.sampled_from(["", "-1"]),
    )


def broken_ids() -> st.SearchStrategy[str]:
    """An opaque id no market takes: broken text, or with a space inside, or personal data."""
    return st.one_of(
        broken_texts(),
        _inserted(st.sampled_from(" \t\u3000\u00a0")).filter(lambda t: t.strip() == t),
        personal_data_ids(),
    )


# Numbers, dates and ids -----------------------------------------------------------------------

#: Money written outside the grammar: other digit systems, exponents, words, bad grouping.
BAD_MONEY_TEXTS = (
    "１００", "٣", "१२", "1e2", "1E-2", "abc", "", " ", "1.2.3", "1,00", "1_000", "0x10", "NaN",
    "Infinity", "-inf", ".5", "1.", "--1", "+-1", "¥¥1", "1 000", "1.005", "¥", "十", "1/2",
)  # fmt: skip


def bad_money() -> st.SearchStrategy[Any]:
    """Money refused as a value: outside the grammar, above ``AMOUNT_MAX_FEN``, negative, more
    than two decimals, or not a finite number."""
    above = st.integers(AMOUNT_MAX_FEN + 1, 10**40)
    return st.one_of(
        st.sampled_from(BAD_MONEY_TEXTS),
        above,
        above.map(lambda fen: f"{fen // 100}.{fen % 100:02d}"),
        above.map(lambda fen: Decimal(fen).scaleb(-2)),
        st.integers(1, 10**6).map(lambda fen: -fen),
        st.integers(1, 10**6).map(lambda fen: f"-{fen / 100:.2f}"),
        st.integers(1, 10**6).map(lambda fen: -Decimal(fen).scaleb(-2)),
        st.integers(1, 10**6).filter(lambda n: n % 10).map(lambda n: Decimal(n).scaleb(-3)),
        st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")]),
    )


def bad_dates() -> st.SearchStrategy[date]:
    """A date outside the business dates the market records."""
    day = timedelta(days=1)
    return st.one_of(
        st.dates(max_value=FIRST_BUSINESS_DATE - day),
        st.dates(min_value=LAST_BUSINESS_DATE + day),
        st.sampled_from([date.min, date.max]),
    )


def bad_minutes() -> st.SearchStrategy[int]:
    """Minutes no command takes: negative, or beyond ``MINUTES_MAX``."""
    return st.one_of(st.integers(max_value=-1), st.integers(MINUTES_MAX + 1, 2**70))


def bad_firm_codes(valid: Any) -> st.SearchStrategy[str]:
    """Text that is not a credit code: broken text, personal data, a wrong length, a character
    outside the set, a wrong check character, an authority or category nobody assigns."""
    code = str(valid)
    wrong_check = st.sampled_from(CHARSET.replace(code[-1], "")).map(lambda c: code[:-1] + c)
    return st.one_of(
        broken_texts(),
        personal_data_ids(),
        st.text(st.sampled_from(CHARSET), max_size=30).filter(lambda t: len(t) != 18),
        st.sampled_from("IOSVZ").map(lambda c: code[:5] + c + code[6:]),
        wrong_check,
        st.sampled_from("0BZ").map(lambda c: c + code[1:]),
    )


def bad_multipliers() -> st.SearchStrategy[Any]:
    """Overtime multipliers refused as values: text outside the grammar, below 1, above
    ``MULTIPLIER_MAX``, not finite."""
    return st.one_of(
        st.sampled_from(["abc", "1e2", "１.５", "1,5", "", " ", "NaN", "-2", ".5", "1.5x"]),
        st.decimals(max_value=Decimal("0.99"), places=2, allow_nan=False, allow_infinity=False),
        st.decimals(min_value=MULTIPLIER_MAX + Decimal("0.01"), max_value=10**9, places=2),
        st.integers(max_value=0) | st.integers(min_value=MULTIPLIER_MAX + 1),
        st.sampled_from(
            [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")]
        ),
    )


def wrong_multipliers() -> st.SearchStrategy[Any]:
    """Overtime multipliers of a wrong type: a float above all, a bool, a Fraction, bytes."""
    return st.one_of(
        _common_wrong(),
        st.floats(min_value=1, max_value=5),
        st.booleans(),
        st.just(Fraction(3, 2)),
        st.just([Decimal(2)]),
    )


# By kind --------------------------------------------------------------------------------------


def _common_wrong() -> st.SearchStrategy[Any]:
    """Values of no kind the API takes: None, bytes, a float, a dict, an object."""
    return st.one_of(
        st.none(),
        st.binary(max_size=8),
        st.floats(allow_nan=False),
        st.just({}),
        st.just(object()),
    )


def wrong_types(kind: Kind, valid: Any) -> st.SearchStrategy[Any]:
    """Values of a wrong type for a parameter of ``kind`` whose valid value is ``valid``."""
    common = _common_wrong()
    if kind in (
        Kind.OPTIONAL_MINUTES,
        Kind.OPTIONAL_DATE,
        Kind.OPTIONAL_FIRM,
        Kind.OPTIONAL_INSTANT,
    ):
        common = common.filter(lambda v: v is not None)
    if kind is Kind.OPTIONAL_DATE:
        kind = Kind.DATE
    if kind is Kind.OPTIONAL_FIRM:
        kind = Kind.FIRM
    if kind is Kind.OPTIONAL_INSTANT:
        kind = Kind.INSTANT
    # Built lazily: each form reads the valid value of its own kind only.
    by_kind: dict[Kind, Callable[[], st.SearchStrategy[Any]]] = {
        Kind.DATE: lambda: st.one_of(
            st.integers(0, 23).map(lambda h: datetime.combine(valid, time(h))),
            st.sampled_from([None, PARK_TZ, UTC]).map(
                lambda tz: datetime.combine(valid, time(), tzinfo=tz)
            ),
            st.just(valid.isoformat()),
            st.just(valid.toordinal()),
            st.just(int(valid.strftime("%Y%m%d"))),
            st.just((valid.year, valid.month, valid.day)),
        ),
        Kind.MARKET_ID: lambda: _id_forms(valid),
        Kind.FIRM: lambda: st.sampled_from(
            [int(str(valid)[2:8]), str(valid).encode(), [str(valid)]]
        ),
        Kind.MONEY: lambda: st.one_of(
            st.floats(allow_nan=False, allow_infinity=False),
            st.booleans(),
            st.just(Fraction(1, 3)),
            st.just(complex(1, 0)),
            st.just([valid]),
        ),
        Kind.MINUTES: lambda: _minutes_forms(),
        Kind.OPTIONAL_MINUTES: lambda: _minutes_forms(),
        Kind.TEXT: lambda: st.sampled_from([str(valid).encode(), [valid], 42, True]),
        Kind.OPAQUE_ID: lambda: st.sampled_from([str(valid).encode(), [valid], 17, UUID(int=17)]),
        Kind.OPAQUE_IDS: lambda: st.one_of(
            st.sampled_from(list(valid)),  # a lone str, not a list of one
            st.sampled_from([17, b"W-17", UUID(int=17), None]).map(lambda v: [*valid, v]),
        ),
        Kind.OBLIGATION_REFS: lambda: st.one_of(
            st.sampled_from(list(valid)),  # a lone ref, not a list of one
            st.sampled_from(valid).flatmap(_ref_forms).map(lambda v: [*valid, v]),
        ),
        Kind.ENUM: lambda: st.sampled_from([0, 1, True, [valid.value], b"x", type("E", (), {})()]),
        Kind.POLICY: lambda: st.sampled_from(["labour law", {"daily_standard": 480}, 480, True]),
        Kind.ACTOR: lambda: st.sampled_from(
            ["admin-1", ("admin-1", "administrator"), {"user": "x"}]
        ),
        Kind.REQUEST_ID: lambda: st.sampled_from([17, UUID(int=17), b"req-1", ["req-1"]]),
        Kind.RATE: lambda: st.one_of(
            st.just(float(valid)),
            st.sampled_from([str(valid), int(valid), True, Fraction(1, 3), [valid]]),
        ),
        Kind.MONTHS: lambda: st.sampled_from([str(valid), float(valid), Decimal(valid), True]),
        Kind.COUNT: lambda: st.sampled_from([str(valid), True, Decimal(valid), float(valid)]),
        Kind.INSTANT: lambda: st.sampled_from(
            [valid.date(), valid.isoformat(), valid.timestamp(), int(valid.timestamp())]
        ),
        Kind.WHOLE: lambda: st.sampled_from(
            [str(valid), float(valid), Decimal(valid), True, False, Fraction(valid), [valid]]
        ),
    }
    return st.one_of(common, by_kind[kind]())


def _ref_forms(valid: ObligationRef) -> st.SearchStrategy[Any]:
    """An obligation ref as a host may hold it wrongly: its ids as text, a tuple, a dict."""
    return st.one_of(
        st.sampled_from([str(valid.obligation), valid.obligation, attrs.astuple(valid)]),
        st.just(attrs.asdict(valid)),
        st.sampled_from([None, 17, b"labour"]).map(lambda s: attrs.evolve(valid, slice=s)),
        _id_forms(valid.holder).map(lambda h: attrs.evolve(valid, holder=h)),
        _id_forms(valid.obligation).map(lambda o: attrs.evolve(valid, obligation=o)),
    )


def _id_forms(valid: UUID) -> st.SearchStrategy[Any]:
    """The id as a host may hold it: its text in several spellings, its int, its bytes."""
    return st.one_of(
        st.sampled_from([str(valid), str(valid).upper(), valid.hex, "{" + str(valid) + "}"]),
        st.sampled_from([valid.int, valid.bytes, [valid]]),
        st.uuids().map(str),
    )


def _minutes_forms() -> st.SearchStrategy[Any]:
    """Minutes of a wrong type: a float, a bool, text ("8h"), a Decimal, a timedelta."""
    return st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.sampled_from(["8h", "480", "7h30"]),
        st.integers(0, 600).map(Decimal),
        st.integers(0, 600).map(lambda m: timedelta(minutes=m)),
    )


def bad_values(kind: Kind, valid: Any) -> st.SearchStrategy[Any] | None:
    """Values of the right type that a parameter of ``kind`` refuses, or None for a kind whose
    every value of the right type is well formed (ids, actors and policies are built values)."""
    if kind in (Kind.DATE, Kind.OPTIONAL_DATE):
        return bad_dates()
    if kind in (Kind.FIRM, Kind.OPTIONAL_FIRM):
        return bad_firm_codes(valid)
    if kind is Kind.MONEY:
        return bad_money()
    if kind in (Kind.MINUTES, Kind.OPTIONAL_MINUTES):
        return bad_minutes()
    if kind is Kind.TEXT:
        return st.one_of(broken_texts(), personal_data_texts())
    if kind is Kind.OPAQUE_ID:
        return broken_ids()
    if kind is Kind.OPAQUE_IDS:
        return st.one_of(
            st.just([]),
            broken_ids().map(lambda bad: [*valid, bad]),
        )
    if kind is Kind.OBLIGATION_REFS:
        # Well-formed refs the market refuses as input: none, too many, a slice that holds no
        # trade obligations (loans stay bilateral).
        return st.one_of(
            st.just([]),
            st.just(list(valid) * 10_001),
            st.sampled_from(["funds", "park", "", "labour ", "LABOUR", "清算"]).map(
                lambda name: [attrs.evolve(ref, slice=name) for ref in valid]
            ),
        )
    if kind is Kind.ENUM:
        values = {m.value for m in type(valid)}
        return st.one_of(
            st.sampled_from([str(valid.value).upper(), "", " ", "workday ", "小型"]),
            broken_texts(),
        ).filter(lambda v: v not in values)
    if kind is Kind.RATE:
        # Outside 0 to 100 %, finer than four decimal places, or not a finite number.
        return st.one_of(
            st.integers(1, 10**6).map(lambda n: -Decimal(n).scaleb(-2)),
            st.integers(10_001, 10**8).map(lambda n: Decimal(n).scaleb(-2)),
            st.integers(1, 10**6).filter(lambda n: n % 10).map(lambda n: Decimal(n).scaleb(-5)),
            st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")]),
        )
    if kind is Kind.MONTHS:
        return st.one_of(st.integers(-(10**6), 0), st.integers(361, 10**9))
    if kind is Kind.COUNT:
        return st.one_of(st.integers(max_value=0), st.integers(10**5 + 1, 2**70))
    if kind in (Kind.INSTANT, Kind.OPTIONAL_INSTANT):
        naive = st.datetimes(min_value=datetime(1990, 1, 2), max_value=datetime(2199, 12, 30))
        far = st.sampled_from([datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)])
        return st.one_of(
            naive, far, st.datetimes(max_value=datetime(1989, 1, 1), timezones=st.just(UTC))
        )
    if kind is Kind.WHOLE:
        return st.one_of(st.integers(max_value=-1), st.integers(min_value=10**9 + 1))
    if kind is Kind.REQUEST_ID:
        return st.one_of(
            st.just(""),
            _inserted(st.sampled_from(" \t\n\x00\u202e\u200b")),
            st.integers(129, 400).map(lambda n: "r" * n),
        )
    return None
