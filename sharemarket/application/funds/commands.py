"""Fund-loan commands (资金池 / 拆借 / 互相担保) as values, one module per concept: the pool
(``commands_pool``), a loan's lifecycle (``commands_loans``), guarantees, the network and joint
groups (``commands_guarantees``). Every ``stored_as`` is prefixed ``funds.`` so that no other
slice can take it, and kept forever.
"""

from __future__ import annotations

from sharemarket.application.funds.commands_guarantees import (
    AcceptGuarantee,
    CallGuarantee,
    DeclineGuarantee,
    FormJointGroup,
    IssueGuaranteeCall,
    JoinJointGroup,
    LeaveJointGroup,
    RecordEnforcementFailed,
    RecordExternalGuarantee,
    RecordGuarantorPayment,
    ReleaseExternalGuarantee,
    RepaySubrogation,
    RequireGuarantee,
    SetGuaranteeRules,
)
from sharemarket.application.funds.commands_loans import (
    AccruePenalty,
    ApplyToPool,
    ApproveLoan,
    DisburseLoan,
    NewLoan,
    OnLoan,
    RecordRepayment,
    RefundOverpayment,
    RejectLoan,
    RequestLoan,
    Terms,
    UndoApproval,
    UndoDisbursal,
    WithdrawLoan,
    WriteOff,
)
from sharemarket.application.funds.commands_pool import (
    Contribute,
    EstablishPool,
    OnPool,
    RecordLpr,
    SetPoolApprovers,
    WithdrawContribution,
)

__all__ = [
    "AcceptGuarantee",
    "AccruePenalty",
    "ApplyToPool",
    "ApproveLoan",
    "CallGuarantee",
    "Contribute",
    "DeclineGuarantee",
    "DisburseLoan",
    "EstablishPool",
    "FormJointGroup",
    "IssueGuaranteeCall",
    "JoinJointGroup",
    "LeaveJointGroup",
    "NewLoan",
    "OnLoan",
    "OnPool",
    "RecordEnforcementFailed",
    "RecordExternalGuarantee",
    "RecordGuarantorPayment",
    "RecordLpr",
    "RecordRepayment",
    "RefundOverpayment",
    "RejectLoan",
    "ReleaseExternalGuarantee",
    "RepaySubrogation",
    "RequestLoan",
    "RequireGuarantee",
    "SetGuaranteeRules",
    "SetPoolApprovers",
    "Terms",
    "UndoApproval",
    "UndoDisbursal",
    "WithdrawContribution",
    "WithdrawLoan",
    "WriteOff",
]
