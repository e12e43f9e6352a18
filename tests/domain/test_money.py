"""Money: exact CNY in integer fen, no float path, half-up rounding only where asked."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import InvalidInput, Money
from tests.strategies import money, money_texts

rates = st.decimals(min_value=-1000, max_value=1000, places=6, allow_nan=False)


@given(money(), money())
def test_addition_is_exact_integer_fen(a, b):
    """Adding amounts adds their fen exactly, whatever their size."""
    assert Money(a.fen + b.fen) == a + b


@given(money(), money(), money())
def test_addition_is_associative(a, b, c):
    """The order in which a ledger sums amounts never changes the total."""
    assert (a + b) + c == a + (b + c)


@given(money(), money())
def test_addition_is_commutative(a, b):
    """a + b and b + a are the same amount."""
    assert a + b == b + a


@given(money(), money())
def test_subtraction_undoes_addition(a, b):
    """Reversing an entry restores the balance exactly: (a + b) - b == a, a - a == 0."""
    assert a == (a + b) - b
    assert Money.zero() == a - a


@given(money())
def test_negation_is_an_additive_inverse(a):
    """-a cancels a, and negating twice gives a back."""
    assert Money.zero() == a + (-a)
    negated = -a
    assert a == -negated


@given(st.lists(money(), max_size=20))
def test_sum_is_exact_and_matches_builtin_sum(amounts):
    """Money.sum and the builtin sum() both total the fen exactly (zero for no amounts)."""
    expected = Money(sum(m.fen for m in amounts))
    assert expected == Money.sum(amounts)
    assert expected == sum(amounts, Money.zero())
    if amounts:  # the builtin sum() of nothing is the int 0
        assert expected == sum(amounts)


@given(money(), money())
def test_comparison_follows_fen(a, b):
    """Amounts order exactly as their fen do."""
    assert (a.fen < b.fen) == (a < b)
    assert (a.fen <= b.fen) == (a <= b)
    assert (a.fen == b.fen) == (a == b)


@given(money_texts())
def test_decimal_strings_give_the_exact_amount(case):
    """'1234.56', '1,234.56', '¥1,234.56' and '-¥0.05' all read as the amount they write."""
    text, expected = case
    assert expected == Money.of(text)


@given(money())
def test_str_reads_back_as_the_same_amount(a):
    """What str() prints, Money.of() reads back unchanged, negative amounts included."""
    assert a == Money.of(str(a))


@given(money())
def test_decimal_yuan_round_trips(a):
    """The yuan property is exact: Money.of(a.yuan) gives back a, with two decimal places."""
    assert a == Money.of(a.yuan)
    assert -2 == a.yuan.as_tuple().exponent


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (123456, "¥1,234.56"),
        (-5, "-¥0.05"),
        (0, "¥0.00"),
        (300_000_000, "¥3,000,000.00"),
        (-850_000_000, "-¥8,500,000.00"),
    ],
)
def test_str_formats_yuan_with_thousands_separators(fen, text):
    """str() gives the amount as people read it: ¥, thousands separators, two decimals."""
    assert text == str(Money(fen))


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: Money(1.5), id="Money(1.5)"),
        pytest.param(lambda: Money(100.0), id="Money(100.0)"),
        pytest.param(lambda: Money.of(1.5), id="Money.of(1.5)"),
        pytest.param(lambda: Money(100) * 1.5, id="Money*1.5"),
        pytest.param(lambda: 1.5 * Money(100), id="1.5*Money"),
        pytest.param(lambda: Money(100) + 1.5, id="Money+1.5"),
        pytest.param(lambda: 1.5 + Money(100), id="1.5+Money"),
        pytest.param(lambda: 0.0 + Money(100), id="0.0+Money"),
        pytest.param(lambda: sum([Money(1)], 0.0), id="sum-from-0.0"),
        pytest.param(lambda: Money(100) - 1.5, id="Money-1.5"),
        pytest.param(lambda: Money(100) < 1.5, id="Money<1.5"),
    ],
)
def test_no_float_path(build):
    """A float never becomes or mixes with Money: every way in raises TypeError."""
    with pytest.raises(TypeError):
        build()


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: Money(True), id="Money(True)"),
        pytest.param(lambda: Money.of(True), id="Money.of(True)"),
        pytest.param(lambda: Money("12"), id="Money('12')"),
        pytest.param(lambda: Money(100) * True, id="Money*True"),
    ],
)
def test_bools_and_strings_are_not_fen(build):
    """Money(fen) takes an int of fen only; a bool is not an amount."""
    with pytest.raises(TypeError):
        build()


@given(money(bound=10**12), rates)
def test_multiply_by_decimal_rounds_half_up_to_the_fen(a, rate):
    """Multiplying by a Decimal rate is the exact product rounded half up (四舍五入) to the fen."""
    exact = Decimal(a.fen) * rate  # both small: exact in the default context
    whole = abs(exact).to_integral_value(rounding="ROUND_FLOOR")
    rounded = whole + 1 if abs(exact) - whole >= Decimal("0.5") else whole
    expected = Money(int(rounded if exact >= 0 else -rounded))
    assert expected == a * rate
    assert expected == rate * a


@pytest.mark.parametrize(
    ("fen", "rate", "expected"),
    [
        (1, Decimal("0.5"), 1),  # 0.5 fen rounds up
        (1, Decimal("0.49"), 0),
        (-1, Decimal("0.5"), -1),  # half away from zero, as ROUND_HALF_UP does
        (100_000, Decimal("1.5"), 150_000),  # 150 % overtime pay
        (3, Decimal("0.5"), 2),  # 1.5 fen -> 2
        (5, Decimal("0.5"), 3),  # 2.5 fen -> 3, not banker's 2
    ],
)
def test_multiply_rounding_examples(fen, rate, expected):
    """Known half-up cases: 0.5 fen rounds away from zero, never to even."""
    assert Money(expected) == Money(fen) * rate


@given(money(), st.integers(min_value=-1000, max_value=1000))
def test_multiply_by_int_is_exact(a, factor):
    """Multiplying by a whole number needs no rounding."""
    assert Money(a.fen * factor) == a * factor


def test_huge_amounts_stay_exact():
    """Exactness does not depend on size: no 28-digit Decimal context rounds anything away."""
    big = Money(10**30 + 1)
    assert big == big * Decimal(1)
    assert Decimal("10000000000000000000000000000.01") == big.yuan
    assert big == Money.of("10000000000000000000000000000.01")


@pytest.mark.parametrize(
    "text",
    ["1.234", "0.001", "-0.005", "12345678901234567890123456.789"],
)
def test_more_than_two_decimals_is_refused(text):
    """An amount finer than a fen is refused unless a rounding is asked for."""
    with pytest.raises(InvalidInput, match="more than two decimal places"):
        Money.of(text)
    with pytest.raises(InvalidInput, match="more than two decimal places"):
        Money.of(Decimal(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.234", 123), ("1.235", 124), ("0.005", 1), ("-0.005", -1), ("0.0049", 0)],
)
def test_rounding_half_up_when_asked(text, expected):
    """rounding='half_up' rounds a finer amount half up to the fen, for strings and Decimals."""
    assert Money(expected) == Money.of(text, rounding="half_up")
    assert Money(expected) == Money.of(Decimal(text), rounding="half_up")


@pytest.mark.parametrize(
    "value",
    ["", "abc", "1.2.3", "NaN", "Infinity", "-Infinity", "¥", "1e100000000"],
)
def test_malformed_amounts_are_refused_with_an_input_error(value):
    """Text that is not a finite amount raises InvalidInput, never a decimal exception."""
    with pytest.raises(InvalidInput):
        Money.of(value)


@pytest.mark.parametrize("rate", [Decimal("NaN"), Decimal("Infinity"), Decimal("sNaN")])
def test_multiplying_by_a_non_finite_rate_is_an_input_error(rate):
    """A NaN or infinite rate raises InvalidInput, never a decimal or ValueError of its own."""
    with pytest.raises(InvalidInput):
        Money(100) * rate


def test_whole_numbers_of_fen_and_of_yuan():
    """Money(int) and Money.of(int) count fen; Money.of(Decimal or str) counts yuan."""
    assert Money(123456) == Money.of(123456)
    assert Money(123456) == Money.of(Decimal("1234.56"))
    assert Money(123456) == Money.of("1234.56")
    assert Money(300) == Money.of(Decimal("3"))


def test_truth_sign_and_abs():
    """Zero is falsy; is_negative and abs follow the fen."""
    assert not Money.zero()
    assert Money(-1).is_negative()
    assert not Money(0).is_negative()
    assert Money(5) == abs(Money(-5))


@pytest.mark.parametrize(
    "text",
    [
        "１００",
        "٣",
        "१२",
        "1e2",
        "1E-3",
        "NaN",
        "Infinity",
        "1_000",
        "1,23",
        "12,3456",
        ".5",
        "5.",
        "¥-1",
        "--1",
        "1.2.3",
        "",
        " ",
        "一百",
        "0x10",
    ],
)
def test_text_outside_the_money_grammar_is_refused(text):
    """Issue 12: money text is ASCII digits, an optional sign and yuan sign, commas in groups of
    three, one decimal point: full-width or Arabic-Indic digits, exponents, underscores and the
    special values are refused with the grammar, not read as some number."""
    with pytest.raises(InvalidInput, match="not a money amount; write yuan with ASCII digits"):
        Money.of(text)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_the_text_money_prints_reads_back(fen):
    """Every amount's own text ("-¥1,234.56") is in the grammar and reads back to itself."""
    money = Money(fen)
    assert money == Money.of(str(money))
    assert money == Money.of(str(money).replace(",", "").replace("¥", ""))


@given(st.text(alphabet=st.characters(categories=("Nd",)), min_size=1, max_size=8))
def test_digits_of_any_script_but_ascii_are_refused(text):
    """Any decimal digits but ASCII 0-9 (Python's Decimal would read them) are refused."""
    if text.isascii():
        assert Money.of(text) == Money(int(text) * 100)
    else:
        with pytest.raises(InvalidInput, match="ASCII digits"):
            Money.of(text)
