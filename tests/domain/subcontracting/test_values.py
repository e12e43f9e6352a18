"""The subcontracting values: part terms, rejections, inspections, bills, the scorecard's fold."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import (
    Bill,
    DefectReason,
    Disposition,
    Inspection,
    InvalidInput,
    Money,
    Operation,
    PartTerms,
    PersonalDataRefused,
    Rejection,
    Rejections,
    ScrapEffect,
)
from sharemarket.domain.subcontracting.reports import ScoredInspection, scorecard
from tests.labour_support import JIAMEI, SHUNMEI
from tests.strategies import part_terms, rejections

DUE = date(2020, 3, 20)


def terms(**kwargs: object) -> PartTerms:
    base: dict[str, object] = {
        "operation": Operation.GLAZING,
        "quantity": 1_000,
        "unit_price": Money.of("0.60"),
        "due_on": DUE,
    }
    return PartTerms(**{**base, **kwargs})  # type: ignore[arg-type]


@given(part_terms())
def test_the_ceiling_is_the_quantity_plus_its_tolerance_rounded_down(t: PartTerms) -> None:
    ceiling = t.ceiling(t.quantity)
    assert t.quantity <= ceiling <= t.quantity * (100 + t.tolerance_percent) / 100
    assert ceiling - t.quantity == t.quantity * t.tolerance_percent // 100


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("quantity", 0, InvalidInput),
        ("quantity", 10**9 + 1, InvalidInput),
        ("quantity", True, TypeError),
        ("quantity", 1.0, TypeError),
        ("tolerance_percent", 101, InvalidInput),
        ("tolerance_percent", -1, InvalidInput),
        ("unit_price", Money(-1), InvalidInput),
        ("unit_price", "0.60", TypeError),
        ("due_on", datetime(2020, 3, 20, 8), TypeError),
        ("due_on", date(9999, 12, 31), InvalidInput),
        ("late_charge_cap", Money(-5), InvalidInput),
        ("operation", "glazing", TypeError),
    ],
)
def test_part_terms_refuse_what_no_part_can_say(field, value, error) -> None:
    with pytest.raises(error, match=field.split("_")[0]):
        terms(**{field: value})


def test_a_rejection_for_another_reason_says_what_and_no_line_holds_personal_data() -> None:
    with pytest.raises(InvalidInput):
        Rejection(DefectReason.OTHER, 3, Disposition.SCRAP)
    assert "chipped rim" == Rejection(DefectReason.OTHER, 3, Disposition.SCRAP, "chipped rim").note
    with pytest.raises(PersonalDataRefused):
        Rejection(DefectReason.CRACK, 3, Disposition.SCRAP, "call 13812345678")
    with pytest.raises(InvalidInput):
        Rejection(DefectReason.CRACK, 0, Disposition.SCRAP)


@given(rejections())
def test_rejections_add_up_by_disposition_and_by_reason(r: Rejections) -> None:
    assert r.pieces() == r.pieces(Disposition.REWORK) + r.pieces(Disposition.SCRAP)
    assert r.pieces() == sum(r.by_reason().values())


def test_rejections_are_rejection_values_only() -> None:
    with pytest.raises(TypeError):
        Rejections.of("crack")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        Rejections(tuple(Rejection(DefectReason.CRACK, 1, Disposition.SCRAP) for _ in range(21)))


def test_a_bill_shows_its_late_charge_as_a_line_of_its_own() -> None:
    bill = Bill(uuid4(), DUE, 100, Money.of("0.65"), Money.of("65.00"), 3, Money.of("30.00"))
    assert Money.of("35.00") == bill.amount
    assert (
        ("100 accepted pieces at ¥0.65", Money.of("65.00")),
        ("late-delivery charge, 3 days", Money.of("-30.00")),
    ) == bill.lines()


def inspection(
    accepted: int, *lines: Rejection, on: date = DUE, rework: bool = False
) -> Inspection:
    r = Rejections.of(*lines)
    return Inspection(
        uuid4(), on, on, accepted + r.pieces(), rework, accepted, r, ScrapEffect.REPLACE
    )


def test_the_scorecard_counts_a_firm_s_inspections_in_the_period() -> None:
    crack = Rejection(DefectReason.CRACK, 5, Disposition.SCRAP)
    first = inspection(95, crack, on=date(2020, 3, 6))
    late = inspection(100, on=date(2020, 3, 25))
    corrected = inspection(
        97, Rejection(DefectReason.CRACK, 3, Disposition.SCRAP), on=first.inspected_on
    )
    seen = [
        ScoredInspection(1, first, JIAMEI, DUE),
        ScoredInspection(1, late, JIAMEI, DUE),
        ScoredInspection(1, inspection(10, on=date(2020, 3, 6)), SHUNMEI, DUE),
        ScoredInspection(-1, first, JIAMEI, DUE),
        ScoredInspection(1, corrected, JIAMEI, DUE),
        ScoredInspection(1, inspection(50, on=date(2020, 4, 2)), JIAMEI, DUE),
    ]
    card = scorecard(JIAMEI, date(2020, 3, 1), date(2020, 3, 31), seen)
    assert (200, 197, 3) == (card.inspected, card.accepted, card.rejected)
    assert Fraction(3, 200) == card.rejection_rate(DefectReason.CRACK)
    assert (2, 1, Fraction(1, 2)) == (card.deliveries, card.on_time, card.on_time_rate)


@given(st.lists(st.integers(0, 50), max_size=5))
def test_an_empty_period_scores_nothing(accepted: list[int]) -> None:
    seen = [ScoredInspection(1, inspection(a, on=DUE), JIAMEI, DUE) for a in accepted]
    card = scorecard(JIAMEI, date(2021, 1, 1), date(2021, 12, 31), seen)
    assert (0, Fraction(0), Fraction(0)) == (
        card.inspected,
        card.rejection_rate(),
        card.on_time_rate,
    )
