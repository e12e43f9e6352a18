"""``subcontracting orders``: orders split among member firms, and how their parts stand."""

from __future__ import annotations

from datetime import date

import click

from sharemarket.adapters.cli.output import Column
from sharemarket.adapters.cli.params import DATE, FIRM, today
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.domain.firm_id import FirmId

ORDER_COLUMNS = (
    Column("order", "order", fixed=True),
    Column("issuer", "issuer", fixed=True),
    Column("reference", "reference"),
    Column("product", "product"),
    Column("quantity", "pieces", figure=True),
    Column("split", "split", figure=True),
    Column("accepted", "accepted", figure=True),
    Column("outstanding", "outstanding", figure=True),
    Column("late_parts", "late parts", figure=True),
    Column("due_on", "due", fixed=True),
    Column("status", "status"),
)


@click.group()
def subcontracting() -> None:
    """Order subcontracting (二次发单): orders and their parts."""


@subcontracting.command()
@click.option("--of", "firm", type=FIRM, help="Only the orders this firm issued.")
@click.option("--as-of", type=DATE, help="Late as of this business date (default: today).")
@pass_session
def orders(session: Session, firm: FirmId | None, as_of: date | None) -> None:
    """Every order, oldest first: pieces split, accepted and outstanding, late parts."""
    service = session.market().subcontracting
    day = as_of or today()
    reports = (service.order(order, day) for order in service.orders(firm))
    session.output.records(
        ORDER_COLUMNS,
        (
            {
                "order": r.order_id,
                "issuer": r.issuer,
                "reference": r.reference,
                "product": r.product,
                "quantity": r.quantity,
                "split": r.split,
                "accepted": sum(p.accepted for p in r.parts),
                "outstanding": sum(p.outstanding for p in r.parts),
                "late_parts": sum(1 for p in r.parts if p.late),
                "due_on": r.due_on,
                "status": r.status,
            }
            for r in reports
        ),
        title=f"subcontracting orders as of {day}",
    )


COMMANDS = (subcontracting,)
