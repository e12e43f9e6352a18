"""``audit verify|export``: check the audit trail's hash chain, and export it, streamed."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from sharemarket.adapters.cli.params import DATE, FIRM
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.time import park_time

if TYPE_CHECKING:
    from sharemarket.application.projections.audit import AuditRow
    from sharemarket.application.projections.audit_verification import AuditVerification
    from sharemarket.park_views import ParkViews

#: Rows read per page of a filtered export (a page is all that is held in memory).
EXPORT_PAGE = 1000


@click.group()
def audit() -> None:
    """The audit trail: verify its chain, export it."""


@audit.command()
@click.option("--deep", is_flag=True, help="Check the search indexes against each row too.")
@click.option(
    "--against-market",
    is_flag=True,
    help="Make every row again from the market's events (--store) and compare.",
)
@click.option("--checkpoint", metavar="TEXT", help="The trail must still extend this checkpoint.")
@pass_session
def verify(session: Session, deep: bool, against_market: bool, checkpoint: str | None) -> None:
    """Verify the trail's hash chain; exit status 1 and the first broken position if broken."""
    views = session.views()
    result: AuditVerification
    if against_market:
        result = views.verify_against(session.market())
    else:
        result = views.verify(deep=deep, checkpoint=checkpoint)
    record = {
        "ok": result.ok,
        "rows_checked": result.rows_checked,
        "first_bad_position": result.first_bad_position,
        "problem": result.problem or None,
        "last_position": result.last_position,
    }
    out = session.output
    if out.as_json:
        out.record((), record)
    elif result.ok:
        out.line(f"ok: {result.rows_checked} rows verified, up to position {result.last_position}")
    else:
        out.line(
            f"broken at position {result.first_bad_position}: {result.problem} "
            f"({result.rows_checked} rows checked)"
        )
    if not result.ok:
        raise click.exceptions.Exit(1)


def _rows(
    views: ParkViews, firm: FirmId | None, first_day: date | None, last_day: date | None
) -> Iterator[AuditRow]:
    """The rows the filters keep, page by page, oldest first."""
    since = None if first_day is None else park_time(first_day, 0)
    until = None if last_day is None else park_time(last_day + timedelta(days=1), 0)
    after = None
    while True:
        page = views.audit_rows(firm=firm, since=since, until=until, after=after, limit=EXPORT_PAGE)
        yield from page.rows
        if page.next_after is None:
            return
        after = page.next_after


def _json_lines(rows: Iterator[AuditRow]) -> Iterator[bytes]:
    """A filtered export's lines: the whole export's members (content as a JSON object)."""
    for row in rows:
        record = {**row.as_dict(), "content": json.loads(row.content)}
        yield json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


@audit.command(name="export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl"]), required=True, help="CSV or JSON Lines."
)
@click.option("--firm", "firm", type=FIRM, help="Only the rows naming this firm.")
@click.option("--from", "first_day", type=DATE, help="Only rows recorded from this business date.")
@click.option("--to", "last_day", type=DATE, help="Only rows recorded up to this business date.")
@click.option(
    "--output",
    "-o",
    default="-",
    metavar="FILE",
    help="Write to FILE (default: standard output).",
)
@pass_session
def export(
    session: Session,
    fmt: str,
    firm: FirmId | None,
    first_day: date | None,
    last_day: date | None,
    output: str,
) -> None:
    """Export the trail as CSV or JSON Lines, streamed row by row (docs/audit-trail.md gives
    the format). The whole trail can be verified on its own; a filtered one (--firm, --from,
    --to) holds the same columns, but only a whole export's hash chain can be verified."""
    views = session.views()
    whole = firm is None and first_day is None and last_day is None
    if fmt == "csv":
        with _open_text(output) as out:
            if whole:
                count = views.export_csv(out)
            else:
                from sharemarket.adapters.export import write_csv  # imports the projections

                count = write_csv(_rows(views, firm, first_day, last_day), out)
    else:
        with _open_binary(output) as binary:
            if whole:
                count = views.export_json_lines(binary)
            else:
                count = 0
                for line in _json_lines(_rows(views, firm, first_day, last_day)):
                    binary.write(line)
                    count += 1
    session.output.note(f"exported {count} rows")


@contextlib.contextmanager
def _open_text(target: str) -> Iterator[IO[str]]:
    """A text stream for CSV (no newline translation): FILE, or stdout for "-"."""
    if target == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with Path(target).open("w", encoding="utf-8", newline="") as file:
        yield file


@contextlib.contextmanager
def _open_binary(target: str) -> Iterator[IO[bytes]]:
    """A binary stream for JSON Lines: FILE, or stdout's bytes for "-"."""
    if target == "-":
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with Path(target).open("wb") as file:
        yield file


COMMANDS = (audit,)
