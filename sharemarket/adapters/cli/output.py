"""How the command line prints: Rich tables for people, JSON Lines for scripts.

A command hands over records (dicts of the library's values: Money, Minutes, FirmId, dates,
ids, enums) and the columns to show. For people they become one Rich table (Rich measures each
character's cells, so Chinese names, two cells wide, line up); with ``--json`` each record is
one JSON object on a line of its own, in the same field names, with money as exact yuan text
("465.00"), durations as whole minutes, dates as ISO text and ids as their text.
"""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO
from uuid import UUID

import attrs

from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money
from sharemarket.domain.time import TimeSlot

if TYPE_CHECKING:  # Rich is imported when something is printed, not for --help
    from rich.console import Console

#: The width of a table written to a file or a pipe (a terminal's own width otherwise).
PIPE_WIDTH = 200

Record = Mapping[str, Any]


@attrs.frozen
class Column:
    """A field of the records, its heading, and whether it is a figure (right-aligned)."""

    key: str
    heading: str
    figure: bool = False
    fixed: bool = False  # never wrapped (ids, credit codes, dates): other columns give way


def console(file: TextIO | None = None, *, stderr: bool = False) -> Console:
    """A console on stdout (or stderr) that is as wide as the terminal, or PIPE_WIDTH."""
    from rich.console import Console

    probe = Console(file=file, stderr=stderr)
    width = None if probe.is_terminal or os.environ.get("COLUMNS") else PIPE_WIDTH
    return Console(file=file, stderr=stderr, width=width, highlight=False, soft_wrap=False)


def json_value(value: Any) -> Any:
    """A value as scripts read it: JSON's own types, exact and unit-free."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Money):
        return str(value.yuan)
    if isinstance(value, Minutes):
        return value.value
    if isinstance(value, FirmId | UUID | Decimal | TimeSlot):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(json_value(k)): json_value(v) for k, v in value.items()}
    if isinstance(value, Sequence | frozenset | set):
        return [json_value(v) for v in value]
    return str(value)


def text_value(value: Any) -> str:
    """A value as people read it: ¥1,234.56, 7h30, 2026-04-13, names as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, list | tuple | frozenset | set):
        return ", ".join(text_value(v) for v in value)
    return str(value)


class Output:
    """Where a command's results go: tables and lines on stdout, notes on stderr."""

    def __init__(self, *, as_json: bool, out: Console, err: Console) -> None:
        self.as_json = as_json
        self.out = out
        self.err = err

    def records(
        self, columns: Sequence[Column], records: Iterable[Record], *, title: str | None = None
    ) -> int:
        """Print the records (a table, or JSON Lines); return how many there were."""
        if self.as_json:
            count = 0
            for record in records:
                self.line(json.dumps(json_value(record), ensure_ascii=False))
                count += 1
            return count
        from rich.table import Table

        table = Table()
        for column in columns:
            table.add_column(
                column.heading,
                justify="right" if column.figure else "left",
                overflow="fold",
                no_wrap=column.fixed or column.figure,
            )
        count = 0
        for record in records:
            table.add_row(*(text_value(record.get(c.key)) for c in columns))
            count += 1
        if count == 0:
            self.note(f"{title or 'nothing'}: none")
        else:
            self._title(title)
            self.out.print(table)
        return count

    def record(
        self, columns: Sequence[Column], record: Record, *, title: str | None = None
    ) -> None:
        """One record: a two-column table of fields for people, one JSON object for scripts."""
        if self.as_json:
            self.line(json.dumps(json_value(record), ensure_ascii=False))
            return
        self._title(title)
        from rich.table import Table

        table = Table(show_header=False)
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for column in columns:
            table.add_row(column.heading, text_value(record.get(column.key)))
        self.out.print(table)

    def _title(self, title: str | None) -> None:
        if title:
            self.out.print(title, style="bold", markup=False, highlight=False)

    def line(self, text: str) -> None:
        """A line on stdout as it is (no markup, no wrapping)."""
        self.out.file.write(text + "\n")

    def note(self, text: str) -> None:
        """A remark for people, on stderr, never mixed into what scripts read."""
        self.err.print(text, markup=False, highlight=False)
