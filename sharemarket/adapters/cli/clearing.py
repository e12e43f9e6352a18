"""``clearing show RUN``: a clearing run's obligations, each firm's net position, the payments."""

from __future__ import annotations

from uuid import UUID

import click

from sharemarket.adapters.cli.output import Column
from sharemarket.adapters.cli.session import Session, pass_session

OBLIGATION_COLUMNS = (
    Column("slice", "slice"),
    Column("debtor", "debtor", fixed=True),
    Column("creditor", "creditor", fixed=True),
    Column("amount", "amount", figure=True),
    Column("label", "obligation"),
)
POSITION_COLUMNS = (
    Column("firm", "firm", fixed=True),
    Column("name", "name"),
    Column("position", "net position", figure=True),
    Column("accepted", "accepted"),
)
PAYMENT_COLUMNS = (
    Column("payer", "payer", fixed=True),
    Column("payee", "payee", fixed=True),
    Column("amount", "amount", figure=True),
    Column("owed", "still owed", figure=True),
)


@click.group()
def clearing() -> None:
    """Park clearing (清算): runs netting what firms owe each other."""


@clearing.command()
@click.argument("run", type=click.UUID)
@pass_session
def show(session: Session, run: UUID) -> None:
    """RUN's obligations, each firm's net position (positive: it receives), and the net
    payments with what is still owed on each, and what netting saves."""
    market = session.market()
    names = {m.firm: m.name for m in market.park.members()}
    s = market.clearing.statement(run)
    obligations = [
        {
            "slice": o.ref.slice,
            "debtor": o.debtor,
            "creditor": o.creditor,
            "amount": o.amount,
            "label": o.label,
        }
        for o in s.obligations
    ]
    positions = [
        {
            "firm": firm,
            "name": names.get(firm, ""),
            "position": position,
            "accepted": firm in s.accepted,
        }
        for firm, position in s.positions.items()
    ]
    payments = [
        {
            "payer": p.payer,
            "payee": p.payee,
            "amount": p.amount,
            "owed": s.owed[i] if i < len(s.owed) else None,  # known once the run is committed
        }
        for i, p in enumerate(s.payments)
    ]
    out = session.output
    summary = {
        "run": s.run_id,
        "as_of": s.as_of,
        "status": s.status,
        "gross": s.gross,
        "net": s.net,
    }
    if out.as_json:
        out.records((), [{"section": "run", **summary}])
        out.records((), ({"section": "obligation", **r} for r in obligations))
        out.records((), ({"section": "position", **r} for r in positions))
        out.records((), ({"section": "payment", **r} for r in payments))
        return
    out.record(
        (
            Column("run", "run"),
            Column("as_of", "as of"),
            Column("status", "status"),
            Column("gross", "obligations in all"),
            Column("net", "net payments in all"),
        ),
        summary,
        title="clearing run",
    )
    out.records(OBLIGATION_COLUMNS, obligations, title="obligations included")
    out.records(POSITION_COLUMNS, positions, title="net positions")
    out.records(PAYMENT_COLUMNS, payments, title="net payments")


COMMANDS = (clearing,)
