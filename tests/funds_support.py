"""Shared set-up of the fund-loan tests: a Dehua park with a mutual-aid pool and member firms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sharemarket import Actor, FirmId, FirmSize, ShareMarket
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, rep

#: The park's service centre (a public institution, 12...) holds the pool's account.
SERVICE_CENTRE = FirmId("12350526MB00000019")
FIRMS = (TONGXIN, JIAMEI, SHUNMEI, GUANFU)
CONTRACT = date(2026, 1, 15)
FIRST_DUE = date(2026, 2, 15)


def park(market: ShareMarket) -> None:
    """The park, its four member firms (two representatives each)."""
    market.park.establish(ADMIN, request_id="park", name="德化县城东陶瓷产业园")
    for firm in FIRMS:
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{firm}",
            firm=firm,
            name=f"firm {firm.short}",
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=[rep(firm, 1).user, rep(firm, 2).user],
        )


def pool(market: ShareMarket, *, funded: str = "3000000", key: str = "pool", **rules: Any) -> UUID:
    """An interest-free pool lending up to 80 % of its contributions, funded equally by the
    first three firms."""
    pool_id: UUID = market.funds.establish_pool(
        ADMIN,
        request_id=key,
        name="企业互助资金池",
        custodian=SERVICE_CENTRE,
        max_per_firm=rules.get("max_per_firm", "1000000"),
        max_periods=rules.get("max_periods", 12),
        annual_rate=rules.get("annual_rate", Decimal("0")),
        lendable_percent=rules.get("lendable_percent", Decimal("80")),
    )
    share = Decimal(funded) / 3
    for firm in FIRMS[1:]:
        market.funds.contribute(
            ADMIN,
            request_id=f"{key}-contribute-{firm}",
            pool=pool_id,
            contributor=firm,
            amount=share.quantize(Decimal("0.01")),
            received_on=date(2026, 1, 5),
        )
    return pool_id


def terms(**changes: Any) -> dict[str, Any]:
    """A 12-month equal-instalment loan of ¥1,000,000 at 4.35 % (DOMAIN.md's worked example)."""
    base: dict[str, Any] = {
        "principal": "1000000",
        "annual_rate": Decimal("4.35"),
        "overdue_rate": Decimal("2"),
        "contract_date": CONTRACT,
        "first_due_date": FIRST_DUE,
        "periods": 12,
        "schedule": "equal_instalment",
    }
    return {**base, **changes}


def firm_loan(
    market: ShareMarket,
    key: str,
    *,
    borrower: FirmId = TONGXIN,
    lender: FirmId = JIAMEI,
    disburse: bool = True,
    **changes: Any,
) -> UUID:
    """A loan between two members, approved and (by default) disbursed on the contract date."""
    loan: UUID = market.funds.request_loan(
        rep(borrower), request_id=f"{key}-request", lender=lender, **terms(**changes)
    )
    market.funds.approve_loan(rep(lender), request_id=f"{key}-approve", loan=loan)
    if disburse:
        day = changes.get("contract_date", CONTRACT)
        market.funds.disburse_loan(
            rep(lender), request_id=f"{key}-disburse", loan=loan, disbursed_on=day
        )
    return loan


def pool_loan(
    market: ShareMarket,
    pool_id: UUID,
    key: str,
    *,
    borrower: FirmId = TONGXIN,
    disburse: bool = True,
    **changes: Any,
) -> UUID:
    loan: UUID = market.funds.apply_to_pool(
        rep(borrower),
        request_id=f"{key}-apply",
        pool=pool_id,
        **terms(annual_rate=Decimal("0"), **changes),
    )
    market.funds.approve_loan(ADMIN, request_id=f"{key}-approve", loan=loan)
    if disburse:
        market.funds.disburse_loan(
            ADMIN,
            request_id=f"{key}-disburse",
            loan=loan,
            disbursed_on=changes.get("contract_date", CONTRACT),
        )
    return loan


def actor_of(firm: FirmId) -> Actor:
    return rep(firm)
