"""``report --month YYYY-MM``: the park's sharing report of a month.

The report is read in one place (:func:`sharing_report`) and shown by :func:`show_report`, so
that a page of it (a ``--html PATH`` option) takes the same report, and moving where it is
computed (to the views, say) changes one line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sharemarket.adapters.cli.output import Column, Output
from sharemarket.adapters.cli.params import MONTH
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.application.market import ShareMarket
from sharemarket.application.matching.report import SharingReport
from sharemarket.domain.firm_id import FirmId

NEED_COLUMNS = (
    Column("kind", "needs of kind"),
    Column("posted", "posted", figure=True),
    Column("matched", "matched", figure=True),
    Column("fulfilled", "fulfilled", figure=True),
    Column("open", "open at the end", figure=True),
)
FIRM_COLUMNS = (
    Column("firm", "firm", fixed=True),
    Column("name", "name"),
    Column("labour_given", "labour given", figure=True),
    Column("labour_received", "labour received", figure=True),
)


def sharing_report(market: ShareMarket, first_day: date, last_day: date) -> SharingReport:
    """The sharing report of ``first_day`` to ``last_day``, both counted."""
    return market.matching.sharing_report(first_day, last_day)


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
    firms = [
        {
            "firm": f.firm,
            "name": names.get(f.firm, ""),
            "labour_given": f.labour_given,
            "labour_received": f.labour_received,
        }
        for f in report.firms
    ]
    median = report.median_days_to_match
    if output.as_json:
        dates = {"first_day": report.first_day, "last_day": report.last_day}
        output.records((), [{"section": "period", **dates, "median_days_to_match": median}])
        output.records((), ({"section": "needs", **r} for r in needs))
        output.records((), ({"section": "firm", **r} for r in firms))
        return
    period = f"{report.first_day} to {report.last_day}"
    output.records(NEED_COLUMNS, needs, title=f"sharing report, {period}: needs")
    output.line(
        "median days from a need to its match: "
        + ("no match in the period" if median is None else f"{median:g}")
    )
    output.records(FIRM_COLUMNS, firms, title=f"sharing report, {period}: labour by firm")


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
    kind, the median days to a match, and the labour each firm gave and received."""
    market = session.market()
    names = {m.firm: m.name for m in market.park.members()}
    show_report(session.output, sharing_report(market, *month), names)
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
