"""How the labour slice's values are stored. Names are stored forever: never rename or reuse one."""

from __future__ import annotations

from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.transcodings import AttrsAsDict, EnumAsValue, StoredAttrsAsDict
from sharemarket.domain.labour.agreement import AgreementStatus
from sharemarket.domain.labour.policy import DayType, WorkingTimePolicy
from sharemarket.domain.labour.settlement import Settlement
from sharemarket.domain.labour.shift import Shift, ShiftEntry, ShiftStatus

TRANSCODINGS: tuple[Transcoding, ...] = (
    EnumAsValue(DayType, "day_type"),
    EnumAsValue(ShiftStatus, "shift_status"),
    EnumAsValue(AgreementStatus, "labour_agreement_status"),
    AttrsAsDict(WorkingTimePolicy, "working_time_policy"),
    # Read in every event of an agreement's or a timesheet's history: not validated again.
    StoredAttrsAsDict(Shift, "labour_shift"),
    StoredAttrsAsDict(ShiftEntry, "labour_shift_entry"),
    AttrsAsDict(Settlement, "labour_settlement"),
)
