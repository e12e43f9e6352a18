"""The fund-loans part of the hostile-input scene: each command of market.funds gets a target of
its own (a pool, or a loan in the state the command needs), so the valid calls run in any order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sharemarket import Actor, CyclePolicy, FirmId, GuaranteeKind, ScheduleType, ShareMarket
from tests.funds_support import SERVICE_CENTRE
from tests.park_scene import ADMIN, BORROWER, LENDER, REPS, THIRD

#: A bank the park arranged loans with (not a member).
BANK = FirmId("91350526MA2YC0001Q")
CONTRACT, FIRST_DUE, LATE = date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 1)
LENDS, BORROWS, GUARANTEES = REPS[LENDER], REPS[BORROWER], REPS[THIRD]
#: The loans of the scene, by the command they are the target of.
LOANS = (
    "require",
    "accept",
    "decline",
    "approve",
    "undo_approval",
    "reject",
    "withdraw",
    "disburse",
    "undo_disbursal",
    "repay",
    "penalty",
    "write_off",
    "refund",
    "enforcement",
    "call",
    "subrogation",
    "issue_call",
    "pay_call",
)
SOME_IDS: dict[str, UUID] = {
    key: UUID(int=100 + i) for i, key in enumerate(("pool", "external", "group", *LOANS))
}


def _terms(**changes: Any) -> dict[str, Any]:
    return {
        "principal": "12000",
        "annual_rate": Decimal("6"),
        "overdue_rate": Decimal("3"),
        "contract_date": CONTRACT,
        "first_due_date": FIRST_DUE,
        "periods": 12,
        "schedule": ScheduleType.EQUAL_PRINCIPAL,
        **changes,
    }


def build(market: ShareMarket) -> dict[str, UUID]:
    """A funded pool, and a firm loan in the right state for each loan command."""
    funds = market.funds
    pool = funds.establish_pool(
        ADMIN,
        request_id="f-pool",
        name="企业互助资金池",
        custodian=SERVICE_CENTRE,
        max_per_firm="100000",
        max_periods=12,
        annual_rate=Decimal(0),
        lendable_percent=Decimal(80),
    )
    for firm in (LENDER, THIRD):
        funds.contribute(
            ADMIN,
            request_id=f"f-contribute-{firm}",
            pool=pool,
            contributor=firm,
            amount="500000",
            received_on=CONTRACT,
        )
    ids = {"pool": pool}
    ids["group"] = funds.form_joint_group(ADMIN, request_id="f-group", name="城东联保小组")
    funds.join_joint_group(ADMIN, request_id="f-group-join", group=ids["group"], firm=LENDER)
    ids["external"] = funds.record_external_guarantee(
        ADMIN,
        request_id="f-external",
        lender=BANK,
        borrower=BORROWER,
        guarantor=THIRD,
        limit="2000000",
    )

    def loan(
        key: str, *, upto: str, guarantee: bool = False, accept: bool = False, **changes: Any
    ) -> UUID:
        loan_id: UUID = funds.request_loan(
            BORROWS, request_id=f"f-{key}", lender=LENDER, **_terms(**changes)
        )
        steps = ("submitted", "approved", "active")
        if guarantee:
            funds.require_guarantee(
                BORROWS,
                request_id=f"f-{key}-g",
                loan=loan_id,
                guarantor=THIRD,
                limit="6000",
                kind=GuaranteeKind.JOINT_AND_SEVERAL,
            )
            if accept:
                funds.accept_guarantee(GUARANTEES, request_id=f"f-{key}-ga", loan=loan_id)
        if steps.index(upto) >= 1:
            funds.approve_loan(LENDS, request_id=f"f-{key}-ok", loan=loan_id)
        if steps.index(upto) >= 2:
            funds.disburse_loan(
                LENDS, request_id=f"f-{key}-pay", loan=loan_id, disbursed_on=CONTRACT
            )
        return loan_id

    for key in ("require", "approve", "reject", "withdraw"):
        ids[key] = loan(key, upto="submitted")
    for key in ("accept", "decline"):
        ids[key] = loan(key, upto="submitted", guarantee=True)
    for key in ("undo_approval", "disburse"):
        ids[key] = loan(key, upto="approved")
    for key in ("undo_disbursal", "repay", "penalty", "write_off", "enforcement"):
        ids[key] = loan(key, upto="active")
    ids["refund"] = loan(
        "refund",
        upto="active",
        principal="1200",
        periods=1,
        schedule=ScheduleType.BULLET,
        annual_rate=Decimal(0),
    )
    funds.record_repayment(
        LENDS, request_id="f-refund-over", loan=ids["refund"], amount="1300", paid_on=FIRST_DUE
    )
    for key in ("call", "subrogation", "issue_call", "pay_call"):
        ids[key] = loan(key, upto="active", guarantee=True, accept=True)
    funds.issue_guarantee_call(
        LENDS,
        request_id="f-pay_call-issue",
        loan=ids["pay_call"],
        guarantor=THIRD,
        amount="100.00",
        called_on=LATE,
    )
    funds.call_guarantee(
        LENDS,
        request_id="f-subrogation-call",
        loan=ids["subrogation"],
        guarantor=THIRD,
        amount="100.00",
        paid_on=LATE,
    )
    return ids


def calls(ids: dict[str, UUID]) -> dict[str, tuple[Actor, dict[str, Any]]]:
    """The actor and every argument of a valid call of each command of market.funds."""

    def on(key: str, **args: Any) -> dict[str, Any]:
        return {"loan": ids[key], **args}

    return {
        "funds.record_lpr": (ADMIN, {"effective_from": date(2099, 1, 20), "rate": Decimal("2.5")}),
        "funds.establish_pool": (
            ADMIN,
            {
                "name": "应急转贷资金池",
                "custodian": SERVICE_CENTRE,
                "max_per_firm": "500000",
                "max_periods": 6,
                "annual_rate": Decimal("3.45"),
                "lendable_percent": Decimal(90),
            },
        ),
        "funds.contribute": (
            ADMIN,
            {
                "pool": ids["pool"],
                "contributor": BORROWER,
                "amount": "100000",
                "received_on": CONTRACT,
            },
        ),
        "funds.withdraw_contribution": (
            ADMIN,
            {"pool": ids["pool"], "contributor": THIRD, "amount": "1.00", "paid_on": CONTRACT},
        ),
        "funds.set_pool_approvers": (
            ADMIN,
            {"pool": ids["pool"], "approvers": [LENDER, THIRD], "approvals_needed": 1},
        ),
        "funds.apply_to_pool": (BORROWS, {"pool": ids["pool"], **_terms(annual_rate=Decimal(0))}),
        "funds.request_loan": (BORROWS, {"lender": LENDER, **_terms()}),
        "funds.require_guarantee": (
            BORROWS,
            on("require", guarantor=THIRD, limit="6000", kind=GuaranteeKind.GENERAL),
        ),
        "funds.accept_guarantee": (GUARANTEES, on("accept")),
        "funds.decline_guarantee": (GUARANTEES, on("decline", reason="already guaranteeing")),
        "funds.approve_loan": (LENDS, on("approve")),
        "funds.undo_approval": (LENDS, on("undo_approval", reason="terms to review")),
        "funds.reject_loan": (LENDS, on("reject", reason="no spare cash")),
        "funds.withdraw_loan": (BORROWS, on("withdraw", reason="order cancelled")),
        "funds.disburse_loan": (LENDS, on("disburse", disbursed_on=CONTRACT)),
        "funds.undo_disbursal": (LENDS, on("undo_disbursal", reason="wrong account")),
        "funds.record_repayment": (LENDS, on("repay", amount="100.00", paid_on=FIRST_DUE)),
        "funds.accrue_penalty": (LENDS, on("penalty", as_of=LATE)),
        "funds.write_off": (LENDS, on("write_off", written_off_on=LATE, reason="insolvent")),
        "funds.refund_overpayment": (LENDS, on("refund", amount="100.00", paid_on=FIRST_DUE)),
        "funds.record_enforcement_failed": (
            LENDS,
            on("enforcement", failed_on=LATE, reason="no assets"),
        ),
        "funds.call_guarantee": (LENDS, on("call", guarantor=THIRD, amount="100.00", paid_on=LATE)),
        "funds.issue_guarantee_call": (
            LENDS,
            on("issue_call", guarantor=THIRD, amount="100.00", called_on=LATE),
        ),
        "funds.record_guarantor_payment": (
            LENDS,
            on("pay_call", guarantor=THIRD, amount="100.00", paid_on=LATE),
        ),
        "funds.repay_subrogation": (GUARANTEES, on("subrogation", amount="10.00", paid_on=LATE)),
        "funds.set_guarantee_rules": (
            ADMIN,
            {"max_per_guarantor": "50000000", "cycles": CyclePolicy.REPORT},
        ),
        "funds.record_external_guarantee": (
            ADMIN,
            {"lender": BANK, "borrower": LENDER, "guarantor": THIRD, "limit": "3000000"},
        ),
        "funds.release_external_guarantee": (ADMIN, {"guarantee": ids["external"]}),
        "funds.form_joint_group": (ADMIN, {"name": "陶瓷联保小组"}),
        "funds.join_joint_group": (ADMIN, {"group": ids["group"], "firm": THIRD}),
        "funds.leave_joint_group": (ADMIN, {"group": ids["group"], "firm": LENDER}),
    }


def queries(ids: dict[str, UUID]) -> dict[str, dict[str, Any]]:
    return {
        "funds.lpr_on": {"day": CONTRACT},
        "funds.pool": {"pool": ids["pool"]},
        "funds.loan": {"loan": ids["repay"]},
        "funds.arrears": {"loan": ids["repay"], "as_of": LATE},
        "funds.exposure": {"loan": ids["call"], "guarantor": THIRD},
        "funds.guarantee_network": {"as_of": LATE},
    }
