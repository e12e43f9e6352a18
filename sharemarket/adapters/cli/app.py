"""The ``sharemarket`` command: its global options, its command groups, and its exit statuses.

Exit statuses: 0 done; 1 the market refused or failed (a ``ShareMarketError``, printed as
``code: message`` on one line, or ``audit verify`` finding the trail broken, or an import with
refused rows); 2 a usage error (an unknown command, a missing or unreadable option).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NoReturn

import click

from sharemarket.adapters.cli import (
    audit,
    balances,
    clearing,
    funds,
    importing,
    labour,
    matching,
    park,
    report,
    subcontracting,
    venues,
    views,
)
from sharemarket.adapters.cli.session import STORE_ENV, VIEWS_ENV, Session
from sharemarket.domain.errors import ShareMarketError


class Refused(click.ClickException):
    """A ``ShareMarketError``, shown as its code and message on one line; exit status 1."""

    exit_code = 1

    def __init__(self, error: ShareMarketError) -> None:
        super().__init__(" ".join(f"{error.code}: {error}".split()))

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


class MarketGroup(click.Group):
    """The root group: every command below it runs inside its ``invoke``, so an error of the
    market is turned into :class:`Refused` here, once, instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ShareMarketError as error:
            raise Refused(error) from None


@click.group(
    cls=MarketGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--store",
    envvar=STORE_ENV,
    metavar="PATH|DSN",
    help=f"The market: an SQLite file or a postgresql:// DSN (or ${STORE_ENV}).",
)
@click.option(
    "--schema",
    envvar="SHAREMARKET_SCHEMA",
    help="The market's PostgreSQL schema (or $SHAREMARKET_SCHEMA).",
)
@click.option(
    "--views",
    "views_at",
    envvar=VIEWS_ENV,
    metavar="FOLDER|DSN",
    help=f"The views: a folder of SQLite files or a postgresql:// DSN (or ${VIEWS_ENV}).",
)
@click.option(
    "--views-schema",
    envvar="SHAREMARKET_VIEWS_SCHEMA",
    help="The views' PostgreSQL schema (or $SHAREMARKET_VIEWS_SCHEMA).",
)
@click.option(
    "--views-prefix",
    envvar="SHAREMARKET_VIEWS_PREFIX",
    default="",
    help="The views' PostgreSQL table prefix (or $SHAREMARKET_VIEWS_PREFIX).",
)
@click.option(
    "--as",
    "user",
    envvar="SHAREMARKET_USER",
    metavar="USER",
    help="Who acts, by user id (or $SHAREMARKET_USER); a park administrator without --firm.",
)
@click.option(
    "--firm",
    envvar="SHAREMARKET_FIRM",
    metavar="CODE",
    help="The firm USER acts for, by credit code (or $SHAREMARKET_FIRM).",
)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines for scripts, not tables.")
@click.version_option(package_name="sharemarket")
@click.pass_context
def cli(ctx: click.Context, /, as_json: bool, **options: str | None) -> None:
    """Look at a sharemarket park and run its maintenance: members, balances, statements, the
    slices' lists, the sharing report, the views and the audit trail, and timesheet imports."""
    session = Session.of(as_json=as_json, **options)
    ctx.obj = session
    ctx.call_on_close(session.close)


for module in (
    park,
    balances,
    labour,
    subcontracting,
    venues,
    funds,
    matching,
    report,
    clearing,
    views,
    audit,
    importing,
):
    for command in module.COMMANDS:
        cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script's entry point (``sharemarket``, ``python -m sharemarket``)."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="sharemarket")
    raise SystemExit(0)  # pragma: no cover - click's main always exits
