"""The guarantee network as of a past date, rebuilt from the events: guarantees in force then,
exposed by the principal owed then, and bank-loan guarantees from the day they were recorded."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sharemarket import InvalidInput, Money
from tests.funds_support import CONTRACT, park, terms
from tests.labour_support import ADMIN, JIAMEI, SHUNMEI, TONGXIN, rep

BANK = "91350526MA2YC0001Q"


def test_the_network_as_of_a_date_shows_the_exposure_of_that_date(market):
    """顺美 guarantees ¥60,000 of 同鑫's ¥120,000 (equal principal over 12 months). Before the
    disbursal the guarantee is held but exposes nothing; after one instalment ¥55,000, after
    three ¥45,000; repaid in full on 04-20 the loan ends and the guarantee leaves the network,
    which still shows it as of any earlier date."""
    park(market)
    funds = market.funds
    loan = funds.request_loan(
        rep(TONGXIN), request_id="l", lender=JIAMEI,
        **terms(principal="120000", schedule="equal_principal", annual_rate=Decimal(0)),
    )  # fmt: skip
    funds.require_guarantee(
        rep(TONGXIN), request_id="g", loan=loan, guarantor=SHUNMEI, limit="60000",
        kind="joint_and_several",
    )  # fmt: skip
    funds.accept_guarantee(rep(SHUNMEI), request_id="ga", loan=loan)
    funds.approve_loan(rep(JIAMEI), request_id="ok", loan=loan)
    funds.disburse_loan(rep(JIAMEI), request_id="pay", loan=loan, disbursed_on=CONTRACT)
    for i in funds.loan(loan).schedule[:3]:
        funds.record_repayment(
            rep(JIAMEI), request_id=f"r{i.number}", loan=loan, amount=i.total, paid_on=i.due_on
        )
    funds.record_repayment(
        rep(JIAMEI), request_id="rest", loan=loan, amount="90000", paid_on=date(2026, 4, 20)
    )
    funds.record_external_guarantee(
        ADMIN, request_id="bank", lender=BANK, borrower=SHUNMEI, guarantor=TONGXIN, limit="500000"
    )

    def direct(day: date) -> dict[str, Money]:
        return {p.firm.code: p.direct for p in funds.guarantee_network(as_of=day).positions}

    assert {SHUNMEI.code: Money(0)} == direct(date(2026, 1, 10))
    assert {SHUNMEI.code: Money.of("55000")} == direct(date(2026, 2, 20))
    assert {SHUNMEI.code: Money.of("45000")} == direct(date(2026, 4, 19))
    # Closed on 04-20: gone then, and from the network now; the bank loan's guarantee was
    # recorded today, so it counts from today on.
    assert {} == direct(date(2026, 4, 20))
    assert {TONGXIN.code: Money.of("500000")} == direct(date(2099, 1, 1))
    now = funds.guarantee_network()
    assert [TONGXIN] == [p.firm for p in now.positions]


def test_a_date_that_is_not_a_date_is_refused(market):
    park(market)
    with pytest.raises((TypeError, InvalidInput), match="as_of"):
        market.funds.guarantee_network(as_of="2026-03-01")  # type: ignore[arg-type]
