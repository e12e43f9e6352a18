"""The LPR table and the 4 x LPR legal cap (SPC private-lending provisions, Art. 25, 28-29)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import InterestAboveLegalCap, InvalidInput, LprNotPublished
from sharemarket.domain.funds.rates import PUBLISHED_LPR, check_legal_cap, check_rate, lpr_on
from tests.strategies.funds import contract_dates, rates


def test_the_published_table_runs_from_the_reform_to_3_00_percent():
    """DOMAIN.md's figures: 4.25 % from 2019-08-20 ... 3.00 % from 2025-05-20."""
    assert 13 == len(PUBLISHED_LPR)
    assert (date(2019, 8, 20), Decimal("4.25")) == (
        PUBLISHED_LPR[0].effective_from,
        PUBLISHED_LPR[0].rate,
    )
    assert Decimal("3.10") == lpr_on(PUBLISHED_LPR, date(2025, 5, 19)).rate
    assert Decimal("3.00") == lpr_on(PUBLISHED_LPR, date(2025, 5, 20)).rate
    assert Decimal("12.00") == lpr_on(PUBLISHED_LPR, date(2026, 1, 15)).cap
    dates = [f.effective_from for f in PUBLISHED_LPR]
    assert sorted(dates) == dates


def test_a_contract_before_the_reform_is_refused_not_guessed():
    with pytest.raises(LprNotPublished, match="2019-08-20"):
        check_legal_cap(PUBLISHED_LPR, date(2019, 8, 19), Decimal("1"), Decimal("0"))


def test_the_refusal_names_the_lpr_its_date_the_cap_and_the_asked_rate():
    with pytest.raises(InterestAboveLegalCap) as caught:
        check_legal_cap(PUBLISHED_LPR, date(2026, 1, 15), Decimal("12.5"), Decimal("0"))
    message = str(caught.value)
    for part in ("12.5 %", "12.00 %", "3.00 %", "2025-05-20", "2026-01-15"):
        assert part in message
    assert "interest_above_legal_cap" == caught.value.code


def test_contract_and_overdue_rates_together_are_capped():
    check_legal_cap(PUBLISHED_LPR, date(2026, 1, 15), Decimal("8"), Decimal("4"))
    with pytest.raises(InterestAboveLegalCap, match="plus the overdue rate"):
        check_legal_cap(PUBLISHED_LPR, date(2026, 1, 15), Decimal("8"), Decimal("4.0001"))


@given(contract_dates(), rates(max_value=Decimal(30)), rates(max_value=Decimal(30)))
def test_a_rate_above_the_cap_is_always_refused_and_one_within_always_taken(day, rate, overdue):
    cap = lpr_on(PUBLISHED_LPR, day).cap
    if rate + overdue > cap:
        with pytest.raises(InterestAboveLegalCap):
            check_legal_cap(PUBLISHED_LPR, day, rate, overdue)
    else:
        assert cap == check_legal_cap(PUBLISHED_LPR, day, rate, overdue).cap


@given(st.integers(0, 300))
def test_the_figure_in_force_is_the_last_one_on_or_before_the_day(offset):
    day = date(2024, 7, 22) + timedelta(days=offset)
    expected = Decimal("3.35") if day < date(2024, 10, 21) else Decimal("3.10")
    assert expected == lpr_on(PUBLISHED_LPR, day).rate


@pytest.mark.parametrize(
    "bad",
    [Decimal("-0.01"), Decimal("100.01"), Decimal("4.35001"), Decimal("NaN"), Decimal("Infinity")],
)
def test_rates_outside_0_to_100_or_finer_than_four_places_are_refused(bad):
    with pytest.raises(InvalidInput, match="annual rate"):
        check_rate(bad, "annual rate")


@pytest.mark.parametrize("wrong", [4.35, "4.35", 4, None])
def test_a_rate_is_a_decimal(wrong):
    with pytest.raises(TypeError, match="annual rate"):
        check_rate(wrong, "annual rate")
