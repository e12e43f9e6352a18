"""views catch-up|rebuild|follow with progress, audit verify (and a broken trail), exports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from sharemarket import business_date
from sharemarket.park_views import ParkViews
from tests.adapters.cli.conftest import Run, StoredMarket, json_lines

ROOT = Path(__file__).resolve().parents[3]
TONGXIN = "91350526MA2YB7LX39"


def test_catch_up_shows_plain_progress_lines_when_not_a_terminal(
    run: Run, stored: StoredMarket
) -> None:
    """Written to a pipe, the progress is plain lines on stderr ending with every event done;
    stdout says where the views stand."""
    result = run("views", "catch-up", env=stored.env())
    assert 0 == result.exit_code, result.output
    last = result.stderr.splitlines()[-1]
    assert last.startswith("catch-up: 834/834 positions (100%), ")
    assert last.endswith(" positions/s")
    assert "caught up: the views hold the market's events up to 834\n" == result.stdout
    again = run("--json", "views", "catch-up", env=stored.env())
    assert [{"position": 834}] == json_lines(again.stdout)
    with ParkViews.sqlite(stored.views) as views:
        assert 834 == views.position()


def test_rebuild_and_follow(run: Run, stored: StoredMarket) -> None:
    env = stored.env()
    rebuilt = run("views", "rebuild", env=env)
    assert 0 == rebuilt.exit_code, rebuilt.output
    assert rebuilt.stderr.splitlines()[-1].startswith("rebuild: 834/834 positions")
    followed = run("views", "follow", "--for", "0.2", "--interval", "0.05", env=env)
    assert 0 == followed.exit_code
    assert "stopped following: the views hold the market's events up to 834\n" == followed.stdout
    with_audit = run("views", "rebuild", "--audit", env=env)
    assert 0 == with_audit.exit_code
    assert 0 == run("audit", "verify", "--against-market", env=env).exit_code


def test_audit_verify_finds_the_first_broken_position(run: Run, stored: StoredMarket) -> None:
    """An intact trail verifies (status 0); a row edited in the database is reported at its
    position with status 1, as one line or one JSON object."""
    env = stored.env()
    assert 0 == run("views", "catch-up", env=env).exit_code
    ok = run("audit", "verify", env=env)
    assert (0, "ok: 834 rows verified, up to position 834\n") == (ok.exit_code, ok.stdout)
    with ParkViews.sqlite(stored.views) as views:
        checkpoint = str(views.audit_checkpoint())
    assert 0 == run("audit", "verify", "--deep", "--checkpoint", checkpoint, env=env).exit_code
    other = checkpoint[: -len("0" * 64)] + "0" * 64
    assert 1 == run("audit", "verify", "--checkpoint", other, env=env).exit_code
    with sqlite3.connect(stored.views / "audit.sqlite") as db:
        table = db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE '%entry%'"
        ).fetchone()[0]
        db.execute(f"UPDATE {table} SET entry = CAST(replace(CAST(entry AS TEXT), "
                   "'德化县同鑫', '德化县同心') AS BLOB) WHERE position = 5")  # fmt: skip
    broken = run("audit", "verify", env=env)
    assert 1 == broken.exit_code
    assert broken.stdout.startswith("broken at position 5: ")
    shown = json_lines(run("--json", "audit", "verify", env=env).stdout)
    assert [(False, 5)] == [(s["ok"], s["first_bad_position"]) for s in shown]


def test_a_whole_jsonl_export_verifies_with_the_standard_library(
    run: Run, stored: StoredMarket, tmp_path: Path
) -> None:
    """The export streamed to a file is the trail: examples/verify_trail.py verifies it."""
    env = stored.env()
    run("views", "catch-up", env=env)
    target = tmp_path / "trail.jsonl"
    result = run("audit", "export", "--format", "jsonl", "-o", str(target), env=env)
    assert (0, "exported 834 rows\n") == (result.exit_code, result.stderr)
    checked = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "verify_trail.py"), str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == checked.returncode, checked.stdout + checked.stderr
    to_stdout = run("audit", "export", "--format", "jsonl", env=env)
    assert target.read_text("utf-8") == to_stdout.stdout


def test_filtered_exports_hold_the_rows_naming_the_firm_in_the_period(
    run: Run, stored: StoredMarket
) -> None:
    """--firm and --from/--to keep the rows the views' own query keeps, with the whole
    export's columns (CSV) and members (JSON Lines)."""
    env = stored.env()
    run("views", "catch-up", env=env)
    with ParkViews.sqlite(stored.views) as views:
        rows = views.audit_rows(firm=TONGXIN, limit=1000).rows
        day = business_date(rows[0].recorded_at)
    assert rows
    csv_out = run("audit", "export", "--format", "csv", "--firm", TONGXIN, env=env).stdout
    table = list(csv.DictReader(io.StringIO(csv_out)))
    assert [r.position for r in rows] == [int(r["position"]) for r in table]
    jsonl = json_lines(
        run("audit", "export", "--format", "jsonl", "--firm", TONGXIN, env=env).stdout
    )
    whole = json_lines(run("audit", "export", "--format", "jsonl", env=env).stdout)
    by_position = {line["position"]: line for line in whole}
    assert [by_position[r.position] for r in rows] == jsonl
    none = run("audit", "export", "--format", "csv", "--from", "1999-01-01", "--to",
               "1999-12-31", env=env)  # fmt: skip
    assert ["position,recorded_at,aggregate_kind,aggregate_id,version,event_type,user,firms,"
            "summary,content,hash"] == none.stdout.splitlines()  # fmt: skip
    assert "exported 0 rows" in none.stderr
    dated = run("audit", "export", "--format", "csv", "--from", f"{day}", "--to", f"{day}",
                env=env)  # fmt: skip
    assert 1 < len(dated.stdout.splitlines())
    json.dumps(jsonl)  # plain JSON values throughout
