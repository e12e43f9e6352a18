"""Minutes: working and booking time in whole minutes, read and written as "7h30"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import InvalidInput, Minutes
from tests.strategies import minutes


@pytest.mark.parametrize(
    ("value", "text"),
    [(450, "7h30"), (480, "8h00"), (5, "0h05"), (0, "0h00"), (-30, "-0h30"), (2160, "36h00")],
)
def test_str_reads_hours_and_minutes(value, text):
    """str() gives hours and two-digit minutes: 450 minutes is "7h30"."""
    assert text == str(Minutes(value))


@pytest.mark.parametrize(
    ("text", "value"),
    [("7h30", 450), ("8h", 480), ("90", 90), ("45m", 45), ("45min", 45), (" 1h 05 ", 65)],
)
def test_parse_reads_the_written_forms(text, value):
    """parse() reads "7h30", "8h", "90" (minutes) and "45m"."""
    assert Minutes(value) == Minutes.parse(text)


@given(minutes(min_value=0))
def test_parse_reads_back_what_str_writes(span):
    """For any non-negative span, parse(str(span)) is the same span."""
    assert span == Minutes.parse(str(span))


@pytest.mark.parametrize("text", ["", "  ", "h", "7.5h", "1,5h", "7h30h", "seven", "h30", "-30"])
def test_parse_refuses_other_text(text):
    """Text that is not a duration raises InvalidInput that shows how to write one."""
    with pytest.raises(InvalidInput, match="7h30"):
        Minutes.parse(text)


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: Minutes(7.5), id="Minutes(7.5)"),
        pytest.param(lambda: Minutes.of(hours=1.5), id="of(hours=1.5)"),
        pytest.param(lambda: Minutes(30) + 1.5, id="Minutes+1.5"),
        pytest.param(lambda: Minutes(True), id="Minutes(True)"),
        pytest.param(lambda: Minutes("30"), id="Minutes('30')"),
    ],
)
def test_never_a_float_or_other_type(build):
    """Time is whole minutes: a float, bool or string never becomes Minutes."""
    with pytest.raises(TypeError):
        build()


@given(minutes(), minutes(), minutes())
def test_addition_is_exact_associative_and_commutative(a, b, c):
    """Adding spans adds minutes exactly, in any order."""
    assert Minutes(a.value + b.value) == a + b
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert a == (a + b) - b
    assert Minutes.zero() == a + (-a)


@given(st.lists(minutes(), max_size=20))
def test_sum_totals_every_span(spans):
    """Minutes.sum totals the minutes exactly (zero for none)."""
    assert Minutes(sum(s.value for s in spans)) == Minutes.sum(spans)


@given(minutes(), minutes())
def test_order_follows_the_minutes(a, b):
    """Spans compare as their minutes do."""
    assert (a.value < b.value) == (a < b)
    assert (a.value >= b.value) == (a >= b)


@given(st.integers(0, 24), st.integers(0, 59))
def test_of_hours_and_minutes(hours, mins):
    """Minutes.of(hours, minutes) is hours * 60 + minutes."""
    assert Minutes(hours * 60 + mins) == Minutes.of(hours, mins)


def test_zero_is_falsy():
    """An empty span is falsy, any other span truthy."""
    assert not Minutes.zero()
    assert Minutes(1)


@pytest.mark.parametrize("text", ["7h60", "7h75", "0h99"])
def test_parse_refuses_minutes_past_the_hour(text):
    """After an hour count, minutes run 00-59: "7h75" is a typo, not read as 8h15."""
    with pytest.raises(InvalidInput, match="00-59"):
        Minutes.parse(text)
