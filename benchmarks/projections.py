"""Items 3, 4 and 6: projection catch-up, audit verification, and the JSON Lines export."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from benchmarks import history
from benchmarks.measure import Timer, in_child, median, rates
from benchmarks.report import Figure
from benchmarks.scales import Sizes
from sharemarket import ShareMarket
from sharemarket.adapters.sqlite_views import AUDIT_FILE
from sharemarket.application.projections.decoding import memoizing_mapper
from sharemarket.application.projections.runner import BATCH_SIZE
from sharemarket.park_views import ParkViews

#: Issue 20: catch-up at least 0.7x of read-and-decode with the same decoder (stretch 0.85x).
CATCH_UP_RATIO = 0.7
VERIFY_ROWS_PER_S = 300_000
MEMORY_EVENTS = 1_000_000
MEMORY_MB = 300
EXPORT_ROWS = 1_000_000
EXPORT_GROWTH_MB = 50


def read_and_decode(market: ShareMarket) -> int:
    """What any projection must do at least: read every notification and decode its event.

    Decoded with the fastest decoder the library itself uses, the catch-up's own (the
    application's mapper with a memoizing transcoder), made afresh so that its cache starts as
    empty as the catch-up's does.
    """
    recorder, mapper = market._app.recorder, memoizing_mapper(market._app.mapper)
    start, count = 0, 0
    while True:
        notifications = recorder.select_notifications(
            start=start, limit=BATCH_SIZE, inclusive_of_start=False
        )
        if not notifications:
            return count
        for notification in notifications:
            mapper.to_domain_event(notification)
        count += len(notifications)
        start = notifications[-1].id


def bare_walk(path: Path) -> int:
    """The same check with nothing of sharemarket: plain sqlite3 and hashlib over the audit file.

    Reads (position, entry, hash) in position order with sqlite3's defaults and checks each
    row's SHA-256 over the previous hash and its entry, and its position against its entry, as
    ``verify()`` does. It moves with the machine as ``verify()`` does, so it tells a slower
    machine from slower code.
    """
    sha256 = hashlib.sha256
    connection = sqlite3.connect(path)
    try:
        cursor = connection.execute(
            "SELECT position, entry, hash FROM audit_trail ORDER BY position"
        )
        previous, count = bytes(32), 0
        while rows := cursor.fetchmany(10_000):
            for position, entry, hash_ in rows:
                if sha256(previous + entry).digest() != hash_ or not entry.startswith(
                    b"%d\n" % position
                ):
                    raise RuntimeError(f"the bare walk finds position {position} broken")
                previous = hash_
            count += len(rows)
        return count
    finally:
        connection.close()


def run(sizes: Sizes, workdir: Path) -> list[Figure]:
    path = workdir / "market.sqlite"
    market = ShareMarket.sqlite(path)
    try:
        with Timer() as made:
            events = history.write(market, sizes.catchup_events)
    finally:
        market.close()
    print(f"    history: {events:,} events written in {made.seconds:.0f} s", flush=True)

    def repetition(rep: int) -> dict[str, float]:
        market = ShareMarket.sqlite(path)
        views = ParkViews.sqlite(workdir / f"views-{rep}")
        try:
            with Timer() as decoded:
                count = read_and_decode(market)
            with Timer() as caught:
                views.catch_up(market)
            verified, bare = [], []
            for _ in range(3):  # each walk beside the bare one, so that load falls on both
                with Timer() as walked_bare:
                    bare_rows = bare_walk(workdir / f"views-{rep}" / AUDIT_FILE)
                with Timer() as walked:
                    verification = views.verify()
                if not verification.ok or (verification.rows_checked, bare_rows) != (events,) * 2:
                    raise RuntimeError(f"the audit trail does not verify: {verification}")
                verified.append(events / walked.seconds)
                bare.append(bare_rows / walked_bare.seconds)
        finally:
            views.close()
            market.close()
        return {
            "decode": count / decoded.seconds,
            "catch_up": events / caught.seconds,
            "verify": median(verified),
            "verify_bare": median(bare),
        }

    samples = rates(sizes.repeats, repetition)
    catch_up, decode = median(samples["catch_up"]), median(samples["decode"])
    verify, verify_bare = median(samples["verify"]), median(samples["verify_bare"])
    figures = [
        Figure(
            key="catch_up.sqlite.events",
            label="3 catch-up, sqlite: balances + audit",
            value=catch_up,
            unit="events/s",
            counts=(
                f"ParkViews.sqlite(...).catch_up(market) of a {events:,}-event market history "
                "(written by market.batch(), a workday of attendance per batch: shifts, "
                "confirmations, timesheet hours, "
                "monthly settlements and payments) into fresh journal + audit views"
            ),
            baseline=decode,
            baseline_label=(
                "bare read-and-decode of the same notifications in the same run: "
                f"recorder.select_notifications (pages of {BATCH_SIZE}) + "
                "to_domain_event with the catch-up's own decoder (a fresh memoizing mapper)"
            ),
            target=f">= {CATCH_UP_RATIO}x baseline",
            passed=catch_up / decode >= CATCH_UP_RATIO,
            samples=samples["catch_up"],
        ),
        Figure(
            key="catch_up.sqlite.read_and_decode",
            label="3 read-and-decode, sqlite",
            value=decode,
            unit="events/s",
            counts="the baseline above",
            samples=samples["decode"],
        ),
        Figure(
            key="audit.sqlite.verify",
            label="4 audit verify, sqlite",
            value=verify,
            unit="rows/s",
            counts=(
                f"views.verify() walking the {events:,}-row hash chain (SHA-256 per row), "
                "median of 3 walks per repetition"
            ),
            baseline=verify_bare,
            baseline_label=(
                "a bare walk of the same file in the same run, each walk beside one of verify(): "
                "plain sqlite3 (its defaults) and hashlib, the same two checks per row; for "
                "reference (the target is absolute)"
            ),
            target=f">= {VERIFY_ROWS_PER_S:,} rows/s",
            passed=verify >= VERIFY_ROWS_PER_S,
            samples=samples["verify"],
        ),
    ]
    figures += memory_figures(sizes, workdir, path, events)
    return figures


def memory_figures(sizes: Sizes, workdir: Path, path: Path, events: int) -> list[Figure]:
    """Peak memory of a catch-up, and memory growth of an export, each in a child process."""
    made: list[Figure] = []
    if not sizes.memory_events and not sizes.export_rows:
        return made
    wanted = max(sizes.memory_events, sizes.export_rows)
    if wanted > events:
        path = workdir / "market-large.sqlite"
        market = ShareMarket.sqlite(path)
        try:
            with Timer() as t:
                events = history.write(market, wanted, prefix="m")
        finally:
            market.close()
        print(f"    history: {events:,} events written in {t.seconds:.0f} s", flush=True)
    folder = workdir / "views-memory"
    peaks, growths = [], []
    for rep in range(sizes.repeats):
        report = in_child("catch_up", market_path=str(path), views_folder=f"{folder}-{rep}")
        peaks.append(report["peak_rss_mb"])
        out = workdir / f"export-{rep}.jsonl"
        exported = in_child("export", views_folder=f"{folder}-{rep}", out_path=str(out))
        growths.append(exported["peak_rss_mb"] - exported["rss_before_mb"])
        rows = exported["rows"]
        out.unlink()
    full_memory = events >= MEMORY_EVENTS
    made.append(
        Figure(
            key="catch_up.sqlite.peak_memory",
            label=f"3 catch-up peak memory, {events:,} events",
            value=median(peaks),
            unit="MB",
            counts=(
                f"peak resident memory (ru_maxrss) of a fresh process that opens the market and "
                f"fresh views and catches up {events:,} events"
                + ("" if full_memory else f" (the target is for {MEMORY_EVENTS:,}: --scale large)")
            ),
            target=f"< {MEMORY_MB} MB at {MEMORY_EVENTS:,} events",
            passed=median(peaks) < MEMORY_MB if full_memory else None,
            samples=peaks,
        )
    )
    full_export = rows >= EXPORT_ROWS
    made.append(
        Figure(
            key="export.sqlite.json_lines_memory",
            label=f"6 JSON Lines export growth, {rows:,} rows",
            value=median(growths),
            unit="MB",
            counts=(
                f"ParkViews.export_json_lines of {rows:,} audit rows to a file, in a fresh "
                "process: peak resident memory minus resident memory just before the export"
                + ("" if full_export else f" (the target is for {EXPORT_ROWS:,}: --scale large)")
            ),
            target=f"< {EXPORT_GROWTH_MB} MB at {EXPORT_ROWS:,} rows",
            passed=median(growths) < EXPORT_GROWTH_MB if full_export else None,
            samples=growths,
        )
    )
    return made
