"""``funds loans|arrears|network`` and ``lpr add|list``: fund loans, their arrears, the
guarantee network, and the LPR table the 4 x LPR cap reads.

``funds network`` reads the network once (:func:`network_report`) and shows it
(:func:`show_network`): a drawing of it (a ``--dot PATH`` option) takes the same report.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sharemarket.adapters.cli.output import Column, Output
from sharemarket.adapters.cli.params import DATE, FIRM, RATE
from sharemarket.adapters.cli.requests import REQUEST_ID_OPTION, request_id
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.domain.firm_id import FirmId

if TYPE_CHECKING:
    from sharemarket.application.market import ShareMarket
    from sharemarket.domain.funds.network import NetworkReport

LOAN_COLUMNS = (
    Column("loan", "loan", fixed=True),
    Column("borrower", "borrower", fixed=True),
    Column("lender", "lender", fixed=True),
    Column("principal", "principal", figure=True),
    Column("annual_rate", "rate %", figure=True),
    Column("status", "status"),
    Column("outstanding", "outstanding", figure=True),
)
ARREARS_COLUMNS = (
    Column("loan", "loan", fixed=True),
    Column("borrower", "borrower", fixed=True),
    Column("lender", "lender", fixed=True),
    Column("days_overdue", "days overdue", figure=True),
    Column("bucket", "bucket"),
    Column("oldest_due_on", "oldest due", fixed=True),
    Column("principal", "principal", figure=True),
    Column("interest", "interest", figure=True),
    Column("penalty", "penalty", figure=True),
    Column("total", "total", figure=True),
)
POSITION_COLUMNS = (
    Column("firm", "guarantor", fixed=True),
    Column("name", "name"),
    Column("direct", "direct", figure=True),
    Column("through_chains", "through chains", figure=True),
    Column("in_cycle", "in a cycle"),
)
CYCLE_COLUMNS = (Column("cycle", "cycle"), Column("firms", "firms"))
GUARANTEE_COLUMNS = (
    Column("guarantor", "guarantor", fixed=True),
    Column("borrower", "borrower", fixed=True),
    Column("lender", "lender", fixed=True),
    Column("limit", "limit", figure=True),
    Column("loan", "loan", fixed=True),
    Column("external", "outside the park"),
)


@click.group()
def funds() -> None:
    """Fund loans (资金池 / 拆借 / 互相担保): loans, arrears, the guarantee network."""


@funds.command()
@click.option("--of", "firm", type=FIRM, help="Only the loans this firm borrows or lends.")
@pass_session
def loans(session: Session, firm: FirmId | None) -> None:
    """Every loan applied for, oldest first, with its status and what is outstanding."""
    service = session.market().funds
    session.output.records(
        LOAN_COLUMNS,
        (
            {
                "loan": s.loan_id,
                "borrower": s.borrower,
                "lender": s.lender,
                "principal": s.terms.principal,
                "annual_rate": s.terms.annual_rate,
                "status": s.status,
                "outstanding": s.outstanding,
            }
            for loan_id in service.loans(firm)
            for s in [service.loan(loan_id)]
        ),
        title="loans",
    )


@funds.command()
@click.option("--as-of", type=DATE, required=True, help="Overdue on this business date.")
@click.option("--all", "show_all", is_flag=True, help="Every loan, those with nothing overdue too.")
@pass_session
def arrears(session: Session, as_of: date, show_all: bool) -> None:
    """The loans with something overdue on --as-of: days, bucket, amounts by component."""
    service = session.market().funds

    def rows() -> Iterator[dict[str, Any]]:
        for loan_id in service.loans():
            due = service.arrears(loan_id, as_of)
            if not (show_all or due.total):
                continue
            loan = service.loan(loan_id)
            yield {
                "loan": loan_id,
                "borrower": loan.borrower,
                "lender": loan.lender,
                "days_overdue": due.days_overdue,
                "bucket": due.bucket,
                "oldest_due_on": due.oldest_due_on,
                "principal": due.principal,
                "interest": due.interest,
                "penalty": due.penalty,
                "total": due.total,
            }

    session.output.records(ARREARS_COLUMNS, rows(), title=f"arrears as of {as_of}")


def network_report(market: ShareMarket) -> NetworkReport:
    """The guarantee network as ``funds network`` shows it (and a drawing would draw it)."""
    return market.funds.guarantee_network()


def show_network(output: Output, report: NetworkReport, names: dict[FirmId, str]) -> None:
    """Each guarantor's exposure, most exposed first, the guarantees in force (the network's
    edges: guarantor to borrower), then each cycle of the network."""
    cycled = {firm for cycle in report.cycles for firm in cycle}
    positions = sorted(
        report.positions, key=lambda p: (-(p.direct + p.through_chains).fen, p.firm.code)
    )
    position_rows = [
        {
            "firm": p.firm,
            "name": names.get(p.firm, ""),
            "direct": p.direct,
            "through_chains": p.through_chains,
            "in_cycle": p.firm in cycled,
        }
        for p in positions
    ]
    guarantee_rows = [
        {
            "guarantor": g.guarantor,
            "borrower": g.borrower,
            "lender": g.lender,
            "limit": g.limit,
            "loan": g.loan,
            "external": g.external,
        }
        for g in report.guarantees
    ]
    cycle_rows = [{"cycle": i, "firms": cycle} for i, cycle in enumerate(report.cycles, 1)]
    if output.as_json:
        output.records((), ({"section": "position", **r} for r in position_rows))
        output.records((), ({"section": "guarantee", **r} for r in guarantee_rows))
        output.records((), ({"section": "cycle", **r} for r in cycle_rows))
        return
    output.records(POSITION_COLUMNS, position_rows, title="guarantors' exposure")
    output.records(GUARANTEE_COLUMNS, guarantee_rows, title="guarantees in force")
    output.records(CYCLE_COLUMNS, cycle_rows, title="guarantee cycles")


@funds.command()
@click.option(
    "--dot",
    "dot_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the network as Graphviz DOT (cycles and the most exposed firms marked).",
)
@pass_session
def network(session: Session, dot_path: Path | None) -> None:
    """The guarantee network: each guarantor's exposure (direct and through chains), cycles."""
    market = session.market()
    names = {m.firm: m.name for m in market.park.members()}
    report = network_report(market)
    show_network(session.output, report, names)
    if dot_path is not None:
        from sharemarket.adapters.network_dot import network_dot  # imports the report page's

        by_code = {firm.code: name for firm, name in names.items()}
        dot_path.write_text(network_dot(report, by_code), encoding="utf-8")
        session.output.note(f"guarantee network written to {dot_path} (Graphviz DOT)")


@click.group()
def lpr() -> None:
    """The one-year LPR table (the 4 x LPR cap on interest reads it)."""


@lpr.command(name="add")
@click.argument("effective_from", type=DATE, metavar="DATE")
@click.argument("rate", type=RATE)
@REQUEST_ID_OPTION
@pass_session
def add_lpr(
    session: Session, effective_from: date, rate: Decimal, given_request_id: str | None
) -> None:
    """Append the one-year LPR RATE (percent) published on DATE (an administrator; --as)."""
    rid = request_id(given_request_id, "lpr", effective_from, rate)
    session.market().funds.record_lpr(
        session.actor(), request_id=rid, effective_from=effective_from, rate=rate
    )
    session.output.note(f"LPR {rate} % from {effective_from} recorded")


@lpr.command(name="list")
@pass_session
def list_lpr(session: Session) -> None:
    """Every one-year LPR figure known, in date order, with the 4 x LPR cap."""
    session.output.records(
        (
            Column("effective_from", "from", fixed=True),
            Column("rate", "LPR %", figure=True),
            Column("cap", "cap %", figure=True),
        ),
        (
            {"effective_from": f.effective_from, "rate": f.rate, "cap": f.cap}
            for f in session.market().funds.lpr_figures()
        ),
        title="one-year LPR",
    )


COMMANDS = (funds, lpr)
