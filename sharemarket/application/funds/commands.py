"""Fund-loan commands (资金池 / 拆借 / 互相担保) as values; each ``stored_as`` is kept forever.

Every name is prefixed ``funds.`` so that no other slice can take it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import ClassVar, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.kernel.commands import Command, Part
from sharemarket.application.kernel.inputs import as_firm_id, as_money, enum_value, market_id, text
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.groups import GROUP_NAME_MAX
from sharemarket.domain.funds.guarantees import GuaranteeKind
from sharemarket.domain.funds.lending import REASON_MAX
from sharemarket.domain.funds.network import CyclePolicy
from sharemarket.domain.funds.pool import POOL_NAME_MAX
from sharemarket.domain.funds.pool_rules import PoolRules
from sharemarket.domain.funds.rates import LprFigure, check_rate
from sharemarket.domain.funds.schedule import LoanTerms, ScheduleType
from sharemarket.domain.ids import derived_id
from sharemarket.domain.money import Money
from sharemarket.domain.time import is_business_date

R = TypeVar("R")


# One named converter per field (attrs hands a converter the value alone, and the boundary's
# messages name the parameter).


def _months(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} is an int of months, not {type(value).__name__} {value!r}")
    return value


def _periods(value: object) -> int:
    return _months(value, "periods")


def _max_periods(value: object) -> int:
    return _months(value, "max_periods")


def _rate(value: object) -> Decimal:
    return check_rate(value, "rate")


def _annual_rate(value: object) -> Decimal:
    return check_rate(value, "annual_rate")


def _overdue_rate(value: object) -> Decimal:
    return check_rate(value, "overdue_rate")


def _lendable_percent(value: object) -> Decimal:
    return check_rate(value, "lendable_percent")


def _principal(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "principal")


def _amount(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "amount")


def _limit(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "limit")


def _max_per_firm(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "max_per_firm")


def _max_per_guarantor(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "max_per_guarantor")


def _custodian(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "custodian")


def _contributor(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "contributor")


def _lender(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "lender")


def _borrower(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "borrower")


def _guarantor(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "guarantor")


def _schedule(value: ScheduleType | str) -> ScheduleType:
    return enum_value(ScheduleType, value, "schedule")


def _kind(value: GuaranteeKind | str) -> GuaranteeKind:
    return enum_value(GuaranteeKind, value, "kind")


_REASON = text(REASON_MAX)


@attrs.frozen(kw_only=True)
class RecordLpr(Command[None]):
    stored_as: ClassVar[str] = "funds.record_lpr"
    effective_from: date = attrs.field(validator=is_business_date)
    rate: Decimal = attrs.field(converter=_rate)

    @property
    def figure(self) -> LprFigure:
        return LprFigure(self.effective_from, self.rate)


@attrs.frozen(kw_only=True)
class EstablishPool(Command[UUID]):
    stored_as: ClassVar[str] = "funds.establish_pool"
    name: str = attrs.field(validator=text(POOL_NAME_MAX))
    custodian: FirmId = attrs.field(converter=_custodian)
    max_per_firm: Money = attrs.field(converter=_max_per_firm)
    max_periods: int = attrs.field(converter=_max_periods)
    annual_rate: Decimal = attrs.field(converter=_annual_rate)
    lendable_percent: Decimal = attrs.field(converter=_lendable_percent)

    def __attrs_post_init__(self) -> None:
        self.rules  # noqa: B018 (checked before anything runs)

    @property
    def pool_id(self) -> UUID:
        return derived_id("funds-pool", self.request_id)

    @property
    def rules(self) -> PoolRules:
        return PoolRules(
            self.max_per_firm, self.max_periods, self.annual_rate, self.lendable_percent
        )


@attrs.frozen(kw_only=True)
class OnPool(Command[R]):
    pool: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class Contribute(OnPool[None]):
    stored_as: ClassVar[str] = "funds.contribute"
    contributor: FirmId = attrs.field(converter=_contributor)
    amount: Money = attrs.field(converter=_amount)
    received_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class WithdrawContribution(OnPool[None]):
    stored_as: ClassVar[str] = "funds.withdraw_contribution"
    contributor: FirmId = attrs.field(converter=_contributor)
    amount: Money = attrs.field(converter=_amount)
    paid_on: date = attrs.field(validator=is_business_date)


def _approvers(values: Iterable[FirmId | str]) -> tuple[FirmId, ...]:
    """At least one credit code (a list, not a lone str), each once."""
    if isinstance(values, str):
        raise TypeError(f"approvers is a list of credit codes, not a str: write [{values!r}]")
    if isinstance(values, (bytes, bytearray, Mapping)) or not isinstance(values, Iterable):
        raise TypeError(
            f"approvers is a list of credit codes, not {type(values).__name__} {values!r}"
        )
    firms = tuple(as_firm_id(v, "approvers") for v in values)
    if not firms:
        raise InvalidInput("approvers is empty; name at least one committee firm")
    return firms


def _approvals_needed(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"approvals_needed is an int, not {type(value).__name__} {value!r}")
    return value


@attrs.frozen(kw_only=True)
class SetPoolApprovers(OnPool[None]):
    stored_as: ClassVar[str] = "funds.set_pool_approvers"
    approvers: tuple[FirmId, ...] = attrs.field(converter=_approvers)
    approvals_needed: int = attrs.field(converter=_approvals_needed)

    def __attrs_post_init__(self) -> None:
        PoolRules(Money(0), 1, Decimal(0), Decimal(0), self.approvers, self.approvals_needed)


@attrs.frozen(kw_only=True)
class Terms(Part):
    """A loan's terms as the borrower asks for them (checked together on construction)."""

    principal: Money = attrs.field(converter=_principal)
    annual_rate: Decimal = attrs.field(converter=_annual_rate)
    overdue_rate: Decimal = attrs.field(converter=_overdue_rate)
    contract_date: date = attrs.field(validator=is_business_date)
    first_due_date: date = attrs.field(validator=is_business_date)
    periods: int = attrs.field(converter=_periods)
    schedule: ScheduleType = attrs.field(converter=_schedule)

    def __attrs_post_init__(self) -> None:
        self.terms  # noqa: B018 (checked before anything runs)

    @property
    def terms(self) -> LoanTerms:
        return LoanTerms(
            self.principal,
            self.annual_rate,
            self.overdue_rate,
            self.contract_date,
            self.first_due_date,
            self.periods,
            self.schedule,
        )


@attrs.frozen(kw_only=True)
class NewLoan(Command[UUID]):
    terms: Terms = attrs.field(validator=attrs.validators.instance_of(Terms))

    @property
    def loan_id(self) -> UUID:
        return derived_id("funds-loan", self.request_id)


@attrs.frozen(kw_only=True)
class ApplyToPool(NewLoan):
    stored_as: ClassVar[str] = "funds.apply_to_pool"
    pool: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class RequestLoan(NewLoan):
    stored_as: ClassVar[str] = "funds.request_loan"
    lender: FirmId = attrs.field(converter=_lender)


@attrs.frozen(kw_only=True)
class OnLoan(Command[R]):
    loan: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class RequireGuarantee(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.require_guarantee"
    guarantor: FirmId = attrs.field(converter=_guarantor)
    limit: Money = attrs.field(converter=_limit)
    kind: GuaranteeKind = attrs.field(converter=_kind)


@attrs.frozen(kw_only=True)
class AcceptGuarantee(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.accept_guarantee"


@attrs.frozen(kw_only=True)
class DeclineGuarantee(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.decline_guarantee"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class ApproveLoan(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.approve_loan"


@attrs.frozen(kw_only=True)
class UndoApproval(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.undo_loan_approval"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class RejectLoan(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.reject_loan"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class WithdrawLoan(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.withdraw_loan"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class DisburseLoan(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.disburse_loan"
    disbursed_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class UndoDisbursal(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.undo_loan_disbursal"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class RecordRepayment(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.record_repayment"
    amount: Money = attrs.field(converter=_amount)
    paid_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class AccruePenalty(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.accrue_penalty"
    as_of: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class WriteOff(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.write_off_loan"
    written_off_on: date = attrs.field(validator=is_business_date)
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class RefundOverpayment(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.refund_overpayment"
    amount: Money = attrs.field(converter=_amount)
    paid_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class RecordEnforcementFailed(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.record_enforcement_failed"
    failed_on: date = attrs.field(validator=is_business_date)
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class CallGuarantee(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.call_guarantee"
    guarantor: FirmId = attrs.field(converter=_guarantor)
    amount: Money = attrs.field(converter=_amount)
    paid_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class IssueGuaranteeCall(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.issue_guarantee_call"
    guarantor: FirmId = attrs.field(converter=_guarantor)
    amount: Money = attrs.field(converter=_amount)
    called_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class RecordGuarantorPayment(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.record_guarantor_payment"
    guarantor: FirmId = attrs.field(converter=_guarantor)
    amount: Money = attrs.field(converter=_amount)
    paid_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class RepaySubrogation(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.repay_subrogation"
    amount: Money = attrs.field(converter=_amount)
    paid_on: date = attrs.field(validator=is_business_date)


def _cycles(value: CyclePolicy | str) -> CyclePolicy:
    return enum_value(CyclePolicy, value, "cycles")


@attrs.frozen(kw_only=True)
class SetGuaranteeRules(Command[None]):
    stored_as: ClassVar[str] = "funds.set_guarantee_rules"
    max_per_guarantor: Money = attrs.field(converter=_max_per_guarantor)
    cycles: CyclePolicy = attrs.field(converter=_cycles)


@attrs.frozen(kw_only=True)
class RecordExternalGuarantee(Command[UUID]):
    stored_as: ClassVar[str] = "funds.record_external_guarantee"
    lender: FirmId = attrs.field(converter=_lender)
    borrower: FirmId = attrs.field(converter=_borrower)
    guarantor: FirmId = attrs.field(converter=_guarantor)
    limit: Money = attrs.field(converter=_limit)

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
