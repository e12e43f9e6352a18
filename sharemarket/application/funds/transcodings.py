"""How the fund-loans slice's values are stored.

Names are stored forever: never rename or reuse one.
"""

from __future__ import annotations

from typing import Any

import attrs
from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.transcodings import AttrsAsDict, EnumAsValue
from sharemarket.domain.funds.allocation import Allocated, Allocation, Owed
from sharemarket.domain.funds.groups import JointGroup
from sharemarket.domain.funds.guarantees import Guarantee, GuaranteeKind, GuaranteeStatus
from sharemarket.domain.funds.loan import LoanStatus, PenaltyCharge
from sharemarket.domain.funds.network import CyclePolicy, HeldGuarantee
from sharemarket.domain.funds.pool_rules import PoolRules
from sharemarket.domain.funds.prepayment import InterestChange
from sharemarket.domain.funds.rates import LprFigure
from sharemarket.domain.funds.schedule import Instalment, LoanTerms, ScheduleType


class OmitDefaults(AttrsAsDict):
    """A value stored as a dict of its fields, each field of ``added`` left out at its default:
    a field added later (a pool's approvers) leaves the encoding of values without it as it
    was, and with it the audit trail's hashes of the events stored before."""

    def __init__(self, cls: type[Any], name: str, added: tuple[str, ...]) -> None:
        super().__init__(cls, name)
        self._defaults = {f.name: f.default for f in attrs.fields(cls) if f.name in added}

    def encode(self, obj: Any) -> dict[str, Any]:
        return {
            name: value
            for name, value in super().encode(obj).items()
            if name not in self._defaults or value != self._defaults[name]
        }


TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(ScheduleType, "funds.schedule_type"),
    EnumAsValue(GuaranteeKind, "funds.guarantee_kind"),
    EnumAsValue(GuaranteeStatus, "funds.guarantee_status"),
    AttrsAsDict(LprFigure, "funds.lpr_figure"),
    OmitDefaults(PoolRules, "funds.pool_rules", ("approvers", "approvals_needed")),
    AttrsAsDict(LoanTerms, "funds.loan_terms"),
    AttrsAsDict(Instalment, "funds.instalment"),
    AttrsAsDict(Owed, "funds.owed"),
    AttrsAsDict(Allocated, "funds.allocated"),
    AttrsAsDict(Allocation, "funds.allocation"),
    OmitDefaults(Guarantee, "funds.guarantee", ("called",)),
    AttrsAsDict(PenaltyCharge, "funds.penalty_charge"),
    EnumAsValue(CyclePolicy, "funds.cycle_policy"),
    AttrsAsDict(HeldGuarantee, "funds.held_guarantee"),
    AttrsAsDict(JointGroup, "funds.joint_group"),
    AttrsAsDict(InterestChange, "funds.interest_change"),
    # A loan's snapshot holds its status.
    EnumAsValue(LoanStatus, "funds.loan_status"),
)
