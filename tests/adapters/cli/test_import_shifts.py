"""import shifts FILE.csv: good rows recorded in one batch, bad rows reported (dry run or not)
with nothing recorded, the same file run again recording nothing new."""

from __future__ import annotations

from pathlib import Path

from sharemarket import ShiftStatus
from tests.adapters.cli.conftest import LabourMarket, Run, json_lines

HEADER = "agreement,worker,work_date,minutes,overtime,day_type\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def good_file(tmp_path: Path, market: LabourMarket) -> Path:
    a = market.agreement
    return write(tmp_path, "march.csv", HEADER + (
        f"{a},W-17,2026-03-02,8h,,workday\n"
        f"{a},W-18,2026-03-02,450,,\n"
        f"{a},W-17,2026-03-03,9h30,1h30,workday\n"
        "\n"  # a blank line, as spreadsheets leave
    ))  # fmt: skip


def test_good_rows_are_recorded_in_one_batch(
    run: Run, labour_market: LabourMarket, tmp_path: Path
) -> None:
    """Each row becomes a pending shift with its figures; the summary counts the events."""
    result = run("import", "shifts", str(good_file(tmp_path, labour_market)),
                 env=labour_market.env())  # fmt: skip
    assert 0 == result.exit_code, result.output
    assert result.stdout.startswith("all 3 rows recorded (")
    assert result.stderr.splitlines()[-1].startswith("import march.csv: 3/3 rows (100%)")
    with labour_market.open() as market:
        entries = market.labour.agreement(labour_market.agreement).shift_entries()
    assert [("W-17", 480, 0), ("W-18", 450, 0), ("W-17", 570, 90)] == [
        (e.shift.worker, e.shift.minutes.value, e.shift.overtime.value) for e in entries
    ]
    assert {ShiftStatus.PENDING} == {e.status for e in entries}


def test_the_same_file_again_records_nothing_new(
    run: Run, labour_market: LabourMarket, tmp_path: Path
) -> None:
    """Each row's request id derives from the file's bytes and the row: a re-run returns the
    first results and records no event."""
    path = good_file(tmp_path, labour_market)
    env = labour_market.env()
    assert 0 == run("import", "shifts", str(path), env=env).exit_code
    with labour_market.open() as market:
        head = market.event_log.head()
    again = run("import", "shifts", str(path), env=env)
    assert 0 == again.exit_code
    assert again.stdout.startswith("all 3 rows were recorded by an earlier run")
    with labour_market.open() as market:
        assert head == market.event_log.head()
        assert 3 == len(market.labour.agreement(labour_market.agreement).shift_entries())
    shown = json_lines(run("--json", "import", "shifts", str(path), env=env).stdout)
    assert [{"file": "march.csv", "rows": 3, "refused": 0, "dry_run": False,
             "events_recorded": 0}] == shown  # fmt: skip


def bad_file(tmp_path: Path, market: LabourMarket) -> Path:
    a = market.agreement
    return write(tmp_path, "bad.csv", HEADER + (
        f"{a},W-17,2026-03-02,8h,,workday\n"  # row 2: good
        f"{a},W-17,2026-03-32,8h,,\n"  # row 3: no such date
        f"{a},W-17,2026-03-04,eight,,\n"  # row 4: unreadable minutes
        "not-an-id,W-17,2026-03-04,8h,,\n"  # row 5: unreadable agreement
        f"{a},W-17,2026-03-04\n"  # row 6: fields missing
        f"{a},W-99,2026-03-04,8h,,\n"  # row 7: not lent under the agreement
        f"{a},W-18,2026-04-01,8h,,\n"  # row 8: after the agreement's period
        f"{a},W-17,2026-03-02,4h,,\n"  # row 9: 8h + 4h that day is over 11h
        f"{a},W-18,2026-03-05,8h,,sunday\n"  # row 10: no such day type
        f"{a},W-18,2026-03-05,8h,,rest_day\n"  # row 11: good
    ))  # fmt: skip


EXPECTED_REFUSED = [
    (3, "invalid_input"),
    (4, "invalid_input"),
    (5, "invalid_input"),
    (6, "invalid_input"),
    (7, "worker_not_on_agreement"),
    (8, "shift_outside_period"),
    (9, "daily_hours_limit"),
    (10, "invalid_input"),
]


def test_a_dry_run_reports_every_refused_row_and_records_nothing(
    run: Run, labour_market: LabourMarket, tmp_path: Path
) -> None:
    """Row numbers as a spreadsheet shows them, each with the error's code and message; a row
    is checked against the rows before it (row 9 adds to row 2's day)."""
    with labour_market.open() as market:
        head = market.event_log.head()
    env = labour_market.env()
    result = run("--json", "import", "shifts", str(bad_file(tmp_path, labour_market)),
                 "--dry-run", env=env)  # fmt: skip
    assert 1 == result.exit_code
    *refused, summary = json_lines(result.stdout)
    assert EXPECTED_REFUSED == [(r["row"], r["code"]) for r in refused]
    assert all(r["message"] and "\n" not in r["message"] for r in refused)
    assert "2026-03-32" in refused[0]["message"]
    assert {"rows": 10, "refused": 8, "dry_run": True, "events_recorded": 0}.items() <= (
        summary.items()
    )
    with labour_market.open() as market:
        assert head == market.event_log.head()
    table = run("import", "shifts", str(tmp_path / "bad.csv"), "--dry-run", env=env)
    assert "dry run: 8 of 10 rows would be refused; nothing was recorded" in table.stdout
    assert "worker_not_on_agreement" in table.stdout


def test_without_a_dry_run_a_refused_row_records_nothing(
    run: Run, labour_market: LabourMarket, tmp_path: Path
) -> None:
    """The good rows are not recorded either: the file is fixed and run again whole."""
    with labour_market.open() as market:
        head = market.event_log.head()
    result = run("import", "shifts", str(bad_file(tmp_path, labour_market)),
                 env=labour_market.env())  # fmt: skip
    assert 1 == result.exit_code
    assert "8 of 10 rows refused: nothing was recorded; fix those rows" in result.stdout
    with labour_market.open() as market:
        assert head == market.event_log.head()
        assert [] == market.labour.agreement(labour_market.agreement).shift_entries()


def test_a_file_without_its_columns_or_not_utf8_is_refused_whole(
    run: Run, labour_market: LabourMarket, tmp_path: Path
) -> None:
    env = labour_market.env()
    wrong = write(tmp_path, "wrong.csv", "agreement,worker,date,minutes,notes\n")
    result = run("import", "shifts", str(wrong), env=env)
    assert 1 == result.exit_code
    assert result.stderr.startswith("invalid_input: ")
    assert "missing work_date" in result.stderr
    assert "unknown date, notes" in result.stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes(HEADER.encode() + "x,W-17,2026-03-02,8h,,\u00e9\n".encode("latin-1"))
    assert run("import", "shifts", str(latin), env=env).stderr.startswith("invalid_input: ")
    assert 2 == run("import", "shifts", str(tmp_path / "missing.csv"), env=env).exit_code
    nobody = {**env, "SHAREMARKET_USER": ""}
    assert 2 == run("import", "shifts", str(wrong), env=nobody).exit_code


def test_a_byte_order_mark_and_columns_in_any_order_are_read(
    run: Run, labour_market: LabourMarket, tmp_path: Path
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "\ufeffwork_date,minutes,worker,agreement\n"
        f"2026-03-02,8h,W-17,{labour_market.agreement}\n".encode()
    )
    result = run("import", "shifts", str(path), env=labour_market.env())
    assert 0 == result.exit_code, result.output


def test_a_file_of_column_names_alone_records_nothing(
    run: Run, labour_market: LabourMarket, tmp_path: Path
) -> None:
    result = run("import", "shifts", str(write(tmp_path, "empty.csv", HEADER)),
                 env=labour_market.env())  # fmt: skip
    assert (0, "the file holds no rows: nothing to record\n") == (result.exit_code, result.stdout)
