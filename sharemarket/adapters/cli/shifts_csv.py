"""An attendance system's export of shifts, read from CSV: its columns, its rows, its digest.

The file is UTF-8 (a byte-order mark, as spreadsheets write, is allowed), comma-separated,
with a first line naming the columns, in any order:

- ``agreement``: the labour agreement's id (a UUID, as the market returned it);
- ``worker``: the lending firm's worker reference (an opaque id, never a name);
- ``work_date``: the business date, YYYY-MM-DD;
- ``minutes``: the time worked, overtime included: whole minutes ("450") or "7h30", "8h";
- ``overtime`` (may be left out or empty): the part of it that is overtime, the same forms;
- ``day_type`` (may be left out or empty: a workday): workday, rest_day or statutory_holiday.

Rows are numbered as a spreadsheet shows them: the column names are row 1, the first shift
row 2. A row that cannot be read is refused here (``invalid_input``); whether a row that reads
may be recorded is the market's to say.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from pathlib import Path
from uuid import UUID

import attrs

from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput

COLUMNS = ("agreement", "worker", "work_date", "minutes", "overtime", "day_type")
REQUIRED = ("agreement", "worker", "work_date", "minutes")


@attrs.frozen
class ShiftRow:
    """A row that reads: the arguments of ``market.labour.record_shift``."""

    row: int
    agreement: UUID
    worker: str
    work_date: date
    minutes: Minutes
    overtime: Minutes | None
    day_type: str | None


@attrs.frozen
class RowRefused:
    """A row that cannot be recorded: its number, the error's code and message."""

    row: int
    code: str
    message: str


@attrs.frozen
class ShiftsFile:
    """The rows of one file, and the digest of its bytes that its request ids derive from."""

    name: str
    digest: str
    rows: tuple[ShiftRow | RowRefused, ...]

    def request_id(self, row: int) -> str:
        """The request id of a row: the same file read again gives the same ids, so running
        it twice records nothing new; a file changed in any byte is a new file."""
        return f"csv-{self.digest[:32]}-{row}"


def read_shifts(path: Path) -> ShiftsFile:
    """Read ``path``; a file without the required columns, or not UTF-8, is refused whole."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{path}: not UTF-8 (byte {exc.start}); export the file as UTF-8 CSV"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        raise InvalidInput(
            f"{path}: the first line names the columns {', '.join(COLUMNS)} (the last two may "
            f"be left out); "
            + "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unknown {', '.join(unknown)}" if unknown else "",
                    "a column named twice" if len(set(header)) != len(header) else "",
                )
                if part
            )
        )
    rows: list[ShiftRow | RowRefused] = []
    for number, fields in enumerate(reader, start=2):
        if not any(f.strip() for f in fields):
            continue  # a blank line, as spreadsheets leave at the end
        rows.append(_row(number, dict(zip(header, fields, strict=False)), len(fields), header))
    return ShiftsFile(path.name, hashlib.sha256(data).hexdigest(), tuple(rows))


def _row(
    number: int, values: dict[str, str], width: int, header: list[str]
) -> ShiftRow | RowRefused:
    if width != len(header):
        return RowRefused(
            number, InvalidInput.code, f"{width} fields where the first line names {len(header)}"
        )
    try:
        return ShiftRow(
            row=number,
            agreement=_uuid(values["agreement"]),
            worker=values["worker"].strip(),
            work_date=_date(values["work_date"]),
            minutes=_minutes(values["minutes"], "minutes"),
            overtime=_minutes(values["overtime"], "overtime") if values.get("overtime") else None,
            day_type=values.get("day_type", "").strip() or None,
        )
    except InvalidInput as error:
        return RowRefused(number, error.code, str(error))


def _uuid(text: str) -> UUID:
    try:
        return UUID(text.strip())
    except ValueError:
        raise InvalidInput(f"agreement {text!r} is not an agreement's id (a UUID)") from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"work_date {text!r} is not a date; write YYYY-MM-DD") from None


def _minutes(text: str, column: str) -> Minutes:
    try:
        return Minutes.parse(text.strip())
    except InvalidInput as error:
        raise InvalidInput(f"{column}: {error}") from None
