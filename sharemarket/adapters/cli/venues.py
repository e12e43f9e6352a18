"""``venues list|free``: the park's shared rooms, and when one of them is free."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import click

from sharemarket.adapters.cli.output import Column
from sharemarket.adapters.cli.params import DATE, FIRM
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId

VENUE_COLUMNS = (
    Column("venue", "venue", fixed=True),
    Column("name", "name"),
    Column("kind", "kind"),
    Column("host", "host", fixed=True),
    Column("capacity", "capacity", figure=True),
    Column("closed", "closed"),
)
FREE_COLUMNS = (
    Column("start", "from", fixed=True),
    Column("end", "to", fixed=True),
    Column("minutes", "free", figure=True),
)


@click.group()
def venues() -> None:
    """Venue sharing (阵地共享): rooms and their free time."""


@venues.command(name="list")
@click.option("--host", type=FIRM, help="Only the venues this firm hosts.")
@pass_session
def list_venues(session: Session, host: FirmId | None) -> None:
    """Every venue opened, oldest first (closed ones too)."""
    service = session.market().venues
    session.output.records(
        VENUE_COLUMNS,
        (
            {
                "venue": venue_id,
                "name": v.name,
                "kind": v.kind,
                "host": v.host,
                "capacity": v.rules.capacity,
                "closed": v.closed,
            }
            for venue_id in service.venues(host)
            for v in [service.venue(venue_id)]
        ),
        title="venues",
    )


@venues.command()
@click.argument("venue", type=click.UUID)
@click.option("--from", "first_day", type=DATE, required=True, help="The first day.")
@click.option("--to", "last_day", type=DATE, required=True, help="The last day (included).")
@pass_session
def free(session: Session, venue: UUID, first_day: date, last_day: date) -> None:
    """The free spans of VENUE's opening hours from --from to --to."""
    service = session.market().venues
    name = service.venue(venue).name
    session.output.records(
        FREE_COLUMNS,
        (
            {
                "start": slot.start,
                "end": slot.end,
                "minutes": Minutes(int((slot.end - slot.start).total_seconds()) // 60),
            }
            for slot in service.free_slots(venue, first_day, last_day)
        ),
        title=f"{name}: free from {first_day} to {last_day}",
    )


COMMANDS = (venues,)
