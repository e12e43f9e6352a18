"""Guarantee exposure: pro rata with the principal outstanding, never negative, zero once closed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sharemarket import FirmId, Guarantee, GuaranteeKind, GuaranteeStatus, Money
from tests.strategies.funds import guarantees

G = FirmId("91350526MA31HQ2D6G")


def test_exposure_falls_pro_rata_with_the_principal():
    g = Guarantee(G, Money(50_000), GuaranteeKind.JOINT_AND_SEVERAL, GuaranteeStatus.ACCEPTED)
    assert Money(50_000) == g.exposure(Money(100_000), Money(100_000), is_open=True)
    assert Money(20_000) == g.exposure(Money(40_000), Money(100_000), is_open=True)
    assert Money(0) == g.exposure(Money(40_000), Money(100_000), is_open=False)


def test_what_was_paid_on_calls_caps_the_exposure():
    g = Guarantee(G, Money(50_000), GuaranteeKind.GENERAL, GuaranteeStatus.ACCEPTED, Money(45_000))
    assert Money(5_000) == g.exposure(Money(90_000), Money(100_000), is_open=True)


def test_an_unaccepted_guarantee_exposes_nothing_and_an_unstated_type_is_general():
    g = Guarantee(G, Money(50_000))
    assert GuaranteeKind.GENERAL is g.kind
    assert Money(0) == g.exposure(Money(100_000), Money(100_000), is_open=True)


@given(guarantees(), st.integers(1, 10**10), st.integers(0, 100), st.booleans())
def test_exposure_is_never_negative_and_zero_once_closed(g, principal, percent, is_open):
    outstanding = Money(principal * percent // 100)
    exposure = g.exposure(outstanding, Money(principal), is_open=is_open)
    assert not exposure.is_negative()
    assert exposure <= g.limit
    if not is_open:
        assert Money(0) == exposure
