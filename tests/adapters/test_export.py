"""Exports of the audit trail: CSV and JSON Lines, streamed in constant memory."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import Tracking

from sharemarket import ShareMarket
from sharemarket.adapters.export import CSV_COLUMNS
from sharemarket.application.projections.audit import AuditRecord
from sharemarket.application.projections.views import AuditBatch
from sharemarket.park_views import ParkViews
from tests.park_scene import LENDER, REPS, agreement, dehua_month


@pytest.fixture
def views(tmp_path: Path) -> Iterator[ParkViews]:
    with ShareMarket.in_memory() as market, ParkViews.sqlite(tmp_path / "v") as v:
        dehua_month(market)
        # A reason with a comma and quotes: CSV must keep it in one field. (A line break never
        # reaches the trail: free text is one line, see domain/text.py.)
        market.labour.close_agreement(
            REPS[LENDER],
            request_id="close",
            agreement=agreement(market, "late"),
            reason='season over, "done"; bye',
        )
        v.catch_up(market)
        yield v


def test_csv_has_a_header_and_one_line_per_row(views, tmp_path):
    assert 29 == views.export_csv(tmp_path / "trail.csv")

    with (tmp_path / "trail.csv").open(encoding="utf-8", newline="") as f:
        lines = list(csv.DictReader(f))
    rows = list(views.all_audit_rows())
    assert list(CSV_COLUMNS) == list(lines[0])
    assert [str(r.position) for r in rows] == [line["position"] for line in lines]
    for row, line in zip(rows, lines, strict=True):
        expected = {k: str(v) for k, v in row.as_dict().items()}
        expected["firms"] = " ".join(f.code for f in row.firms)
        assert expected == line
        assert json.loads(line["content"])
    closed = lines[-1]
    assert closed["summary"].endswith(
        f'closed agreement {closed["aggregate_id"][:8]}: season over, "done"; bye'
    )


def test_json_lines_are_one_json_object_per_row(views, tmp_path):
    out = io.BytesIO()
    assert 29 == views.export_json_lines(out)
    assert 29 == views.export_json_lines(tmp_path / "trail.jsonl")

    assert out.getvalue() == (tmp_path / "trail.jsonl").read_bytes()
    lines = out.getvalue().decode("utf-8").splitlines()
    for row, line in zip(views.all_audit_rows(), lines, strict=True):
        expected: dict[str, Any] = row.as_dict()
        expected["content"] = json.loads(row.content)
        assert expected == json.loads(line)


def fill(views: ParkViews, count: int) -> int:
    """``count`` rows copied from the first one (export does not check the chain)."""
    template = next(views.audit.chain())
    header_and_content = template[1].split(b"\n", 1)[1]
    views.audit.clear()
    after, size = None, 0
    for start in range(1, count + 1, 5_000):
        batch = AuditBatch()
        for position in range(start, min(start + 5_000, count + 1)):
            entry = b"%d\n" % position + header_and_content
            size += len(entry)
            batch.add(AuditRecord(position, 0, 0, ("91350100M000100Y43",), entry, b"h" * 32))
        views.audit.write_audit(batch, Tracking("ShareMarket", position), after)
        after = position
    return size


class Sink(io.RawIOBase):
    """Counts what is written and keeps nothing."""

    def __init__(self) -> None:
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.written += len(data)
        return len(data)


def peak_bytes(export: Any) -> int:
    tracemalloc.start()
    try:
        export()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_exports_stream_in_constant_memory(views):
    """Exporting 30,000 rows (about 15 MB) holds one page of rows, never the trail."""
    size = fill(views, 30_000)
    assert size > 12_000_000

    jsonl, text = Sink(), io.TextIOWrapper(Sink(), encoding="utf-8", newline="")
    assert peak_bytes(lambda: views.export_json_lines(jsonl)) < 5_000_000
    assert peak_bytes(lambda: views.export_csv(text)) < 5_000_000
    assert jsonl.written > size
