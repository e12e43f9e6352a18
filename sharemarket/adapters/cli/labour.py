"""``labour agreements|shifts``: the labour-sharing agreements and the shifts under one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import click

from sharemarket.adapters.cli.output import Column
from sharemarket.adapters.cli.params import FIRM
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.domain.firm_id import FirmId

AGREEMENT_COLUMNS = (
    Column("agreement", "agreement", fixed=True),
    Column("lender", "lender", fixed=True),
    Column("borrower", "borrower", fixed=True),
    Column("work", "work"),
    Column("rate_per_hour", "rate/h", figure=True),
    Column("first_day", "from", fixed=True),
    Column("last_day", "to", fixed=True),
    Column("status", "status"),
    Column("confirmed", "confirmed", figure=True),
    Column("pending", "pending", figure=True),
    Column("owed", "owed", figure=True),
)
SHIFT_COLUMNS = (
    Column("shift", "shift", fixed=True),
    Column("worker", "worker"),
    Column("work_date", "date", fixed=True),
    Column("day_type", "day"),
    Column("minutes", "time", figure=True),
    Column("overtime", "overtime", figure=True),
    Column("status", "status"),
    Column("settlement", "settlement", fixed=True),
)


@click.group()
def labour() -> None:
    """Labour sharing (共享用工): agreements and shifts."""


@labour.command()
@click.option("--of", "firm", type=FIRM, help="Only those this firm lends or borrows under.")
@pass_session
def agreements(session: Session, firm: FirmId | None) -> None:
    """Every agreement, oldest first: the firms, the terms, the time confirmed, what is owed."""
    service = session.market().labour

    def rows() -> Iterator[dict[str, Any]]:
        for agreement_id in service.agreements(firm):
            a = service.agreement(agreement_id)
            s = a.statement()
            yield {
                "agreement": agreement_id,
                "lender": a.lender,
                "borrower": a.borrower,
                "work": a.work,
                "rate_per_hour": a.rate_per_hour,
                "first_day": a.first_day,
                "last_day": a.last_day,
                "status": a.status,
                "confirmed": s.confirmed,
                "pending": s.pending,
                "owed": s.owed,
            }

    session.output.records(AGREEMENT_COLUMNS, rows(), title="labour agreements")


@labour.command()
@click.argument("agreement", type=click.UUID)
@pass_session
def shifts(session: Session, agreement: UUID) -> None:
    """The shifts recorded under AGREEMENT, in the order recorded, with their status."""
    found = session.market().labour.agreement(agreement)
    session.output.records(
        SHIFT_COLUMNS,
        (
            {
                "shift": e.shift.shift_id,
                "worker": e.shift.worker,
                "work_date": e.shift.work_date,
                "day_type": e.shift.day_type,
                "minutes": e.shift.minutes,
                "overtime": e.shift.overtime,
                "status": e.status,
                "settlement": e.settlement_id,
            }
            for e in found.shift_entries()
        ),
        title=f"shifts of {agreement}",
    )


COMMANDS = (labour,)
