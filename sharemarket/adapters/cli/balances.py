"""``balances`` and ``statement FIRM``: what the views' journal holds of each firm.

Amounts are shown as positive numbers of the named thing, as the library's helpers read them:
hours a firm gave and received, money receivable by it and payable by it. Between two firms,
``net`` is in the named firm's favour: what it received less what it gave, money owed to it
less money it owes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from sharemarket.adapters.cli.output import Column
from sharemarket.adapters.cli.params import DATE, FIRM
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.application.projections.journal import AccountKind
from sharemarket.domain.firm_id import FirmId

if TYPE_CHECKING:
    from sharemarket.application.projections.balances import Lines

#: Kinds posted as negative amounts: shown turned round, as what was given or is payable.
_NEGATIVE = (AccountKind.GIVEN, AccountKind.PAYABLE)

BALANCE_COLUMNS = (
    Column("firm", "firm", fixed=True),
    Column("name", "name"),
    Column("asset", "asset"),
    Column("account", "account"),
    Column("amount", "amount", figure=True),
)
POSITION_COLUMNS = (
    Column("counterparty", "counterparty", fixed=True),
    Column("name", "name"),
    Column("asset", "asset"),
    Column("net", "net in the firm's favour", figure=True),
)


def balance_lines(firm: FirmId, name: str, lines: Lines) -> Iterator[dict[str, Any]]:
    for line in lines.lines:
        sign = -1 if line.kind in _NEGATIVE else 1
        yield {
            "firm": firm,
            "name": name,
            "asset": line.asset.code,
            "account": line.kind,
            "amount": line.asset.quantity(sign * line.amount),
        }


AS_OF = click.option(
    "--as-of", type=DATE, help="As of the end of this business date (default: all so far)."
)


@click.command()
@click.argument("firms", nargs=-1, type=FIRM, metavar="[FIRM]...")
@AS_OF
@pass_session
def balances(session: Session, firms: tuple[FirmId, ...], as_of: date | None) -> None:
    """Each member firm's balances (or those of the FIRMs named), from the views."""
    views = session.views_read()
    members = {m.firm: m.name for m in session.market().park.members()}
    chosen = firms or tuple(members)
    session.output.records(
        BALANCE_COLUMNS,
        (
            line
            for firm in chosen
            for line in balance_lines(
                firm, members.get(firm, ""), views.balances(firm, as_of=as_of)
            )
        ),
        title="balances" + (f" as of {as_of}" if as_of else ""),
    )


@click.command()
@click.argument("firm", type=FIRM)
@AS_OF
@pass_session
def statement(session: Session, firm: FirmId, as_of: date | None) -> None:
    """A firm's balances, then where it stands with each other member, from the views."""
    views = session.views_read()
    members = {m.firm: m.name for m in session.market().park.members()}
    name = session.market().park.member(firm).name
    out = session.output
    lines = list(balance_lines(firm, name, views.balances(firm, as_of=as_of)))
    positions = [
        {
            "counterparty": other,
            "name": other_name,
            "asset": line.asset.code,
            "net": line.asset.quantity(pair.amount(line.asset)),
        }
        for other, other_name in members.items()
        if other != firm
        for pair in [views.between(firm, other, as_of=as_of)]
        for line in _by_asset(pair)
    ]
    if out.as_json:
        out.records((), ({"section": "balance", **r} for r in lines))
        out.records((), ({"section": "position", "firm": firm, **r} for r in positions))
        return
    suffix = f" as of {as_of}" if as_of else ""
    out.records(BALANCE_COLUMNS, lines, title=f"{name} {firm}: balances{suffix}")
    out.records(POSITION_COLUMNS, positions, title=f"{name} {firm}: with each member{suffix}")


def _by_asset(pair: Lines) -> list[Any]:
    """One line per asset of the pair whose net is not zero."""
    seen: dict[str, Any] = {}
    for line in pair.lines:
        if pair.amount(line.asset):
            seen.setdefault(line.asset.code, line)
    return list(seen.values())


COMMANDS = (balances, statement)
