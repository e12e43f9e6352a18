"""``views catch-up|rebuild|follow``: keep the views (journal, audit trail) current."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click

from sharemarket.adapters.cli.session import Session, pass_session

if TYPE_CHECKING:
    from sharemarket.park_views import ParkViews


@click.group()
def views() -> None:
    """Keep the views current: catch up, rebuild, follow (needs --store and --views)."""


def _done(session: Session, views: ParkViews, what: str) -> None:
    position = views.position()
    if session.output.as_json:
        session.output.line(f'{{"position": {"null" if position is None else position}}}')
    else:
        session.output.line(f"{what}: the views hold the market's events up to {position or 0}")


@views.command(name="catch-up")
@pass_session
def catch_up(session: Session) -> None:
    """Apply every event the views do not hold yet, in batches, with a progress bar."""
    market, park_views = session.market(), session.views()
    from sharemarket.adapters.cli.progress import Bar, PositionBar

    with Bar(session.output.err, "catch-up", unit="positions") as bar:
        park_views.catch_up(market, progress=PositionBar(bar))
    _done(session, park_views, "caught up")


@views.command()
@click.option(
    "--audit",
    "with_audit",
    is_flag=True,
    help="Rebuild the audit trail too (its rows are the record of what was seen: rarely).",
)
@pass_session
def rebuild(session: Session, with_audit: bool) -> None:
    """Empty the journal (and with --audit the audit trail) and build it again from the
    market's whole history: after a posting rule was added or fixed."""
    market, park_views = session.market(), session.views()
    from sharemarket.adapters.cli.progress import Bar, PositionBar

    with Bar(session.output.err, "rebuild", unit="positions") as bar:
        park_views.rebuild(market, journal=True, audit=with_audit, progress=PositionBar(bar))
    _done(session, park_views, "rebuilt")


@views.command()
@click.option(
    "--interval", default=1.0, show_default=True, help="Seconds between two looks at the market."
)
@click.option(
    "--for",
    "duration_s",
    type=float,
    help="Stop after this many seconds (default: until interrupted, Ctrl-C).",
)
@pass_session
def follow(session: Session, interval: float, duration_s: float | None) -> None:
    """Keep the views current while other processes write to the market: catch up, wait
    --interval seconds, again, with the progress of each catch-up."""
    market, park_views = session.market(), session.views()
    deadline = None if duration_s is None else time.monotonic() + duration_s
    try:
        from sharemarket.adapters.cli.progress import Bar, PositionBar

        with Bar(session.output.err, "follow", unit="positions") as bar:
            tracker = PositionBar(bar)
            while True:
                park_views.catch_up(market, progress=tracker)
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    break
                time.sleep(interval if remaining is None else min(interval, remaining))
    except KeyboardInterrupt:
        pass
    _done(session, park_views, "stopped following")


COMMANDS = (views,)
