"""Commands of the LPR table and the mutual-aid pool (资金池); each ``stored_as`` kept forever."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import ClassVar, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.funds import fields as f
from sharemarket.application.kernel.commands import Command
from sharemarket.application.kernel.inputs import as_firm_id, market_id, text
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.pool import POOL_NAME_MAX
from sharemarket.domain.funds.pool_rules import PoolRules
from sharemarket.domain.funds.rates import LprFigure
from sharemarket.domain.ids import derived_id
from sharemarket.domain.money import Money
from sharemarket.domain.time import is_business_date

R = TypeVar("R")


@attrs.frozen(kw_only=True)
class RecordLpr(Command[None]):
    stored_as: ClassVar[str] = "funds.record_lpr"
    effective_from: date = attrs.field(validator=is_business_date)
    rate: Decimal = attrs.field(converter=f.rate)

    @property
    def figure(self) -> LprFigure:
        return LprFigure(self.effective_from, self.rate)


@attrs.frozen(kw_only=True)
class EstablishPool(Command[UUID]):
    stored_as: ClassVar[str] = "funds.establish_pool"
    name: str = attrs.field(validator=text(POOL_NAME_MAX))
    custodian: FirmId = attrs.field(converter=f.custodian)
    max_per_firm: Money = attrs.field(converter=f.max_per_firm)
    max_periods: int = attrs.field(converter=f.max_periods)
    annual_rate: Decimal = attrs.field(converter=f.annual_rate)
    lendable_percent: Decimal = attrs.field(converter=f.lendable_percent)

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
    contributor: FirmId = attrs.field(converter=f.contributor)
    amount: Money = attrs.field(converter=f.amount)
    received_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class WithdrawContribution(OnPool[None]):
    stored_as: ClassVar[str] = "funds.withdraw_contribution"
    contributor: FirmId = attrs.field(converter=f.contributor)
    amount: Money = attrs.field(converter=f.amount)
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
