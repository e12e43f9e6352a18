"""The report page's tables: cells that are figures, and a table of rows (or "nothing")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from sharemarket.domain.duration import Minutes


class Cell(str):
    """A table cell that is a figure: right-aligned."""


def num(value: object) -> Cell:
    return Cell(str(value))


def table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, classes: Sequence[str] = ()
) -> str:
    body = []
    for n, row in enumerate(rows):
        cells = "".join(
            f'<td class="num">{escape(c)}</td>'
            if isinstance(c, Cell)
            else f"<td>{escape(str(c))}</td>"
            for c in row
        )
        css = f' class="{escape(classes[n])}"' if n < len(classes) and classes[n] else ""
        body.append(f"<tr{css}>{cells}</tr>")
    if not body:
        return '<p class="empty">nothing in this period 本期无记录</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def hours(minutes: Minutes) -> Cell:
    return num(minutes)
