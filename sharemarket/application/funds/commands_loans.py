"""Commands of a loan's lifecycle (拆借, pool loans); each ``stored_as`` is kept forever."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.funds import fields as f
from sharemarket.application.kernel.commands import Command, Part
from sharemarket.application.kernel.inputs import market_id
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.schedule import LoanTerms, ScheduleType
from sharemarket.domain.ids import derived_id
from sharemarket.domain.money import Money
from sharemarket.domain.time import is_business_date

R = TypeVar("R")


@attrs.frozen(kw_only=True)
class Terms(Part):
    """A loan's terms as the borrower asks for them (checked together on construction)."""

    principal: Money = attrs.field(converter=f.principal)
    annual_rate: Decimal = attrs.field(converter=f.annual_rate)
    overdue_rate: Decimal = attrs.field(converter=f.overdue_rate)
    contract_date: date = attrs.field(validator=is_business_date)
    first_due_date: date = attrs.field(validator=is_business_date)
    periods: int = attrs.field(converter=f.periods)
    schedule: ScheduleType = attrs.field(converter=f.schedule)

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
    lender: FirmId = attrs.field(converter=f.lender)


@attrs.frozen(kw_only=True)
class OnLoan(Command[R]):
    loan: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class ApproveLoan(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.approve_loan"


@attrs.frozen(kw_only=True)
class UndoApproval(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.undo_loan_approval"
    reason: str = attrs.field(validator=f.REASON)


@attrs.frozen(kw_only=True)
class RejectLoan(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.reject_loan"
    reason: str = attrs.field(validator=f.REASON)


@attrs.frozen(kw_only=True)
class WithdrawLoan(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.withdraw_loan"
    reason: str = attrs.field(validator=f.REASON)


@attrs.frozen(kw_only=True)
class DisburseLoan(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.disburse_loan"
    disbursed_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class UndoDisbursal(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.undo_loan_disbursal"
    reason: str = attrs.field(validator=f.REASON)


@attrs.frozen(kw_only=True)
class RecordRepayment(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.record_repayment"
    amount: Money = attrs.field(converter=f.amount)
    paid_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class AccruePenalty(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.accrue_penalty"
    as_of: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class WriteOff(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.write_off_loan"
    written_off_on: date = attrs.field(validator=is_business_date)
    reason: str = attrs.field(validator=f.REASON)


@attrs.frozen(kw_only=True)
class RefundOverpayment(OnLoan[None]):
    stored_as: ClassVar[str] = "funds.refund_overpayment"
    amount: Money = attrs.field(converter=f.amount)
    paid_on: date = attrs.field(validator=is_business_date)
