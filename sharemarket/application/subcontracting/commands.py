"""Subcontracting commands (二次发单) as values: each holds its arguments, coerced and checked.

Each one's ``stored_as`` (``subcontracting.…``) is kept in request receipts forever.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.kernel.commands import Command
from sharemarket.application.kernel.inputs import (
    as_firm_id,
    as_money,
    as_opaque_id,
    enum_value,
    market_id,
    text,
)
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import derived_id
from sharemarket.domain.money import Money
from sharemarket.domain.subcontracting.order import PRODUCT_MAX, REFERENCE_MAX
from sharemarket.domain.subcontracting.part import MATERIAL_MAX, REASON_MAX
from sharemarket.domain.subcontracting.values import (
    TOLERANCE_MAX,
    Bill,
    Inspection,
    MaterialBearer,
    MaterialUnit,
    Operation,
    PartTerms,
    Rejections,
    ScrapEffect,
    check_pieces,
)
from sharemarket.domain.time import is_business_date

R = TypeVar("R")
MoneyIn = Money | Decimal | str | int

_REASON = text(REASON_MAX)


def whole(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a whole number of pieces (or units), 0 to ``PIECES_MAX``."""
    check_pieces(value, attribute.name, positive=False)


def _reference(value: str) -> str:
    return as_opaque_id(value, "reference", REFERENCE_MAX)


def _subcontractor(value: FirmId | str) -> FirmId:
    return as_firm_id(value, "subcontractor")


def _operation(value: Operation | str) -> Operation:
    return enum_value(Operation, value, "operation")


def _bearer(value: MaterialBearer | str) -> MaterialBearer:
    return enum_value(MaterialBearer, value, "material_borne_by")


def _scrap_effect(value: ScrapEffect | str) -> ScrapEffect:
    return enum_value(ScrapEffect, value, "scrap_effect")


def _unit(value: MaterialUnit | str) -> MaterialUnit:
    return enum_value(MaterialUnit, value, "unit")


def _unit_price(value: MoneyIn) -> Money:
    return as_money(value, "unit_price")


def _late_charge_per_day(value: MoneyIn) -> Money:
    return as_money(value, "late_charge_per_day")


def _late_charge_cap(value: MoneyIn) -> Money:
    return as_money(value, "late_charge_cap")


def _amount(value: MoneyIn) -> Money:
    return as_money(value, "amount")


def _rejected(value: Rejections) -> Rejections:
    if not isinstance(value, Rejections):
        raise TypeError(
            f"rejected is Rejections (Rejections.of(Rejection(...), ...) or Rejections.none()), "
            f"not {type(value).__name__} {value!r}"
        )
    return value


def _tolerance(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_pieces(value, attribute.name, positive=False)
    if value > TOLERANCE_MAX:  # type: ignore[operator]
        raise InvalidInput(f"tolerance_percent is {value}; give 0 to {TOLERANCE_MAX} %")


@attrs.frozen(kw_only=True)
class RecordOrder(Command[UUID]):
    stored_as: ClassVar[str] = "subcontracting.record_order"
    reference: str = attrs.field(converter=_reference)
    product: str = attrs.field(validator=text(PRODUCT_MAX))
    quantity: int = attrs.field(validator=whole)
    due_on: date = attrs.field(validator=is_business_date)
    kept: int = attrs.field(default=0, validator=whole)

    @property
    def order_id(self) -> UUID:
        return derived_id("subcontract-order", self.request_id)


@attrs.frozen(kw_only=True)
class OfferPart(Command[UUID]):
    stored_as: ClassVar[str] = "subcontracting.offer_part"
    order: UUID = attrs.field(validator=market_id)
    subcontractor: FirmId = attrs.field(converter=_subcontractor)
    operation: Operation = attrs.field(converter=_operation)
    quantity: int = attrs.field(validator=whole)
    unit_price: Money = attrs.field(converter=_unit_price)
    due_on: date = attrs.field(validator=is_business_date)
    tolerance_percent: int = attrs.field(default=0, validator=_tolerance)
    material_borne_by: MaterialBearer = attrs.field(
        default=MaterialBearer.ISSUER, converter=_bearer
    )
    late_charge_per_day: Money = attrs.field(default=Money(0), converter=_late_charge_per_day)
    late_charge_cap: Money = attrs.field(default=Money(0), converter=_late_charge_cap)

    @property
    def part_id(self) -> UUID:
        return derived_id("subcontract-part", self.request_id)

    def terms(self) -> PartTerms:
        return PartTerms(
            operation=self.operation,
            quantity=self.quantity,
            unit_price=self.unit_price,
            due_on=self.due_on,
            tolerance_percent=self.tolerance_percent,
            material_borne_by=self.material_borne_by,
            late_charge_per_day=self.late_charge_per_day,
            late_charge_cap=self.late_charge_cap,
        )


@attrs.frozen(kw_only=True)
class OnPart(Command[R]):
    """A command about one part."""

    part: UUID = attrs.field(validator=market_id)


@attrs.frozen(kw_only=True)
class AcceptPart(OnPart[None]):
    stored_as: ClassVar[str] = "subcontracting.accept_part"


@attrs.frozen(kw_only=True)
class DeclinePart(OnPart[None]):
    stored_as: ClassVar[str] = "subcontracting.decline_part"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class WithdrawOffer(OnPart[None]):
    stored_as: ClassVar[str] = "subcontracting.withdraw_offer"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class CancelBackorder(OnPart[int]):
    stored_as: ClassVar[str] = "subcontracting.cancel_backorder"
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class Deliver(OnPart[UUID]):
    stored_as: ClassVar[str] = "subcontracting.deliver"
    pieces: int = attrs.field(validator=whole)
    delivered_on: date = attrs.field(validator=is_business_date)

    rework: ClassVar[bool] = False

    @property
    def delivery_id(self) -> UUID:
        return derived_id("subcontract-delivery", self.request_id)


@attrs.frozen(kw_only=True)
class DeliverRework(Deliver):
    stored_as: ClassVar[str] = "subcontracting.deliver_rework"

    rework: ClassVar[bool] = True


@attrs.frozen(kw_only=True)
class Judged(OnPart[Inspection]):
    """What an inspection says of a delivery: accepted pieces, rejected ones and their fate."""

    delivery: UUID = attrs.field(validator=market_id)
    accepted: int = attrs.field(validator=whole)
    rejected: Rejections = attrs.field(factory=Rejections.none, converter=_rejected)
    scrap_effect: ScrapEffect = attrs.field(default=ScrapEffect.REPLACE, converter=_scrap_effect)


@attrs.frozen(kw_only=True)
class InspectDelivery(Judged):
    stored_as: ClassVar[str] = "subcontracting.inspect_delivery"
    inspected_on: date = attrs.field(validator=is_business_date)


@attrs.frozen(kw_only=True)
class CorrectInspection(Judged):
    stored_as: ClassVar[str] = "subcontracting.correct_inspection"
    corrected_on: date = attrs.field(validator=is_business_date)
    reason: str = attrs.field(validator=_REASON)


@attrs.frozen(kw_only=True)
class SendMaterial(OnPart[None]):
    stored_as: ClassVar[str] = "subcontracting.send_material"
    material: str = attrs.field(validator=text(MATERIAL_MAX))
    unit: MaterialUnit = attrs.field(converter=_unit)
    quantity: int = attrs.field(validator=whole)
    per_piece: int = attrs.field(validator=whole)


@attrs.frozen(kw_only=True)
class ReturnMaterial(OnPart[None]):
    stored_as: ClassVar[str] = "subcontracting.return_material"
    material: str = attrs.field(validator=text(MATERIAL_MAX))
    quantity: int = attrs.field(validator=whole)


@attrs.frozen(kw_only=True)
class BillPart(OnPart[Bill]):
    stored_as: ClassVar[str] = "subcontracting.bill_part"
    billed_on: date = attrs.field(validator=is_business_date)

    @property
    def bill_id(self) -> UUID:
        return derived_id("subcontract-bill", self.request_id)


@attrs.frozen(kw_only=True)
class RecordPartPayment(OnPart[UUID]):
    stored_as: ClassVar[str] = "subcontracting.record_payment"
    amount: Money = attrs.field(converter=_amount)

    @property
    def payment_id(self) -> UUID:
        return derived_id("subcontract-payment", self.request_id)
