"""Commands of guarantees (互相担保): each loan's guarantors, calls and subrogation, the
guarantee network and joint guarantee groups (联保小组); each ``stored_as`` is kept forever."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

import attrs

from sharemarket.application.funds import fields as f
from sharemarket.application.funds.commands_loans import OnLoan
from sharemarket.application.kernel.commands import Command
from sharemarket.application.kernel.inputs import as_firm_id, enum_value, market_id, text
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.groups import GROUP_NAME_MAX
from sharemarket.domain.funds.guarantees import GuaranteeKind
from sharemarket.domain.funds.network import CyclePolicy
from sharemarket.domain.ids import derived_id
from sharemarket.domain.money import Money
from sharemarket.domain.time import is_business_date


@attrs.frozen(kw_only=True)
class RequireGuarantee(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.require_guarantee"
    guarantor: FirmId = attrs.field(converter=f.guarantor)
    limit: Money = attrs.field(converter=f.limit)
    kind: GuaranteeKind = attrs.field(converter=f.kind)


@attrs.frozen(kw_only=True)
class AcceptGuarantee(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.accept_guarantee"


@attrs.frozen(kw_only=True)
class DeclineGuarantee(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.decline_guarantee"
    reason: str = attrs.field(validator=f.REASON)


@attrs.frozen(kw_only=True)
class RecordEnforcementFailed(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.record_enforcement_failed"
    failed_on: date = attrs.field(validator=is_business_date)
    reason: str = attrs.field(validator=f.REASON)


@attrs.frozen(kw_only=True)
class CallGuarantee(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.call_guarantee"
    guarantor: FirmId = attrs.field(converter=f.guarantor)
    amount: Money = attrs.field(converter=f.amount)
    paid_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class IssueGuaranteeCall(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.issue_guarantee_call"
    guarantor: FirmId = attrs.field(converter=f.guarantor)
    amount: Money = attrs.field(converter=f.amount)
    called_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class RecordGuarantorPayment(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.record_guarantor_payment"
    guarantor: FirmId = attrs.field(converter=f.guarantor)
    amount: Money = attrs.field(converter=f.amount)
    paid_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class RepaySubrogation(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.repay_subrogation"
    amount: Money = attrs.field(converter=f.amount)
    paid_on: date = attrs.field(validator=is_business_date)


def _cycles(value: CyclePolicy | str) -> CyclePolicy:
    return enum_value(CyclePolicy, value, "cycles")


@attrs.frozen(kw_only=True)
class SetGuaranteeRules(Command[None]):
    stored_as: ClassVar[str] = "funds.set_guarantee_rules"
    max_per_guarantor: Money = attrs.field(converter=f.max_per_guarantor)
    cycles: CyclePolicy = attrs.field(converter=_cycles)


@attrs.frozen(kw_only=True)
class RecordExternalGuarantee(Command[UUID]):
    stored_as: ClassVar[str] = "funds.record_external_guarantee"
    lender: FirmId = attrs.field(converter=f.lender)
    borrower: FirmId = attrs.field(converter=f.borrower)
    guarantor: FirmId = attrs.field(converter=f.guarantor)
    limit: Money = attrs.field(converter=f.limit)

    @property
    def guarantee_id(self) -> UUID:
        return derived_id("funds-external-guarantee", self.request_id)


@attrs.frozen(kw_only=True)
class ReleaseExternalGuarantee(Command[None]):
    stored_as: ClassVar[str] = "funds.release_external_guarantee"
    guarantee: UUID = attrs.field(validator=market_id)


def _firm(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "firm")


@attrs.frozen(kw_only=True)
class FormJointGroup(Command[UUID]):
    stored_as: ClassVar[str] = "funds.form_joint_group"
    name: str = attrs.field(validator=text(GROUP_NAME_MAX))

    @property
    def group_id(self) -> UUID:
        return derived_id("funds-joint-group", self.request_id)


@attrs.frozen(kw_only=True)
class JoinJointGroup(Command[None]):
    stored_as: ClassVar[str] = "funds.join_joint_group"
    group: UUID = attrs.field(validator=market_id)
    firm: FirmId = attrs.field(converter=_firm)


@attrs.frozen(kw_only=True)
class LeaveJointGroup(Command[None]):
    stored_as: ClassVar[str] = "funds.leave_joint_group"
    group: UUID = attrs.field(validator=market_id)
    firm: FirmId = attrs.field(converter=_firm)
