"""Clearing commands (清算) as values: proposing a run, each firm's answer, committing, paying."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import ClassVar, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.kernel.commands import Command
from sharemarket.application.kernel.inputs import as_firm_id, as_money, as_uuid, market_id, text
from sharemarket.domain.clearing.run import REASON_MAX, ObligationRef
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import derived_id
from sharemarket.domain.money import Money
from sharemarket.domain.time import is_business_date

R = TypeVar("R")
_REASON = text(REASON_MAX)
#: The most obligations one run may include: a month's trade of a large park, with room.
RUN_OBLIGATIONS_MAX = 10_000


def _refs(values: Iterable[ObligationRef]) -> tuple[ObligationRef, ...]:
    # A mapping or a set is not a list of refs (a set's order is not the caller's either).
    unordered = isinstance(values, Mapping | set | frozenset)
    if unordered or isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"obligations is a list of ObligationRef, not {type(values).__name__}")
    refs = tuple(values)
    for i, ref in enumerate(refs):
        if not isinstance(ref, ObligationRef):
            raise TypeError(
                f"obligations[{i}] is an ObligationRef(slice=..., holder=..., obligation=...), "
                f"not {type(ref).__name__}"
            )
        if not isinstance(ref.slice, str):
            kind = type(ref.slice).__name__
            raise TypeError(f"obligations[{i}].slice is a slice's name, not a {kind}")
        as_uuid(ref.holder, f"obligations[{i}].holder")
        as_uuid(ref.obligation, f"obligations[{i}].obligation")
    if not refs or len(refs) > RUN_OBLIGATIONS_MAX:
        raise InvalidInput(
            f"obligations: a clearing run includes 1 to {RUN_OBLIGATIONS_MAX}, not {len(refs)}"
        )
    return refs


def _payee(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "payee")


def _amount(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "amount")


@attrs.frozen(kw_only=True)
class ProposeRun(Command[UUID]):
    stored_as: ClassVar[str] = "clearing.propose_run"
    as_of: date = attrs.field(validator=is_business_date)
    obligations: tuple[ObligationRef, ...] = attrs.field(converter=_refs)

    @property
    def run_id(self) -> UUID:
        return derived_id("clearing-run", self.request_id)


@attrs.frozen(kw_only=True)
class OnRun(Command[R]):
    """A command about one clearing run."""

    run: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class AcceptRun(OnRun[None]):
    stored_as: ClassVar[str] = "clearing.accept_run"


@attrs.frozen(kw_only=True)
class DeclineRun(OnRun[None]):
    stored_as: ClassVar[str] = "clearing.decline_run"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class CommitRun(OnRun[None]):
    stored_as: ClassVar[str] = "clearing.commit_run"


@attrs.frozen(kw_only=True)
class AbandonRun(OnRun[None]):
    stored_as: ClassVar[str] = "clearing.abandon_run"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class RecordNetPayment(OnRun[UUID]):
    stored_as: ClassVar[str] = "clearing.record_net_payment"
    payee: FirmId = attrs.field(converter=_payee)
    amount: Money = attrs.field(converter=_amount)

    @property
    def payment_id(self) -> UUID:
        return derived_id("clearing-payment", self.request_id)
