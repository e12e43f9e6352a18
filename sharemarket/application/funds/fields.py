"""The fund-loan commands' field rules: one named converter per field (attrs hands a converter
the value alone, and the boundary's messages name the parameter)."""

from __future__ import annotations

from decimal import Decimal

from sharemarket.application.kernel.inputs import as_firm_id, as_money, enum_value, text
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.guarantees import GuaranteeKind
from sharemarket.domain.funds.lending import REASON_MAX
from sharemarket.domain.funds.rates import check_rate
from sharemarket.domain.funds.schedule import ScheduleType
from sharemarket.domain.money import Money


def months(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} is an int of months, not {type(value).__name__} {value!r}")
    return value


def periods(value: object) -> int:
    return months(value, "periods")


def max_periods(value: object) -> int:
    return months(value, "max_periods")


def rate(value: object) -> Decimal:
    return check_rate(value, "rate")


def annual_rate(value: object) -> Decimal:
    return check_rate(value, "annual_rate")


def overdue_rate(value: object) -> Decimal:
    return check_rate(value, "overdue_rate")


def lendable_percent(value: object) -> Decimal:
    return check_rate(value, "lendable_percent")


def principal(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "principal")


def amount(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "amount")


def limit(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "limit")


def max_per_firm(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "max_per_firm")


def max_per_guarantor(value: Money | Decimal | str | int) -> Money:
    return as_money(value, "max_per_guarantor")


def custodian(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "custodian")


def contributor(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "contributor")


def lender(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "lender")


def borrower(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "borrower")


def guarantor(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "guarantor")


def schedule(value: ScheduleType | str) -> ScheduleType:
    return enum_value(ScheduleType, value, "schedule")


def kind(value: GuaranteeKind | str) -> GuaranteeKind:
    return enum_value(GuaranteeKind, value, "kind")


REASON = text(REASON_MAX)
