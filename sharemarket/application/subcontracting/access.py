"""Loading the subcontracting slice's aggregates: orders and their parts."""

from __future__ import annotations

from uuid import UUID

from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart


def order(loader: Loader, order_id: UUID) -> SubcontractOrder:
    return loader.get(SubcontractOrder, order_id, f"subcontracted order {order_id}")


def part(loader: Loader, part_id: UUID) -> SubcontractPart:
    return loader.get(SubcontractPart, part_id, f"subcontracted part {part_id}")


def part_and_order(loader: Loader, part_id: UUID) -> tuple[SubcontractPart, SubcontractOrder]:
    """A part and its order: the commands that change the order's split save both."""
    p = part(loader, part_id)
    return p, order(loader, p.order_id)
