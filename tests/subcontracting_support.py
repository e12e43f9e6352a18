"""Shared set-up of the subcontracting tests: the Dehua firms, an order, an accepted part."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sharemarket import Operation, ShareMarket
from tests.labour_support import GUANFU, JIAMEI, SHUNMEI, TONGXIN, open_park, rep

ISSUER = TONGXIN
SUBS = (JIAMEI, SHUNMEI, GUANFU)
DUE = date(2020, 3, 20)
DAY = date(2020, 3, 6)

__all__ = [
    "DAY",
    "DUE",
    "GUANFU",
    "ISSUER",
    "JIAMEI",
    "SHUNMEI",
    "SUBS",
    "accepted_part",
    "offer",
    "open_park",
    "order",
    "rep",
]


def order(market: ShareMarket, key: str = "o", quantity: int = 1_000, kept: int = 0) -> UUID:
    found: UUID = market.subcontracting.record_order(
        rep(ISSUER),
        request_id=f"order-{key}",
        reference=f"TX-{key}",
        product="glazed tableware set",
        quantity=quantity,
        kept=kept,
        due_on=date(2020, 3, 31),
    )
    return found


def offer(
    market: ShareMarket,
    order_id: UUID,
    key: str,
    quantity: int = 100,
    sub: Any = JIAMEI,
    **terms: Any,
) -> UUID:
    part: UUID = market.subcontracting.offer_part(
        rep(ISSUER),
        request_id=f"offer-{key}",
        order=order_id,
        subcontractor=sub,
        operation=terms.pop("operation", Operation.GLAZING),
        quantity=quantity,
        unit_price=terms.pop("unit_price", "0.60"),
        due_on=terms.pop("due_on", DUE),
        **terms,
    )
    return part


def accepted_part(
    market: ShareMarket, key: str = "p", quantity: int = 100, sub: Any = JIAMEI, **terms: Any
) -> tuple[UUID, UUID]:
    """An order of 1,000 pieces and a part of it accepted by ``sub``."""
    order_id = order(market, key)
    part = offer(market, order_id, key, quantity, sub, **terms)
    market.subcontracting.accept_part(rep(sub), request_id=f"accept-{key}", part=part)
    return order_id, part
