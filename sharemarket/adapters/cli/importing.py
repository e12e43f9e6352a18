"""``import shifts FILE.csv``: record an attendance system's shifts in one batch.

Every row is checked in one batch, against what the rows before it left (the working-time caps
count them). With ``--dry-run`` nothing is recorded and every refused row is reported; without
it the rows are recorded only if none is refused, and otherwise nothing is, and the refused rows
are reported to be fixed. Each row's request id derives from the file's bytes and the row, so
running the same file again records nothing new.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from sharemarket.adapters.cli.output import Column
from sharemarket.adapters.cli.session import Session, pass_session
from sharemarket.adapters.cli.shifts_csv import RowRefused, ShiftRow, ShiftsFile, read_shifts
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import ShareMarketError

if TYPE_CHECKING:
    from sharemarket.adapters.cli.progress import Bar
    from sharemarket.application.market import ShareMarket

REFUSED_COLUMNS = (
    Column("row", "row", figure=True),
    Column("code", "code"),
    Column("message", "message"),
)


class _Undo(Exception):
    """Raised inside the batch so that it records nothing (a dry run, or a refused row)."""


def check_and_record(
    market: ShareMarket, actor: Actor, shifts: ShiftsFile, *, dry_run: bool, bar: Bar
) -> list[RowRefused]:
    """Run every row in one batch; keep it only if it is not a dry run and none was refused."""
    refused = [r for r in shifts.rows if isinstance(r, RowRefused)]
    rows = [r for r in shifts.rows if isinstance(r, ShiftRow)]
    total = len(shifts.rows)
    bar(len(refused), total)
    try:
        with market.batch():
            for done, row in enumerate(rows, start=len(refused) + 1):
                try:
                    market.labour.record_shift(
                        actor,
                        request_id=shifts.request_id(row.row),
                        agreement=row.agreement,
                        worker=row.worker,
                        work_date=row.work_date,
                        minutes=row.minutes,
                        overtime=row.overtime,
                        **({} if row.day_type is None else {"day_type": row.day_type}),
                    )
                except ShareMarketError as error:
                    refused.append(RowRefused(row.row, error.code, " ".join(str(error).split())))
                bar(done, total)
            if dry_run or refused:
                raise _Undo
    except _Undo:
        pass
    return sorted(refused, key=lambda r: r.row)


@click.group(name="import")
def import_() -> None:
    """Import records from other systems."""


@import_.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row; record nothing.")
@pass_session
def shifts(session: Session, file: Path, dry_run: bool) -> None:
    """Record the shifts of FILE.csv (docs/cli.md gives its columns) as --as USER for
    --firm CODE, the borrowing firm's representative. Exit status 1 if a row is refused."""
    actor = session.actor()
    shifts_file = read_shifts(file)
    market = session.market()
    before = market.event_log.head()
    from sharemarket.adapters.cli.progress import Bar  # Rich's progress, for a command only

    with Bar(session.output.err, f"import {shifts_file.name}", unit="rows") as bar:
        refused = check_and_record(market, actor, shifts_file, dry_run=dry_run, bar=bar)
    events = market.event_log.count_after(before)
    out = session.output
    rows = len(shifts_file.rows)
    summary = {
        "file": shifts_file.name,
        "rows": rows,
        "refused": len(refused),
        "dry_run": dry_run,
        "events_recorded": events,
    }
    if out.as_json:
        out.records((), ({"row": r.row, "code": r.code, "message": r.message} for r in refused))
        out.record((), summary)
    else:
        if refused:
            out.records(REFUSED_COLUMNS, map(attrs_dict, refused), title="refused rows")
        out.line(_summary(rows, len(refused), events, dry_run))
    if refused:
        raise click.exceptions.Exit(1)


def attrs_dict(refused: RowRefused) -> dict[str, object]:
    return {"row": refused.row, "code": refused.code, "message": refused.message}


def _summary(rows: int, refused: int, events: int, dry_run: bool) -> str:
    if rows == 0:
        return "the file holds no rows: nothing to record"
    if dry_run:
        if refused:
            return f"dry run: {refused} of {rows} rows would be refused; nothing was recorded"
        return f"dry run: all {rows} rows would be recorded; nothing was recorded"
    if refused:
        return (
            f"{refused} of {rows} rows refused: nothing was recorded; fix those rows and run "
            "the file again"
        )
    if events == 0:
        return f"all {rows} rows were recorded by an earlier run: nothing new was recorded"
    return f"all {rows} rows recorded ({events} events)"


COMMANDS = (import_,)
