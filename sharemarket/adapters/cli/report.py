"""``report --month YYYY-MM``: the park's sharing report of a month.

The report is read in one place (:func:`sharing_report`) and shown by :func:`show_report`, so
that a page of it (a ``--html PATH`` option) takes the same report, and moving where it is
computed (to the views, say) changes one line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sharemarket.adapters.cli.output import Column, Output
from sharemarket.adapters.cli.params import MONTH
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.domain.firm_id import FirmId

if TYPE_CHECKING:
    from sharemarket.application.matching.report import Shared, SharingReport

NEED_COLUMNS = (
    Column("kind", "needs of kind"),
    Column("posted", "posted", figure=True),
    Column("matched", "matched", figure=True),
    Column("fulfilled", "fulfilled", figure=True),
    Column("open", "open at the end", figure=True),
)
#: Per firm, what it gave and received through every deal of the period (the matched deals
#: are in the JSON lines, ``given_through_matches`` / ``received_through_matches``).
FIRM_COLUMNS = (
    Column("firm", "firm", fixed=True),
    Column("name", "name"),
    Column("labour_given", "labour given", figure=True),
    Column("labour_received", "labour received", figure=True),
    Column("pieces_made", "pieces made", figure=True),
    Column("pieces_ordered", "pieces ordered", figure=True),
    Column("venue_given", "venue given", figure=True),
    Column("venue_used", "venue used", figure=True),
    Column("lent", "lent", figure=True),
    Column("borrowed", "borrowed", figure=True),
    Column("guaranteed", "guaranteed", figure=True),
)


def sharing_report(session: Session, first_day: date, last_day: date) -> SharingReport:
    """The sharing report of ``first_day`` to ``last_day``, both counted: from the views when
    ``--views`` names them (caught up first: a period's rows, whatever the history's length),
    else made from the market's log (its cost grows with the history)."""
    market = session.market()
    if session.views_at:
        views = session.views()
        views.catch_up(market)
        return views.sharing_report(first_day, last_day)
    return market.matching.sharing_report(first_day, last_day)


def measures(shared: Shared) -> dict[str, object]:
    """A firm's figures of one side, by measure, for the JSON lines."""
    return {
        "labour": shared.labour,
        "pieces": shared.pieces,
        "billed": shared.billed,
        "venue": shared.venue,
        "lent": shared.lent,
        "guarantees": shared.guarantees,
        "guaranteed": shared.guaranteed,
    }


def show_report(output: Output, report: SharingReport, names: dict[FirmId, str]) -> None:
    """Needs by kind, the median days to a match, and what each firm gave and received."""
    needs = [
        {
            "kind": k.kind,
            "posted": k.posted,
            "matched": k.matched,
            "fulfilled": k.fulfilled,
            "open": k.open,
        }
        for k in report.needs
    ]
    median = report.median_days_to_match
    if output.as_json:
        dates = {"first_day": report.first_day, "last_day": report.last_day}
        output.records((), [{"section": "period", **dates, "median_days_to_match": median}])
        output.records((), ({"section": "needs", **r} for r in needs))
        output.records(
            (),
            (
                {
                    "section": "firm",
                    "firm": f.firm,
                    "name": names.get(f.firm, ""),
                    "given": measures(f.given),
                    "received": measures(f.received),
                    "given_through_matches": measures(f.given_through_matches),
                    "received_through_matches": measures(f.received_through_matches),
                }
                for f in report.firms
            ),
        )
        return
    firms = [
        {
            "firm": f.firm,
            "name": names.get(f.firm, ""),
            "labour_given": f.given.labour,
            "labour_received": f.received.labour,
            "pieces_made": f.given.pieces,
            "pieces_ordered": f.received.pieces,
            "venue_given": f.given.venue,
            "venue_used": f.received.venue,
            "lent": f.given.lent,
            "borrowed": f.received.lent,
            "guaranteed": f.given.guaranteed,
        }
        for f in report.firms
    ]
    period = f"{report.first_day} to {report.last_day}"
    output.records(NEED_COLUMNS, needs, title=f"sharing report, {period}: needs")
    output.line(
        "median days from a need to its match: "
        + ("no match in the period" if median is None else f"{median:g}")
    )
    output.records(FIRM_COLUMNS, firms, title=f"sharing report, {period}: what each firm shared")


@click.command()
@click.option("--month", type=MONTH, required=True, help="The month, YYYY-MM.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the month's report page (tables and charts, one self-contained HTML file; "
    "needs --views and the report extra: pip install 'sharemarket[report]').",
)
@pass_session
def report(session: Session, month: tuple[date, date], html_path: Path | None) -> None:
    """The park's sharing report of --month: needs posted, matched, fulfilled and open by
    kind, the median days to a match, and what each firm gave and received (labour, pieces,
    venue time, money lent, guarantees). Read from --views when named (caught up first)."""
    market = session.market()
    names = {m.firm: m.name for m in market.park.members()}
    show_report(session.output, sharing_report(session, *month), names)
    if html_path is not None:
        write_page(session, html_path, *month)


def write_page(session: Session, path: Path, first_day: date, last_day: date) -> None:
    """The report page of the period, with the views caught up first (its balances table)."""
    try:
        from sharemarket.adapters.report_page import render_report_page
    except ImportError as missing:
        raise click.ClickException(str(missing)) from None
    market = session.market()
    views = session.views()
    views.catch_up(market)
    path.write_text(render_report_page(market, views, first_day, last_day), encoding="utf-8")
    session.output.note(f"report page written to {path}")


COMMANDS = (report,)
