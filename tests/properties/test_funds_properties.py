"""Properties of fund loans across commands, on the memory store: the most one firm may guarantee
counts what it is exposed to now, and penalty interest is charged by the day on each balance."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from sharemarket import GuaranteeLimitExceeded, LoanStatus, Money, ShareMarket
from tests.funds_support import CONTRACT, park, terms
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, rep


def _guaranteed(market: ShareMarket, key: str, borrower, limit: Money, **changes) -> object:  # type: ignore[no-untyped-def]
    loan = market.funds.request_loan(
        rep(borrower), request_id=key, lender=JIAMEI, **terms(**changes)
    )
    market.funds.require_guarantee(
        rep(borrower), request_id=f"{key}-g", loan=loan, guarantor=SHUNMEI, limit=limit,
        kind="joint_and_several",
    )  # fmt: skip
    return loan


@settings(max_examples=25, deadline=None)
@example(first_limit=60_000_00, paid=6, second_limit=60_000_00, most=90_000_00)  # half repaid
@example(first_limit=60_000_00, paid=12, second_limit=90_000_00, most=90_000_00)  # closed
@given(
    first_limit=st.integers(1, 120_000_00),
    paid=st.integers(0, 12),
    second_limit=st.integers(1, 120_000_00),
    most=st.integers(1, 240_000_00),
)
def test_the_most_one_firm_may_guarantee_counts_its_exposure_now(
    first_limit, paid, second_limit, most
):
    """顺美 guarantees 同鑫's ¥120,000 loan (equal principal over 12 months) for
    ``first_limit``; ``paid`` instalments are repaid (12: the loan closes). A second guarantee
    by 顺美 is accepted exactly when its limit and the first guarantee's exposure now (its limit
    scaled by the principal outstanding, zero once closed) fit under the most one firm may
    guarantee; before disbursal the first counts its whole limit."""
    assume(first_limit <= most)
    market = ShareMarket.in_memory()
    park(market)
    market.funds.set_guarantee_rules(
        ADMIN, request_id="rules", max_per_guarantor=Money(most), cycles="report"
    )
    first = _guaranteed(
        market, "first", TONGXIN, Money(first_limit), principal="120000",
        schedule="equal_principal", annual_rate=Decimal(0),
    )  # fmt: skip
    market.funds.accept_guarantee(rep(SHUNMEI), request_id="first-ga", loan=first)
    market.funds.approve_loan(rep(JIAMEI), request_id="first-ok", loan=first)
    market.funds.disburse_loan(
        rep(JIAMEI), request_id="first-pay", loan=first, disbursed_on=CONTRACT
    )
    for instalment in market.funds.loan(first).schedule[:paid]:
        market.funds.record_repayment(
            rep(JIAMEI), request_id=f"first-{instalment.number}", loan=first,
            amount=instalment.total, paid_on=instalment.due_on,
        )  # fmt: skip
    statement = market.funds.loan(first)
    exposure = market.funds.exposure(first, SHUNMEI)
    expected = Money(first_limit) * (
        Decimal(statement.outstanding_principal.fen) / Decimal(120_000_00)
    )
    assert expected == exposure
    assert (paid == 12) == (LoanStatus.CLOSED is statement.status)
    assert (paid < 12) or Money(0) == exposure
    second = _guaranteed(market, "second", GUANFU, Money(second_limit), principal="120000")
    fits = exposure + Money(second_limit) <= Money(most)
    try:
        market.funds.accept_guarantee(rep(SHUNMEI), request_id="second-ga", loan=second)
        accepted = True
    except GuaranteeLimitExceeded:
        accepted = False
    assert fits == accepted


def test_an_accepted_guarantee_of_a_loan_not_yet_disbursed_counts_its_whole_limit():
    market = ShareMarket.in_memory()
    park(market)
    market.funds.set_guarantee_rules(
        ADMIN, request_id="rules", max_per_guarantor="100000", cycles="report"
    )
    first = _guaranteed(market, "first", TONGXIN, Money.of("60000"), principal="120000")
    market.funds.accept_guarantee(rep(SHUNMEI), request_id="first-ga", loan=first)
    second = _guaranteed(market, "second", GUANFU, Money.of("40000.01"), principal="120000")
    head = market.event_log.head()
    with pytest.raises(GuaranteeLimitExceeded):
        market.funds.accept_guarantee(rep(SHUNMEI), request_id="second-ga", loan=second)
    assert head == market.event_log.head()


#: One step of the penalty scene: days after the previous step, and a repayment (yuan) or an
#: accrual (None).
Step = tuple[int, int | None]


@settings(max_examples=40, deadline=None)
@example(steps=[(50, None), (10, 15_000), (20, None)])
@example(steps=[(40, 5_000), (3, 25_000), (30, None), (5, 100), (1, None)])
@given(
    steps=st.lists(
        st.tuples(st.integers(0, 45), st.one_of(st.none(), st.integers(1, 40_000))),
        min_size=1,
        max_size=8,
    )
)
def test_penalty_interest_is_charged_by_the_day_on_each_balance(steps: list[Step]) -> None:
    """Against a day-by-day model: each accrual charges, per instalment, every day since the
    previous accrual (or since its due date) on the principal it owed that day (a repayment
    counts from the day after it is paid), at the overdue rate / 360, half up per instalment."""
    market = ShareMarket.in_memory()
    park(market)
    rate = Decimal("7.3")
    loan = market.funds.request_loan(
        rep(TONGXIN), request_id="pen", lender=JIAMEI,
        **terms(principal="120000", periods=6, schedule="equal_principal",
                annual_rate=Decimal(0), overdue_rate=rate),
    )  # fmt: skip
    market.funds.approve_loan(rep(JIAMEI), request_id="pen-ok", loan=loan)
    market.funds.disburse_loan(rep(JIAMEI), request_id="pen-pay", loan=loan, disbursed_on=CONTRACT)
    due = {o.number: o.due_on for o in market.funds.loan(loan).owed}
    # The model: each instalment's principal from each day on (after the day it is paid).
    balances: list[tuple[date, dict[int, int]]] = [
        (CONTRACT, {o.number: o.principal.fen for o in market.funds.loan(loan).owed})
    ]

    def principal_on(number: int, day: date) -> int:
        return [b for paid_on, b in balances if paid_on < day][-1][number]

    day, accrued_to = date(2026, 2, 16), CONTRACT
    for n, (gap, amount) in enumerate(steps):
        day += timedelta(days=gap)
        statement = market.funds.loan(loan)
        if amount is not None:
            if not statement.outstanding:
                break
            pay = min(Money.of(amount), statement.outstanding - Money(1)) or Money(1)
            market.funds.record_repayment(
                rep(JIAMEI), request_id=f"pay-{n}", loan=loan, amount=pay, paid_on=day
            )
            after = {o.number: o.principal.fen for o in market.funds.loan(loan).owed}
            balances.append((day, after))
            continue
        if day <= accrued_to or statement.status is not LoanStatus.ACTIVE:
            continue
        before = {o.number: o.penalty for o in statement.owed}
        market.funds.accrue_penalty(rep(JIAMEI), request_id=f"acc-{n}", loan=loan, as_of=day)
        charged = {o.number: o.penalty - before[o.number] for o in market.funds.loan(loan).owed}
        expected = {}
        for number, due_on in due.items():
            fen_days = sum(
                principal_on(number, accrued_to + timedelta(days=k))
                for k in range(1, (day - accrued_to).days + 1)
                if accrued_to + timedelta(days=k) > due_on
            )
            expected[number] = Money(fen_days) * (rate / Decimal(36000))
        assert expected == charged
        accrued_to = day
