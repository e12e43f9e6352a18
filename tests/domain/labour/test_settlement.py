"""Settlement: confirmed minutes x hourly rate, overtime at its multiplier, rounded once."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import LABOUR_LAW, DayType, Minutes, Money, Shift, WorkingTimePolicy
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.labour.settlement import price, settle
from sharemarket.domain.money import AMOUNT_MAX_FEN
from tests.strategies import hourly_rates, shifts, working_time_policies

MON = date(2026, 4, 13)
SAT = date(2026, 4, 18)
LABOUR_DAY = date(2026, 5, 1)  # 劳动节, a statutory holiday


def a_shift(minutes: int, overtime: int | None = None, day_type=DayType.WORKDAY, on=MON) -> Shift:
    return Shift.of(
        shift_id=uuid4(),
        worker="W-1",
        work_date=on,
        minutes=Minutes(minutes),
        overtime=None if overtime is None else Minutes(overtime),
        day_type=day_type,
    )


def amount(rate: str | int, *shifts_: Shift, policy: WorkingTimePolicy = LABOUR_LAW) -> Money:
    return bill(rate, *shifts_, policy=policy).amount


def bill(rate: str | int, *shifts_: Shift, policy: WorkingTimePolicy = LABOUR_LAW):
    days = [s.work_date for s in shifts_]
    return settle(
        settlement_id=uuid4(),
        first_day=min(days),
        last_day=max(days),
        shifts=shifts_,
        rate_per_hour=Money.of(rate),
        policy=policy,
    )


def round_half_up(value: Fraction) -> int:
    """四舍五入 to a whole fen, for amounts of either sign (a half goes away from zero)."""
    whole, rest = divmod(abs(value.numerator), value.denominator)
    if 2 * rest >= value.denominator:
        whole += 1
    return whole if value >= 0 else -whole


def expected_fen(rate: Money, shifts_: list[Shift], policy: WorkingTimePolicy) -> int:
    """The amount computed independently, exactly, with one rounding at the end."""
    multiplier = {
        DayType.WORKDAY: Fraction(policy.workday_overtime_multiplier),
        DayType.REST_DAY: Fraction(policy.rest_day_multiplier),
        DayType.STATUTORY_HOLIDAY: Fraction(policy.holiday_multiplier),
    }
    weighted = sum(
        (
            Fraction(s.minutes.value - s.overtime.value)
            + Fraction(s.overtime.value) * multiplier[s.day_type]
            for s in shifts_
        ),
        Fraction(0),
    )
    return round_half_up(Fraction(rate.fen) * weighted / 60)


@pytest.mark.parametrize(
    ("rate", "minutes", "expected"),
    [
        ("20.00", 480, "160.00"),  # 8h at ¥20
        ("25.50", 450, "191.25"),  # 7h30 at ¥25.50
        ("18.00", 1, "0.30"),
        ("0.60", 1, "0.01"),
    ],
)
def test_standard_minutes_times_the_rate(rate, minutes, expected):
    """Standard minutes are paid at the hourly rate, pro rata to the minute."""
    assert Money.of(expected) == amount(rate, a_shift(minutes))


@pytest.mark.parametrize(
    ("shift", "expected"),
    [
        (a_shift(600, 120), "220.00"),  # 8h + 2h overtime x 150 %
        (a_shift(480, day_type=DayType.REST_DAY, on=SAT), "320.00"),  # 8h x 200 %
        (a_shift(480, day_type=DayType.STATUTORY_HOLIDAY, on=LABOUR_DAY), "480.00"),  # 8h x 300 %
        (a_shift(180, 180), "90.00"),  # 3h of workday overtime only
    ],
    ids=["workday 150%", "rest day 200%", "holiday 300%", "overtime only"],
)
def test_overtime_is_paid_at_the_multiplier_of_its_day(shift, expected):
    """Overtime is paid at 150 % on a workday, 200 % on a rest day, 300 % on a statutory holiday
    (劳动法 Art. 44), at ¥20.00 an hour."""
    assert Money.of(expected) == amount("20.00", shift)


def test_settlement_records_minutes_by_kind_and_the_multipliers_in_force():
    """The settlement keeps what it billed, split by kind, and the multipliers, so its amount can
    always be derived again from its own fields."""
    workday = a_shift(600, 120)
    rest = a_shift(300, day_type=DayType.REST_DAY, on=SAT)
    holiday = a_shift(240, day_type=DayType.STATUTORY_HOLIDAY, on=LABOUR_DAY)
    settlement = bill("20.00", holiday, workday, rest)
    assert (Minutes(480), Minutes(120), Minutes(300), Minutes(240)) == (
        settlement.standard,
        settlement.workday_overtime,
        settlement.rest_day_overtime,
        settlement.holiday_overtime,
    )
    assert Minutes(1140) == settlement.minutes
    assert (Decimal("1.5"), Decimal("2"), Decimal("3")) == (
        settlement.workday_multiplier,
        settlement.rest_day_multiplier,
        settlement.holiday_multiplier,
    )
    assert (MON, LABOUR_DAY) == (settlement.first_day, settlement.last_day)
    assert (workday.shift_id, rest.shift_id, holiday.shift_id) == settlement.shift_ids
    # 160 + 2 x 1.5 x 20 + 5 x 2 x 20 + 4 x 3 x 20
    assert Money.of("660.00") == settlement.amount


def test_rounding_happens_once_per_settlement_not_per_shift():
    """Two 10-minute shifts at ¥20.01 an hour: each alone is 333.5 fen (334 rounded), but the
    settlement of both is exactly 667 fen, not 668: rounding happens once, on the total."""
    one, two = a_shift(10), a_shift(10, on=MON + timedelta(days=1))
    per_shift = amount("20.01", one).fen + amount("20.01", two).fen
    assert 668 == per_shift
    assert Money(667) == amount("20.01", one, two)


def test_rounding_is_half_up_not_half_even():
    """A true half fen rounds up (四舍五入): 30 minutes at 1 fen an hour is 1 fen, not 0 as
    banker's rounding would give; 20 minutes of workday overtime at 1 fen is 30 weighted
    minutes, half a fen, again 1."""
    assert Money(1) == amount("0.01", a_shift(30))
    assert Money(1) == amount("0.01", a_shift(20, 20))
    assert Money(2) == amount("0.03", a_shift(30))  # 1.5 fen
    assert Money(0) == amount("0.01", a_shift(29))  # 0.483 fen


def test_zero_rate_bills_nothing_but_records_the_minutes():
    """Lending is not for profit: at a zero rate the settlement is ¥0.00 and still says which
    shifts and minutes it covers."""
    settlement = bill(0, a_shift(600, 120), a_shift(480, day_type=DayType.REST_DAY, on=SAT))
    assert Money.zero() == settlement.amount
    assert Minutes(1080) == settlement.minutes


def test_custom_multipliers_are_applied():
    """A host policy with other multipliers prices overtime with them."""
    policy = WorkingTimePolicy(workday_overtime_multiplier="1.75", holiday_multiplier="3.5")
    assert Money.of("195.00") == amount("20.00", a_shift(540, 60), policy=policy)  # 160 + 35
    holiday = a_shift(60, day_type=DayType.STATUTORY_HOLIDAY, on=LABOUR_DAY)
    assert Money.of("70.00") == amount("20.00", holiday, policy=policy)


def test_price_is_exact_for_any_size_of_rate():
    """Rounding is exact even where a 28-digit decimal context would round first: a rate of
    6 x 10^28 + 30 fen an hour, for one minute, is 10^27 + 0.5 fen, which rounds up."""
    assert Money(10**27 + 1) == price(Money(6 * 10**28 + 30), Decimal(1))


def test_a_settlement_above_the_amount_ceiling_is_refused():
    """Issue 12: no recorded amount exceeds ``AMOUNT_MAX_FEN`` (so the views' 64-bit totals
    hold a park's lifetime): a settlement worth one fen more than the ceiling is refused, one
    worth exactly the ceiling is issued."""
    hour = a_shift(60)
    assert Money(AMOUNT_MAX_FEN) == amount(AMOUNT_MAX_FEN, hour)
    with pytest.raises(InvalidInput, match=r"above the ceiling of ¥10,000,000,000\.00 per amount"):
        amount(AMOUNT_MAX_FEN + 1, hour)
    with pytest.raises(InvalidInput, match="above the ceiling"):
        amount(6 * 10**28 + 30, a_shift(1))


shift_lists = st.lists(
    shifts(
        workers=st.just("W-1"),
        work_dates=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda s: s.shift_id,
)


@given(shift_lists, hourly_rates(), working_time_policies() | working_time_policies(stricter=True))
def test_amount_is_the_exact_weighted_minutes_times_the_rate_rounded_once(chosen, rate, policy):
    """amount == round_half_up(rate_fen x weighted_minutes / 60), computed independently with
    fractions.Fraction, where weighted minutes are standard minutes plus each overtime minute
    times its day's multiplier."""
    settlement = settle(
        settlement_id=uuid4(),
        first_day=min(s.work_date for s in chosen),
        last_day=max(s.work_date for s in chosen),
        shifts=chosen,
        rate_per_hour=rate,
        policy=policy,
    )
    assert Money(expected_fen(rate, chosen, policy)) == settlement.amount


@given(shift_lists, hourly_rates(max_fen=10**30), working_time_policies())
def test_amount_is_exact_for_huge_rates_too(chosen, rate, policy):
    """The same property for rates far beyond any real one: no intermediate rounding, and an
    amount above the ceiling (``AMOUNT_MAX_FEN``) is refused, never recorded."""
    expected = expected_fen(rate, chosen, policy)
    issue = functools.partial(
        settle,
        settlement_id=uuid4(),
        first_day=min(s.work_date for s in chosen),
        last_day=max(s.work_date for s in chosen),
        shifts=chosen,
        rate_per_hour=rate,
        policy=policy,
    )
    if abs(expected) > AMOUNT_MAX_FEN:
        with pytest.raises(InvalidInput, match="above the ceiling"):
            issue()
    else:
        assert Money(expected) == issue().amount


@given(shift_lists, hourly_rates(), working_time_policies(), st.randoms(use_true_random=False))
def test_settlement_does_not_depend_on_the_order_of_shifts(chosen, rate, policy, rnd):
    """The same shifts in any order make the same settlement (same ids in the same order, same
    amount)."""
    shuffled = list(chosen)
    rnd.shuffle(shuffled)
    settlement_id = UUID(int=7)
    first = min(s.work_date for s in chosen)
    last = max(s.work_date for s in chosen)
    a = settle(
        settlement_id=settlement_id,
        first_day=first,
        last_day=last,
        shifts=chosen,
        rate_per_hour=rate,
        policy=policy,
    )
    b = settle(
        settlement_id=settlement_id,
        first_day=first,
        last_day=last,
        shifts=shuffled,
        rate_per_hour=rate,
        policy=policy,
    )
    assert a == b


@given(shift_lists, hourly_rates(), working_time_policies())
def test_amount_can_be_derived_again_from_the_settlement_itself(chosen, rate, policy):
    """A settlement carries everything needed to check its amount: minutes by kind, the
    multipliers in force and the rate."""
    s = settle(
        settlement_id=uuid4(),
        first_day=min(x.work_date for x in chosen),
        last_day=max(x.work_date for x in chosen),
        shifts=chosen,
        rate_per_hour=rate,
        policy=policy,
    )
    weighted = (
        Decimal(s.standard.value)
        + Decimal(s.workday_overtime.value) * s.workday_multiplier
        + Decimal(s.rest_day_overtime.value) * s.rest_day_multiplier
        + Decimal(s.holiday_overtime.value) * s.holiday_multiplier
    )
    assert s.amount == price(s.rate_per_hour, weighted)
    assert Minutes.sum(x.minutes for x in chosen) == s.minutes
