"""Subcontracting handlers: load the part (and its order when the split may change), let the
domain decide, return what to save. The rules spanning an order and a part are the domain's
(``domain.subcontracting.splitting``); the unit of work saves both in one transaction, so the
order's version guards its split against concurrent writers."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import read_park
from sharemarket.application.subcontracting import access
from sharemarket.application.subcontracting import commands as c
from sharemarket.domain.subcontracting import deliveries, materials, settlement, splitting
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart
from sharemarket.domain.subcontracting.values import Bill, Inspection

handlers = Handlers()

Parts = list[SubcontractPart]
Both = list[SubcontractPart | SubcontractOrder]


@handlers.handles(c.RecordOrder)
def record_order(loader: Loader, command: c.RecordOrder) -> tuple[list[SubcontractOrder], UUID]:
    order = SubcontractOrder.record(
        read_park(loader),
        command.actor,
        order_id=command.order_id,
        reference=command.reference,
        product=command.product,
        quantity=command.quantity,
        kept=command.kept,
        due_on=command.due_on,
    )
    return [order], order.id


@handlers.handles(c.OfferPart)
def offer_part(loader: Loader, command: c.OfferPart) -> tuple[Both, UUID]:
    order = access.order(loader, command.order)
    part = splitting.offer_part(
        read_park(loader),
        command.actor,
        order,
        part_id=command.part_id,
        subcontractor=command.subcontractor,
        terms=command.terms(),
    )
    return [order, part], part.id


@handlers.handles(c.AcceptPart)
def accept_part(loader: Loader, command: c.AcceptPart) -> tuple[Parts, None]:
    part = access.part(loader, command.part)
    part.accept(read_park(loader), command.actor)
    return [part], None


@handlers.handles(c.DeclinePart)
def decline_part(loader: Loader, command: c.DeclinePart) -> tuple[Both, None]:
    part, order = access.part_and_order(loader, command.part)
    splitting.decline(read_park(loader), command.actor, order, part, command.reason)
    return [order, part], None


@handlers.handles(c.WithdrawOffer)
def withdraw_offer(loader: Loader, command: c.WithdrawOffer) -> tuple[Both, None]:
    part, order = access.part_and_order(loader, command.part)
    splitting.withdraw(read_park(loader), command.actor, order, part, command.reason)
    return [order, part], None


@handlers.handles(c.CancelBackorder)
def cancel_backorder(loader: Loader, command: c.CancelBackorder) -> tuple[Both, int]:
    part, order = access.part_and_order(loader, command.part)
    pieces = splitting.cancel_backorder(
        read_park(loader), command.actor, order, part, command.reason
    )
    return [order, part], pieces


def _deliver(loader: Loader, command: c.Deliver) -> tuple[Parts, UUID]:
    part = access.part(loader, command.part)
    deliveries.deliver(
        read_park(loader),
        command.actor,
        part,
        delivery_id=command.delivery_id,
        pieces=command.pieces,
        rework=command.rework,
        on=command.delivered_on,
    )
    return [part], command.delivery_id


handlers.handles(c.Deliver)(_deliver)
handlers.handles(c.DeliverRework)(_deliver)


@handlers.handles(c.InspectDelivery)
def inspect_delivery(loader: Loader, command: c.InspectDelivery) -> tuple[Both, Inspection]:
    part, order = access.part_and_order(loader, command.part)
    done = splitting.inspect(
        read_park(loader),
        command.actor,
        order,
        part,
        delivery_id=command.delivery,
        inspected_on=command.inspected_on,
        accepted=command.accepted,
        rejections=command.rejected,
        scrap_effect=command.scrap_effect,
    )
    return [order, part], done


@handlers.handles(c.CorrectInspection)
def correct_inspection(loader: Loader, command: c.CorrectInspection) -> tuple[Both, Inspection]:
    part, order = access.part_and_order(loader, command.part)
    done = splitting.correct_inspection(
        read_park(loader),
        command.actor,
        order,
        part,
        delivery_id=command.delivery,
        corrected_on=command.corrected_on,
        accepted=command.accepted,
        rejections=command.rejected,
        scrap_effect=command.scrap_effect,
        reason=command.reason,
    )
    return [order, part], done


@handlers.handles(c.SendMaterial)
def send_material(loader: Loader, command: c.SendMaterial) -> tuple[Parts, None]:
    part = access.part(loader, command.part)
    materials.send(
        read_park(loader),
        command.actor,
        part,
        material=command.material,
        unit=command.unit,
        quantity=command.quantity,
        per_piece=command.per_piece,
    )
    return [part], None


@handlers.handles(c.ReturnMaterial)
def return_material(loader: Loader, command: c.ReturnMaterial) -> tuple[Parts, None]:
    part = access.part(loader, command.part)
    materials.give_back(
        read_park(loader), command.actor, part, material=command.material, quantity=command.quantity
    )
    return [part], None


@handlers.handles(c.BillPart)
def bill_part(loader: Loader, command: c.BillPart) -> tuple[Parts, Bill]:
    part = access.part(loader, command.part)
    made = settlement.bill(
        read_park(loader), command.actor, part, bill_id=command.bill_id, billed_on=command.billed_on
    )
    return [part], made


@handlers.handles(c.RecordPartPayment)
def record_payment(loader: Loader, command: c.RecordPartPayment) -> tuple[Parts, UUID]:
    part = access.part(loader, command.part)
    settlement.pay(
        read_park(loader), command.actor, part, payment_id=command.payment_id, amount=command.amount
    )
    return [part], command.payment_id
