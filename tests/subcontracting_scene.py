"""A subcontracting scene for the hostile-input suite: each command's valid call has its target.

The issuer is the park scene's borrower, the subcontractor its lender (tests/park_scene.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple
from uuid import UUID

from sharemarket import (
    Actor,
    DefectReason,
    Disposition,
    MaterialBearer,
    MaterialUnit,
    Operation,
    Rejection,
    Rejections,
    ScrapEffect,
    ShareMarket,
)
from tests.park_scene import BORROWER, LENDER, REPS

ISSUER, SUBCONTRACTOR = REPS[BORROWER], REPS[LENDER]
DUE = date(2026, 4, 30)
ON = date(2026, 3, 10)
OFFERED = ("accept", "decline", "withdraw")
ACCEPTED = ("main", "cancel", "supplied", "billing", "paying")


class SubIds(NamedTuple):
    order: UUID
    offered: dict[str, UUID]
    accepted: dict[str, UUID]
    to_inspect: UUID
    to_correct: UUID


#: Ids for the discovery test, which builds commands without a market.
SOME_SUB_IDS = SubIds(
    UUID(int=100),
    {k: UUID(int=101 + i) for i, k in enumerate(OFFERED)},
    {k: UUID(int=110 + i) for i, k in enumerate(ACCEPTED)},
    UUID(int=120),
    UUID(int=121),
)


def build_subcontracting(market: ShareMarket) -> SubIds:
    """An order with parts offered (to accept, decline, withdraw) and accepted (to deliver to,
    cancel, return materials from, bill, pay); deliveries to inspect and to correct."""
    sub = market.subcontracting
    order = sub.record_order(
        ISSUER,
        request_id="sc-order",
        reference="TX-2026-001",
        product="glazed tableware set",
        quantity=60_000,
        due_on=DUE,
    )

    def offer(key: str) -> UUID:
        part: UUID = sub.offer_part(
            ISSUER,
            request_id=f"sc-offer-{key}",
            order=order,
            subcontractor=LENDER,
            operation=Operation.GLAZING,
            quantity=1_000,
            unit_price="0.60",
            due_on=DUE,
        )
        return part

    offered = {key: offer(key) for key in OFFERED}
    accepted = {key: offer(key) for key in ACCEPTED}
    for key, part in accepted.items():
        sub.accept_part(SUBCONTRACTOR, request_id=f"sc-accept-{key}", part=part)
    main = accepted["main"]

    def deliver(key: str, part: UUID, pieces: int) -> UUID:
        delivery: UUID = sub.deliver(
            SUBCONTRACTOR, request_id=f"sc-d-{key}", part=part, pieces=pieces, delivered_on=ON
        )
        return delivery

    def inspect(key: str, part: UUID, delivery: UUID, accepted: int, rejected: Rejections) -> None:
        sub.inspect_delivery(
            ISSUER,
            request_id=f"sc-i-{key}",
            part=part,
            delivery=delivery,
            inspected_on=ON,
            accepted=accepted,
            rejected=rejected,
        )

    rework = Rejections.of(Rejection(DefectReason.GLAZE_DEFECT, 10, Disposition.REWORK))
    inspect("rework", main, deliver("rework", main, 100), 90, rework)
    to_correct = deliver("correct", main, 20)
    crack = Rejections.of(Rejection(DefectReason.CRACK, 1, Disposition.SCRAP))
    inspect("correct", main, to_correct, 19, crack)
    to_inspect = deliver("inspect", main, 50)
    sub.send_material(
        ISSUER,
        request_id="sc-send",
        part=accepted["supplied"],
        material="釉料 glaze",
        unit=MaterialUnit.GRAM,
        quantity=80_000,
        per_piece=80,
    )
    for key in ("billing", "paying"):
        part = accepted[key]
        inspect(key, part, deliver(key, part, 100), 100, Rejections.none())
    sub.bill_part(SUBCONTRACTOR, request_id="sc-bill", part=accepted["paying"], billed_on=ON)
    return SubIds(order, offered, accepted, to_inspect, to_correct)


def subcontracting_calls(ids: SubIds) -> dict[str, tuple[Actor, dict[str, Any]]]:
    """The actor and every argument (optional ones too) of a call each command accepts."""
    main, accepted, offered = ids.accepted["main"], ids.accepted, ids.offered
    return {
        "subcontracting.record_order": (
            ISSUER,
            {
                "reference": "TX-2026-002",
                "product": "釉下彩 tea set",
                "quantity": 8_000,
                "due_on": DUE,
                "kept": 2_000,
            },
        ),
        "subcontracting.offer_part": (
            ISSUER,
            {
                "order": ids.order,
                "subcontractor": LENDER,
                "operation": Operation.PAINTING,
                "quantity": 500,
                "unit_price": "1.20",
                "due_on": DUE,
                "tolerance_percent": 2,
                "material_borne_by": MaterialBearer.SUBCONTRACTOR,
                "late_charge_per_day": "10.00",
                "late_charge_cap": "100.00",
            },
        ),
        "subcontracting.accept_part": (SUBCONTRACTOR, {"part": offered["accept"]}),
        "subcontracting.decline_part": (
            SUBCONTRACTOR,
            {"part": offered["decline"], "reason": "kilns full"},
        ),
        "subcontracting.withdraw_offer": (
            ISSUER,
            {"part": offered["withdraw"], "reason": "customer cut the order"},
        ),
        "subcontracting.cancel_backorder": (
            ISSUER,
            {"part": accepted["cancel"], "reason": "falling behind"},
        ),
        "subcontracting.deliver": (
            SUBCONTRACTOR,
            {"part": main, "pieces": 10, "delivered_on": ON},
        ),
        "subcontracting.deliver_rework": (
            SUBCONTRACTOR,
            {"part": main, "pieces": 5, "delivered_on": ON},
        ),
        "subcontracting.inspect_delivery": (
            ISSUER,
            {
                "part": main,
                "delivery": ids.to_inspect,
                "inspected_on": ON,
                "accepted": 49,
                "rejected": Rejections.of(
                    Rejection(DefectReason.OTHER, 1, Disposition.REWORK, "chipped rim")
                ),
                "scrap_effect": ScrapEffect.REPLACE,
            },
        ),
        "subcontracting.correct_inspection": (
            ISSUER,
            {
                "part": main,
                "delivery": ids.to_correct,
                "corrected_on": ON,
                "accepted": 20,
                "rejected": Rejections.none(),
                "scrap_effect": ScrapEffect.REDUCE,
                "reason": "the crack was a smudge",
            },
        ),
        "subcontracting.send_material": (
            ISSUER,
            {
                "part": main,
                "material": "泥料 clay",
                "unit": MaterialUnit.KILOGRAM,
                "quantity": 700,
                "per_piece": 1,
            },
        ),
        "subcontracting.return_material": (
            SUBCONTRACTOR,
            {"part": accepted["supplied"], "material": "釉料 glaze", "quantity": 500},
        ),
        "subcontracting.bill_part": (
            SUBCONTRACTOR,
            {"part": accepted["billing"], "billed_on": ON},
        ),
        "subcontracting.record_payment": (
            ISSUER,
            {"part": accepted["paying"], "amount": "1.00"},
        ),
    }


def subcontracting_queries(ids: SubIds) -> dict[str, dict[str, Any]]:
    return {
        "subcontracting.part": {"part": ids.accepted["main"], "as_of": ON},
        "subcontracting.order": {"order": ids.order, "as_of": ON},
        "subcontracting.scorecard": {
            "firm": LENDER,
            "first_day": date(2026, 3, 1),
            "last_day": date(2026, 3, 31),
        },
    }
