"""``members`` and ``park establish|admit``: the park's member firms, and setting a park up."""

from __future__ import annotations

import click

from sharemarket.adapters.cli.output import Column
from sharemarket.adapters.cli.params import FIRM
from sharemarket.adapters.cli.requests import REQUEST_ID_OPTION, request_id
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.park.member import FirmSize

MEMBER_COLUMNS = (
    Column("firm", "firm", fixed=True),
    Column("name", "name"),
    Column("industry", "industry"),
    Column("size", "size"),
    Column("status", "status"),
    Column("representatives", "representatives"),
)


@click.command()
@pass_session
def members(session: Session) -> None:
    """The park's member firms: credit code, name, industry, size, status, representatives."""
    market = session.market()
    session.output.records(
        MEMBER_COLUMNS,
        (
            {
                "firm": m.firm,
                "name": m.name,
                "industry": m.industry,
                "size": m.size,
                "status": m.status,
                "representatives": m.representatives,
            }
            for m in market.park.members()
        ),
        title=market.park.name(),
    )


@click.group()
def park() -> None:
    """Set a park up: establish it, admit its firms (for set-up scripts)."""


@park.command()
@click.argument("name")
@REQUEST_ID_OPTION
@pass_session
def establish(session: Session, name: str, given_request_id: str | None) -> None:
    """Establish the park NAME in a new market (an SQLite file is made if missing)."""
    market = session.market(create=True)
    rid = request_id(given_request_id, "establish", name)
    market.park.establish(session.actor(), request_id=rid, name=name)
    session.output.note(f"established {name}")


@park.command()
@click.argument("firm", type=FIRM)
@click.option("--name", required=True, help="The firm's registered name.")
@click.option("--industry", required=True, help="What the firm makes or does.")
@click.option(
    "--size", required=True, type=click.Choice([s.value for s in FirmSize]), help="Firm size."
)
@click.option(
    "--rep",
    "representatives",
    multiple=True,
    required=True,
    metavar="USER",
    help="A representative's user id (repeat for several).",
)
@REQUEST_ID_OPTION
@pass_session
def admit(
    session: Session,
    firm: FirmId,
    name: str,
    industry: str,
    size: str,
    representatives: tuple[str, ...],
    given_request_id: str | None,
) -> None:
    """Admit FIRM (its credit code) to the park, with the representatives who act for it."""
    rid = request_id(given_request_id, "admit", firm, name, industry, size, *representatives)
    admitted = session.market().park.admit_firm(
        session.actor(),
        request_id=rid,
        firm=firm,
        name=name,
        industry=industry,
        size=size,
        representatives=list(representatives),
    )
    session.output.note(f"admitted {admitted} {name}")


COMMANDS = (members, park)
