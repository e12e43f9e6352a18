"""How the fund-loans slice's values are stored.

Names are stored forever: never rename or reuse one.
"""

from __future__ import annotations

from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.transcodings import AttrsAsDict, EnumAsValue
from sharemarket.domain.funds.allocation import Allocated, Allocation, Owed
from sharemarket.domain.funds.groups import JointGroup
from sharemarket.domain.funds.guarantees import Guarantee, GuaranteeKind, GuaranteeStatus
from sharemarket.domain.funds.loan import PenaltyCharge
from sharemarket.domain.funds.network import CyclePolicy, HeldGuarantee
from sharemarket.domain.funds.pool import PoolRules
from sharemarket.domain.funds.rates import LprFigure
from sharemarket.domain.funds.schedule import Instalment, LoanTerms, ScheduleType

TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(ScheduleType, "funds.schedule_type"),
    EnumAsValue(GuaranteeKind, "funds.guarantee_kind"),
    EnumAsValue(GuaranteeStatus, "funds.guarantee_status"),
    AttrsAsDict(LprFigure, "funds.lpr_figure"),
    AttrsAsDict(PoolRules, "funds.pool_rules"),
    AttrsAsDict(LoanTerms, "funds.loan_terms"),
    AttrsAsDict(Instalment, "funds.instalment"),
    AttrsAsDict(Owed, "funds.owed"),
    AttrsAsDict(Allocated, "funds.allocated"),
    AttrsAsDict(Allocation, "funds.allocation"),
    AttrsAsDict(Guarantee, "funds.guarantee"),
    AttrsAsDict(PenaltyCharge, "funds.penalty_charge"),
    EnumAsValue(CyclePolicy, "funds.cycle_policy"),
    AttrsAsDict(HeldGuarantee, "funds.held_guarantee"),
    AttrsAsDict(JointGroup, "funds.joint_group"),
)
