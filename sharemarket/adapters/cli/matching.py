"""``matching open``: the needs, resources and services still open on the park's lists."""

from __future__ import annotations

import click

from sharemarket.adapters.cli.output import Column
from sharemarket.adapters.cli.params import FIRM
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.domain.firm_id import FirmId

LISTING_COLUMNS = (
    Column("listing", "listing", fixed=True),
    Column("role", "list"),
    Column("kind", "kind"),
    Column("owner", "firm", fixed=True),
    Column("terms", "terms"),
    Column("available", "available", figure=True),
    Column("valid_until", "valid until", fixed=True),
)


@click.group()
def matching() -> None:
    """Matching (需求 / 资源 / 服务清单): the park's lists."""


@matching.command(name="open")
@click.option("--of", "firm", type=FIRM, help="Only the listings this firm posted.")
@pass_session
def open_listings(session: Session, firm: FirmId | None) -> None:
    """The needs, resources and services still open, oldest first ("park" for the park's
    own services), with what is neither met nor held by a match."""
    service = session.market().matching
    session.output.records(
        LISTING_COLUMNS,
        (
            {
                "listing": listing.id,
                "role": listing.role,
                "kind": listing.kind,
                "owner": listing.owner or "park",
                "terms": str(listing.terms),
                "available": listing.available,
                "valid_until": listing.valid_until,
            }
            for listing_id in service.listings(firm)
            for listing in [service.listing(listing_id)]
            if listing.is_open
        ),
        title="open listings",
    )


COMMANDS = (matching,)
