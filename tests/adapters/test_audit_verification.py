"""The audit trail proves itself: against the market's events, beyond its position, to a checkpoint.

Each tampering is done as an intruder with write access to the views' database would do it: the
rows are read, changed, and every hash from the genesis value on computed again, so that the
chain alone still verifies. Run on SQLite and PostgreSQL views.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sharemarket import InvalidInput, ShareMarket
from sharemarket.application.projections.audit import GENESIS, AuditRecord
from sharemarket.application.projections.audit_entries import json_line
from sharemarket.application.projections.audit_market import compare, records_from_genesis
from sharemarket.application.projections.audit_projection import AuditProjection
from sharemarket.application.projections.audit_verification import verify_records
from sharemarket.park_views import (
    AuditCheckpoint,
    AuditTrailBroken,
    ParkViews,
    TrailDifference,
)
from tests.adapters.conftest import Schemas
from tests.park_scene import ADMIN, THIRD, agreement, dehua_month

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "verify_trail.py"
SPEC = ROOT / "docs" / "audit-trail.md"
Row = tuple[int, int, int, bytes, bytes]  # position, at_us, aggregate_key, entry, hash


def load_script() -> Any:
    """examples/verify_trail.py as a module (it imports nothing of sharemarket)."""
    spec = importlib.util.spec_from_file_location("verify_trail", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VERIFY_TRAIL = load_script()


def rechain(rows: list[Row]) -> list[Row]:
    """The rows with every hash computed again from the genesis value, as an intruder would."""
    previous, chained = GENESIS, []
    for position, at_us, key, entry, _ in rows:
        previous = hashlib.sha256(previous + entry).digest()
        chained.append((position, at_us, key, entry, previous))
    return chained


def at(position: int, entry: bytes) -> bytes:
    """An entry moved to another position (its first line changed)."""
    return b"%d\n%b" % (position, entry.split(b"\n", 1)[1])


class Trail:
    """The audit view's rows on one store, read and replaced behind the library's back."""

    def __init__(self, views: ParkViews, reopen: Callable[[], ParkViews], run: Any) -> None:
        self.views, self.reopen, self._run = views, reopen, run

    def rows(self) -> list[Row]:
        found = self._run(
            "SELECT position, at_us, aggregate_key, entry, hash FROM audit_trail ORDER BY position"
        )
        return [(p, t, k, bytes(e), bytes(h)) for p, t, k, e, h in found]

    def replace(self, rows: list[Row]) -> None:
        self._run("DELETE FROM audit_trail")
        for row in rows:
            self._run("INSERT INTO audit_trail VALUES ({0}, {0}, {0}, {0}, {0})", *row)

    def tamper(self, change: Callable[[list[Row]], list[Row]]) -> None:
        """Change the rows, then re-hash them all: the chain alone still verifies."""
        self.replace(rechain(change(self.rows())))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def trail(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Trail]:
    opened: list[ParkViews] = []
    if kind == "sqlite":
        folder = tmp_path / "views"

        def reopen() -> ParkViews:
            opened.append(ParkViews.sqlite(folder))
            return opened[-1]

        def run(sql: str, *params: Any) -> list[Any]:
            with sqlite3.connect(folder / "audit.sqlite") as db:
                return db.execute(sql.format("?"), params).fetchall()

    else:
        schemas: Schemas = request.getfixturevalue("schemas")
        schema = schemas.new()

        def reopen() -> ParkViews:
            opened.append(ParkViews.postgres(schemas.dsn, schema=schema))
            return opened[-1]

        def run(sql: str, *params: Any) -> list[Any]:
            return schemas.query(
                sql.replace("audit_trail", f"{schema}.audit_trail").format("%s"), *params
            )

    views = reopen()
    yield Trail(views, reopen, run)
    for views in opened:
        views.close()


@pytest.fixture
def market() -> Iterator[ShareMarket]:
    with ShareMarket.in_memory() as m:
        dehua_month(m)
        yield m


def more(market: ShareMarket, key: str) -> None:
    """One more agreement (a few events) recorded in the market."""
    agreement(market, key, borrower=THIRD)


# Against the market ------------------------------------------------------------------------------


def test_a_trail_made_from_the_market_matches_it_row_for_row(market, trail):
    """Every row up to the views' position is the one the market's event makes."""
    views = trail.views
    views.catch_up(market)
    result = views.verify_against(market)
    assert (True, None, 26, 26, views.verify().head_hash) == (
        result.ok,
        result.difference,
        result.rows_checked,
        result.last_position,
        result.head_hash,
    )


def edit_summary(position: int) -> Callable[[list[Row]], list[Row]]:
    def change(rows: list[Row]) -> list[Row]:
        return [
            (p, t, k, e.replace(b'"summary":"', b'"summary":"not ') if p == position else e, h)
            for p, t, k, e, h in rows
        ]

    return change


def delete(position: int) -> Callable[[list[Row]], list[Row]]:
    return lambda rows: [row for row in rows if row[0] != position]


def swap(first: int, second: int) -> Callable[[list[Row]], list[Row]]:
    """The two rows' events trade places (each entry written at the other's position)."""

    def change(rows: list[Row]) -> list[Row]:
        by = {row[0]: row for row in rows}
        a, b = by[first], by[second]
        by[first] = (first, b[1], b[2], at(first, b[3]), b[4])
        by[second] = (second, a[1], a[2], at(second, a[3]), a[4])
        return [by[p] for p in sorted(by)]

    return change


def append_forged(rows: list[Row]) -> list[Row]:
    last = rows[-1]
    return [*rows, (last[0] + 1, last[1], last[2], at(last[0] + 1, last[3]), last[4])]


@pytest.mark.parametrize(
    ("change", "position", "difference"),
    [
        (edit_summary(12), 12, TrailDifference.ENTRY_DIFFERS),
        (edit_summary(26), 26, TrailDifference.ENTRY_DIFFERS),
        (delete(20), 20, TrailDifference.MISSING_ROW),
        (delete(1), 1, TrailDifference.MISSING_ROW),
        (swap(7, 20), 7, TrailDifference.ENTRY_DIFFERS),
        (append_forged, 27, TrailDifference.EXTRA_ROW),
    ],
    ids=["edited", "last-edited", "deleted", "first-deleted", "swapped", "appended"],
)
def test_a_rewritten_trail_is_caught_against_the_market(
    market, trail, change, position, difference
):
    """An edit, a deletion, a swap re-hashed from genesis on pass the chain's own check; the
    market's events name the first position that differs and what differs there."""
    views = trail.views
    views.catch_up(market)
    trail.tamper(change)
    if difference is not TrailDifference.EXTRA_ROW:
        assert views.verify().ok  # the chain alone cannot tell

    result = views.verify_against(market)

    assert (False, position, difference) == (
        result.ok,
        result.first_bad_position,
        result.difference,
    )
    with pytest.raises(AuditTrailBroken, match=f"position {position}") as raised:
        result.raise_if_broken()
    assert position == raised.value.position


def test_the_first_difference_says_what_differs(market, trail):
    """A changed user is named as such; a changed hash alone, or a changed index, is told apart."""
    views = trail.views
    views.catch_up(market)
    rows = trail.rows()
    i = next(n for n, row in enumerate(rows) if b'"user":"rep-' in row[3])
    user_changed = (*rows[i][:3], rows[i][3].replace(b'"user":"rep-', b'"user":"REP-', 1))
    trail.replace(rechain([*rows[:i], (*user_changed, b""), *rows[i + 1 :]]))
    result = views.verify_against(market)
    assert (rows[i][0], "its entry's header differs from its event's in: user") == (
        result.first_bad_position,
        result.problem,
    )

    trail.replace([*rows[:-1], (*rows[-1][:4], bytes(32))])
    result = views.verify_against(market)
    assert (26, TrailDifference.HASH_DIFFERS) == (result.first_bad_position, result.difference)

    later = (rows[20][0], rows[20][1] + 1, *rows[20][2:])
    trail.replace([*rows[:20], later, *rows[21:]])
    result = views.verify_against(market)
    assert (21, TrailDifference.INDEX_DIFFERS) == (result.first_bad_position, result.difference)


# Rows beyond the position -------------------------------------------------------------------------


def test_a_row_appended_beyond_the_position_fails_verify_and_stops_the_catch_up(market, trail):
    """A forged row with a valid hash after the last processed position is named by verify();
    the next catch-up (by these views, or views opened afresh) raises AuditTrailBroken naming
    it and writes nothing; once it is removed, catching up goes on."""
    views = trail.views
    views.catch_up(market)
    rows = trail.rows()
    trail.tamper(lambda rows: append_forged(append_forged(rows)))

    result = views.verify()
    assert (False, 27) == (result.ok, result.first_bad_position)
    assert "2 row(s) stand beyond position 26" in result.problem
    assert "(positions 27, 28)" in result.problem

    more(market, "late")
    for catching_up in (views, trail.reopen()):
        with pytest.raises(AuditTrailBroken, match="position 27") as raised:
            catching_up.catch_up(market, batch_size=2)
        assert 27 == raised.value.position
        assert 26 == catching_up.position()

    trail.replace(rows)
    fresh = trail.reopen()
    assert market.event_log.head() == fresh.catch_up(market)
    assert fresh.verify().ok
    assert fresh.verify_against(market).ok


def test_views_opened_afresh_never_chain_onto_a_row_forged_further_ahead(market, trail):
    """A forged row at a position the next events do not reach yet: the catch-up refuses
    before making any row (chained to the forged one, they would all be wrong)."""
    views = trail.views
    views.catch_up(market)
    trail.tamper(lambda rows: [*rows, moved(rows[-1], 60)])
    more(market, "late")  # positions 27 and 28

    with pytest.raises(AuditTrailBroken, match="position 60"):
        trail.reopen().catch_up(market)

    assert ([26, 60], 26) == ([r[0] for r in trail.rows()][-2:], views.position())


def test_rows_a_catch_up_writes_during_verify_are_not_taken_for_forgeries(made):
    """verify() reads the position, then walks the rows: rows written meanwhile stand beyond the
    position it read, and are checked against the position read again."""
    rows = [(p, e, h) for p, _, _, e, h in stored(made)]
    tracked, now = made[-6].position, made[-1].position

    assert verify_records(rows, tracked=tracked, retrack=lambda: now).ok
    result = verify_records(rows, tracked=tracked, retrack=lambda: tracked)
    assert (False, made[-5].position) == (result.ok, result.first_bad_position)
    assert f"5 row(s) stand beyond position {tracked}" in result.problem


def test_a_catch_up_committed_between_two_reads_is_not_taken_for_a_forgery(market, trail):
    """The views' position and the trail's head are read as one moment saw them: a batch
    written between the two reads (the position read before it, the head after) is no row
    beyond the position."""
    trail.views.catch_up(market)
    fresh = trail.reopen()
    view = fresh.audit
    positions = iter([21, 26, 26])  # a batch moved the position from 21 to 26 after the 1st read
    read = view.max_tracking_id
    view.max_tracking_id = lambda name: next(positions, None) or read(name)  # type: ignore[method-assign]
    more(market, "late")

    assert market.event_log.head() == fresh.catch_up(market)
    assert fresh.verify_against(market).ok


@pytest.mark.parametrize("batch_size", [2, 2000])
def test_a_row_added_while_the_views_are_kept_current_stops_the_catch_up_clearly(
    market, trail, batch_size
):
    """Views that already know their position (following a market) meet the forged row when
    they write its position: AuditTrailBroken naming it, not a raw integrity error."""
    views = trail.views
    views.catch_up(market)
    trail.tamper(append_forged)
    for key in ("late", "later"):
        more(market, key)

    with pytest.raises(AuditTrailBroken, match="position 27") as raised:
        views.catch_up(market, batch_size=batch_size)

    assert (27, 26) == (raised.value.position, views.position())


def test_a_follower_stops_for_good_on_a_forged_row(market, trail):
    """A follower retries a store failure at its next poll, but a forged trail is no passing
    failure: it stops, keeps the AuditTrailBroken and raises it to whoever waits."""
    views = trail.views
    views.catch_up(market)
    trail.tamper(append_forged)
    more(market, "late")

    with views.follow(market, interval_s=0.01) as follower:
        with pytest.raises(AuditTrailBroken, match="position 27"):
            follower.wait(timeout_s=10)
        assert isinstance(follower.error, AuditTrailBroken)
        assert 26 == views.position()


# Checkpoints --------------------------------------------------------------------------------------


def test_a_checkpoint_is_still_extended_as_the_trail_grows(market, trail):
    views = trail.views
    views.catch_up(market)
    checkpoint = views.audit_checkpoint(market)
    assert AuditCheckpoint(26, views.verify().head_hash) == checkpoint
    assert checkpoint == AuditCheckpoint.parse(str(checkpoint))

    more(market, "late")
    views.catch_up(market)

    assert views.verify(checkpoint=checkpoint).ok
    assert views.verify(checkpoint=str(checkpoint), deep=True).ok


@pytest.mark.parametrize(
    ("change", "position"),
    [(edit_summary(12), 26), (edit_summary(26), 26), (delete(20), 26), (delete(26), 26)],
    ids=["edited-before", "edited-at", "deleted-before", "deleted-at"],
)
def test_a_trail_rewritten_before_its_checkpoint_no_longer_extends_it(
    market, trail, change, position
):
    """Re-hashed from genesis, the chain verifies; the checkpoint's row no longer has its hash."""
    views = trail.views
    views.catch_up(market)
    checkpoint = str(views.audit_checkpoint())
    more(market, "late")
    views.catch_up(market)
    trail.tamper(change)
    assert views.verify().ok

    result = views.verify(checkpoint=checkpoint)

    assert (False, position) == (result.ok, result.first_bad_position)
    assert "checkpoint" in result.problem


def test_a_checkpoint_beyond_the_trail_says_to_catch_up(market, trail):
    """Views rebuilt make the same trail, which extends the checkpoint; a trail that has not
    reached the checkpoint's position does not extend it (yet)."""
    views = trail.views
    views.catch_up(market)
    checkpoint = views.audit_checkpoint()
    views.rebuild(market, journal=False, audit=True)
    assert views.verify(checkpoint=checkpoint).ok

    result = views.verify(checkpoint=AuditCheckpoint(checkpoint.position + 1, checkpoint.hash))

    assert (False, 27) == (result.ok, result.first_bad_position)
    assert "the trail ends at position 26, before the checkpoint's row" in result.problem


def test_a_broken_trail_gives_no_checkpoint(market, trail):
    views = trail.views
    views.catch_up(market)
    trail.tamper(edit_summary(3))
    with pytest.raises(AuditTrailBroken, match="position 3"):
        views.audit_checkpoint(market)


def test_the_empty_trails_checkpoint_is_the_genesis_value(trail):
    checkpoint = trail.views.audit_checkpoint()
    assert f"sharemarket-audit:0:{'0' * 64}" == str(checkpoint)
    assert trail.views.verify(checkpoint=checkpoint).ok


VALID_CHECKPOINT = "sharemarket-audit:26:" + "5b" * 32


@st.composite
def near_checkpoints(draw: st.DrawFn) -> str:
    """A valid checkpoint's text with a few characters inserted, removed or replaced."""
    text = VALID_CHECKPOINT
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(text)))
        new = draw(st.sampled_from(["", "0", "a", "A", ":", " ", "-", "\n", "\uff10", "g"]))
        text = text[:i] + new + text[i + draw(st.integers(0, 1)) :]
    return text


@given(st.one_of(st.text(max_size=120), near_checkpoints()))
def test_only_the_checkpoint_form_parses(text):
    """Any text either is a checkpoint's exact form (and round-trips) or is refused clearly."""
    stripped = text.strip()
    if re.fullmatch(r"sharemarket-audit:[1-9][0-9]{0,17}:[0-9a-f]{64}", stripped):
        assert stripped == str(AuditCheckpoint.parse(text))
    else:
        with pytest.raises(InvalidInput, match="checkpoint"):
            AuditCheckpoint.parse(text)


@given(st.integers(min_value=0, max_value=2**63 - 1), st.binary(min_size=32, max_size=32))
def test_a_checkpoints_text_form_round_trips(position, digest):
    assume(position > 0 or digest == GENESIS)
    checkpoint = AuditCheckpoint(position, digest.hex())
    assert checkpoint == AuditCheckpoint.parse(f"  {checkpoint}\n")
    assert re.fullmatch(r"sharemarket-audit:(0|[1-9][0-9]*):[0-9a-f]{64}", str(checkpoint))


@pytest.mark.parametrize(
    ("position", "hash_", "error"),
    [
        (True, "0" * 64, TypeError),
        ("1", "0" * 64, TypeError),
        (-1, "0" * 64, InvalidInput),
        (1, "0" * 63, InvalidInput),
        (1, "A" * 64, InvalidInput),
        (0, "1" * 64, InvalidInput),
        (1, b"0" * 64, TypeError),
    ],
)
def test_a_malformed_checkpoint_is_refused(position, hash_, error):
    with pytest.raises(error, match="checkpoint"):
        AuditCheckpoint(position, hash_)


# The export, the specification and the standalone script ------------------------------------------


def run_script(*args: object) -> subprocess.CompletedProcess[str]:
    """The script in an interpreter without site-packages: it can import the standard library
    only, so it cannot lean on sharemarket."""
    command = [sys.executable, "-I", "-S", str(SCRIPT), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_script_verifies_a_real_export_and_names_the_first_broken_position(
    market, trail, tmp_path
):
    views = trail.views
    views.catch_up(market)
    export = tmp_path / "trail.jsonl"
    assert 26 == views.export_json_lines(export)
    checkpoint = views.audit_checkpoint(market)

    good = run_script(export)
    assert (0, f"ok: 26 rows verified; head {checkpoint}\n") == (good.returncode, good.stdout)
    extends = run_script(export, "--checkpoint", checkpoint)
    assert (0, f"ok: 26 rows verified, extending the checkpoint; head {checkpoint}\n") == (
        extends.returncode,
        extends.stdout,
    )

    lines = export.read_bytes().splitlines(keepends=True)
    lines[11] = lines[11].replace(b'"summary":"', b'"summary":"not ', 1)
    edited = tmp_path / "edited.jsonl"
    edited.write_bytes(b"".join(lines))
    broken = run_script(edited)
    assert (
        1,
        "broken at position 12: its hash does not match the previous hash and its entry\n",
    ) == (
        broken.returncode,
        broken.stdout,
    )

    other = AuditCheckpoint(26, hashlib.sha256(b"another trail").hexdigest())
    mismatch = run_script(export, "--checkpoint", other)
    assert (
        1,
        "broken at position 26: its hash differs from the checkpoint's: the trail up to it was "
        "rewritten\n",
    ) == (mismatch.returncode, mismatch.stdout)
    beyond = run_script(export, "--checkpoint", AuditCheckpoint(27, checkpoint.hash))
    assert (
        1,
        "broken at position 27: the export ends at position 26, before the checkpoint\n",
    ) == (
        beyond.returncode,
        beyond.stdout,
    )


def test_a_line_that_is_not_a_row_is_refused_by_the_script(market, tmp_path):
    """A line missing a member, with one repeated, or with a fraction, names where it stands."""
    with ParkViews.sqlite(tmp_path / "views") as views:
        views.catch_up(market)
        export = tmp_path / "trail.jsonl"
        views.export_json_lines(export)
    lines = export.read_bytes().splitlines(keepends=True)
    for line, reason in [
        (lines[2].replace(b'"user":', b'"who":', 1), "exactly the members"),
        (lines[2].replace(b'"hash":', b'"user":"x","hash":', 1), "a key appears twice"),
        (re.sub(rb'"version":(\d+)', rb'"version":\1.0', lines[2]), "a fraction or exponent"),
        (b"\n", "Expecting value"),
    ]:
        assert line != lines[2]
        (tmp_path / "bad.jsonl").write_bytes(b"".join([*lines[:2], line, *lines[3:]]))
        result = run_script(tmp_path / "bad.jsonl")
        assert (1, "broken at line 3 (after position 2):", True) == (
            result.returncode,
            result.stdout[:36],
            reason in result.stdout,
        )


@settings(max_examples=25, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ab 德化\"\\/\u00e9\u2028\u007f\U0001f3fa\u0301\ufeff<>&'{}[]:,"),
        min_size=1,
        max_size=30,
    )
)
def test_the_script_verifies_any_text_the_market_takes(text):
    """Quotes, backslashes, combining marks, emoji and Chinese in the events and summaries: the
    script rebuilds every entry byte for byte from the parsed export, as the spec says."""
    with ShareMarket.in_memory() as market, tempfile.TemporaryDirectory() as folder:
        try:
            market.park.establish(ADMIN, request_id="park", name=text)
        except InvalidInput:
            assume(False)
        with ParkViews.sqlite(folder) as views:
            views.catch_up(market)
            export = io.BytesIO()
            views.export_json_lines(export)
            report = VERIFY_TRAIL.verify(export.getvalue().splitlines(keepends=True))
            assert report.endswith(f"head {views.audit_checkpoint(market)}")


def test_a_csv_export_verifies_as_the_spec_says(market, trail, tmp_path):
    """Each header rebuilt from the CSV columns (firms split on spaces, version an integer) and
    the content column taken as it is chain to the hashes the export holds."""
    views = trail.views
    views.catch_up(market)
    views.export_csv(tmp_path / "trail.csv")
    raw = (tmp_path / "trail.csv").read_bytes()
    assert (False, True) == (raw.startswith(b"\xef\xbb\xbf"), raw.endswith(b"\r\n"))
    previous, count = GENESIS, 0
    with (tmp_path / "trail.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            header: dict[str, Any] = {key: row[key] for key in VERIFY_TRAIL.HEADER}
            header["firms"] = row["firms"].split(" ") if row["firms"] else []
            header["version"] = int(row["version"])
            entry = b"%d\n%b\n%b" % (
                int(row["position"]),
                VERIFY_TRAIL.canonical(header),
                row["content"].encode("utf-8"),
            )
            previous = hashlib.sha256(previous + entry).digest()
            assert row["hash"] == previous.hex()
            count += 1
    assert (26, views.verify().head_hash) == (count, previous.hex())


def test_the_specs_example_is_a_trail_the_script_and_the_library_agree_on(tmp_path):
    """The example of docs/audit-trail.md: its lines are what the library writes for their
    entries, the entry shown is the first line's, its hash is the one given, and the script
    verifies the export and its checkpoint."""
    text = SPEC.read_text(encoding="utf-8")
    export = re.search(r"```jsonl\n(.*?)```", text, re.DOTALL)[1].encode("utf-8")  # type: ignore[index]
    shown = re.search(r"entry is these three lines.*?```\n(.*?)\n```", text, re.DOTALL)[1]  # type: ignore[index]
    checkpoint = re.search(r"^sharemarket-audit:2:[0-9a-f]{64}$", text, re.MULTILINE)[0]  # type: ignore[index]
    lines = export.splitlines(keepends=True)
    rows = [VERIFY_TRAIL.parse(line) for line in lines]
    entries = [VERIFY_TRAIL.entry(row) for row in rows]

    assert lines == [
        json_line(e, bytes.fromhex(r["hash"])) for e, r in zip(entries, rows, strict=True)
    ]
    assert shown.encode("utf-8") == entries[0]
    assert hashlib.sha256(GENESIS + entries[0]).hexdigest() == rows[0]["hash"]
    assert f"`{rows[0]['hash']}`" in text
    (tmp_path / "trail.jsonl").write_bytes(export)
    result = run_script(tmp_path / "trail.jsonl", "--checkpoint", checkpoint)
    assert (0, f"ok: 2 rows verified, extending the checkpoint; head {checkpoint}\n") == (
        result.returncode,
        result.stdout,
    )


# The comparison, over every position --------------------------------------------------------------


@pytest.fixture(scope="module")
def made() -> list[AuditRecord]:
    """The records a month of lending makes, at even positions only (a market's positions may
    skip numbers), so that a row can be forged at a position where the market has no event."""
    with ShareMarket.in_memory() as market:
        dehua_month(market)
        log = market.event_log
        items = [
            (log.mapper.to_domain_event(n), 2 * n.id)
            for n in log.recorder.select_notifications(start=1, limit=1000)
        ]
    projection = AuditProjection(view=None)  # type: ignore[arg-type]  # makes rows, stores none
    return list(records_from_genesis(projection, items))


def stored(records: list[AuditRecord]) -> list[Row]:
    return [(r.position, r.at_us, r.aggregate_key, r.entry, r.hash) for r in records]


def moved(row: Row, position: int) -> Row:
    return (position, row[1], row[2], at(position, row[3]), row[4])


@st.composite
def tamperings(draw: st.DrawFn, rows: list[Row]) -> tuple[list[Row], int, TrailDifference]:
    """Rows with one change (before re-hashing), the position it is at and what differs there."""
    i = draw(st.integers(0, len(rows) - 1))
    row, position = rows[i], rows[i][0]
    kind = draw(st.sampled_from(["edit", "delete", "swap", "forge", "append"]))
    if kind == "edit":
        entry = bytearray(row[3])
        k = draw(st.integers(0, len(entry) - 1))
        entry[k] = draw(st.integers(0, 255).filter(lambda b: b != entry[k]))
        changed = [*rows[:i], (*row[:3], bytes(entry), row[4]), *rows[i + 1 :]]
        return changed, position, TrailDifference.ENTRY_DIFFERS
    if kind == "delete":
        return [*rows[:i], *rows[i + 1 :]], position, TrailDifference.MISSING_ROW
    if kind == "swap":
        j = draw(st.integers(0, len(rows) - 1).filter(lambda j: j != i))
        first, second = sorted((i, j))
        changed = list(rows)
        changed[first] = moved(rows[second], rows[first][0])
        changed[second] = moved(rows[first], rows[second][0])
        return changed, rows[first][0], TrailDifference.ENTRY_DIFFERS
    if kind == "forge":  # a copy of a row, at the free position just before it
        forged = moved(row, position - 1)
        return [*rows[:i], forged, *rows[i:]], position - 1, TrailDifference.EXTRA_ROW
    last = rows[-1][0]
    return [*rows, moved(row, last + 1)], last + 1, TrailDifference.EXTRA_ROW


@given(st.data())
def test_the_comparison_names_the_first_tampered_position(made, data):
    """Whatever row is edited (any byte), deleted, swapped with another, forged in a free
    position or appended, and however the chain is re-hashed after, the comparison with the
    market's records names exactly that position and what differs there."""
    tampered, position, difference = data.draw(tamperings(stored(made)))

    result = compare(rechain(tampered), made, tracked=made[-1].position)

    assert (False, position, difference) == (
        result.ok,
        result.first_bad_position,
        result.difference,
    )


def test_rows_a_catch_up_writes_during_the_comparison_are_not_taken_for_forgeries(made):
    """A row beyond the position read at the start is one the position now covers: the
    comparison ends where it started, and succeeds."""
    rows = stored(made)
    result = compare(rows, made[:-5], tracked=made[-6].position, retrack=lambda: made[-1].position)
    assert (True, made[-6].position) == (result.ok, result.last_position)

    result = compare(rows, made[:-5], tracked=made[-6].position, retrack=lambda: made[-6].position)
    assert (False, made[-5].position) == (result.ok, result.first_bad_position)
