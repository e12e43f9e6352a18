"""Exports of the audit trail, streamed row by row: CSV for spreadsheets, JSON Lines for tools.

Both write each row as it comes from the view's page-by-page iterator, so an export of a million
rows holds one page in memory, never the trail.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from sharemarket.application.projections.audit import AuditRow

CSV_COLUMNS = (
    "position",
    "recorded_at",
    "aggregate_kind",
    "aggregate_id",
    "version",
    "event_type",
    "user",
    "firms",
    "summary",
    "content",
    "hash",
)


def write_csv(rows: Iterable[AuditRow], out: IO[str]) -> int:
    """Write a header line and one line per row; firms are separated by spaces."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(
            (
                row.position,
                row.recorded_at.isoformat(),
                row.aggregate_kind,
                row.aggregate_id,
                row.version,
                row.event_type,
                row.user,
                " ".join(f.code for f in row.firms),
                row.summary,
                row.content,
                row.hash,
            )
        )
        count += 1
    return count


def write_json_lines(lines: Iterable[bytes], out: IO[bytes]) -> int:
    """Write already-encoded JSON lines (each ends with a newline) to a binary stream."""
    count = 0
    for line in lines:
        out.write(line)
        count += 1
    return count
