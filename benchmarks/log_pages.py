"""Pages each commit writes to SQLite's write-ahead log: what the disk must flush per command.

``python -m benchmarks.log_pages``. Unlike a rate, the count does not depend on the machine's
load: it is read from the log itself. ShareMarket records and confirms shifts on a new file
(``--warm`` shifts first, so that its tables have their working size), then the log is emptied
and ``--shifts`` more are recorded, one command a transaction; bare eventsourcing saves as many
commands (one event on one of ``BARE_AGGREGATES`` aggregates each) the same way. Each frame of
the log is a page written (4 kB) and names its page, which the ``dbstat`` table maps to the
table or index it belongs to. The total is printed against bare eventsourcing's, measured in
the same run, and by table and index.
"""

from __future__ import annotations

import argparse
import sqlite3
import struct
import tempfile
from collections import Counter
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from benchmarks import bare, park
from benchmarks.command_path import BARE_AGGREGATES
from sharemarket import ShareMarket

#: Commits that fit in the log before SQLite's automatic checkpoint (1,000 pages) empties it.
MAX_COMMITS = 120


def empty_log(path: Path) -> None:
    with sqlite3.connect(path) as side:
        side.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def frames(path: Path) -> tuple[list[int], int]:
    """The page each frame of the log holds, and how many frames end a commit."""
    log = (path.parent / (path.name + "-wal")).read_bytes()
    size = struct.unpack(">I", log[8:12])[0]
    salts = log[16:24]  # a frame of the log's current generation repeats the header's salts
    pages, commits = [], 0
    for offset in range(32, len(log) - 23, 24 + size):
        if log[offset + 8 : offset + 16] != salts:
            break  # left from before a checkpoint restarted the log: not this window's
        page, after_commit = struct.unpack(">II", log[offset : offset + 8])
        pages.append(page)
        commits += after_commit != 0
    return pages, commits


def owners(path: Path) -> dict[int, str]:
    """The table or index each page belongs to (on a copy: reading the live file is not ours)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.sqlite"
        for suffix in ("", "-wal"):
            copy.with_name(copy.name + suffix).write_bytes(
                path.with_name(path.name + suffix).read_bytes()
            )
        with sqlite3.connect(copy) as c:
            rows = c.execute("SELECT pageno, name, pagetype FROM dbstat").fetchall()
    return {page: f"{name} ({kind})" for page, name, kind in rows}


def measure(
    path: Path, step: Callable[[int], None], steps: int, commands: int
) -> tuple[float, Counter[str]]:
    """Log pages per command over ``steps`` calls of ``step``, which run ``commands`` commands.

    A command commits once; a snapshot an aggregate's interval calls for is written in that
    commit, and its pages are counted with the command that took it."""
    empty_log(path)
    for i in range(steps):
        step(i)
    pages, commits = frames(path)
    # Fewer: SQLite's automatic checkpoint restarted the log within the window (--shifts).
    assert commits >= commands, f"{commits} commits in the log for {commands} commands"
    names = owners(path)
    by_owner = Counter(names.get(page, "freed since") for page in pages)
    by_owner["(commits: transactions the log holds)"] = commits
    return len(pages) / commands, by_owner


def sharemarket_pages(folder: Path, warm: int, shifts: int) -> tuple[float, Counter[str]]:
    path = folder / "market.sqlite"
    with ShareMarket.sqlite(path) as market:
        park.establish(market)
        agreements = park.open_agreements(market, 4, 25)
        plans = list(islice(park.shift_plan(agreements), warm + shifts))
        for plan in plans[:warm]:
            park.record_and_confirm(market, plan)
        rest = plans[warm:]
        return measure(path, lambda i: park.record_and_confirm(market, rest[i]), shifts, 2 * shifts)


def bare_pages(folder: Path, warm: int, commands: int) -> tuple[float, Counter[str]]:
    path = folder / "bare.sqlite"
    app = bare.sqlite_app(str(path))
    try:
        counters = [bare.Counter() for _ in range(BARE_AGGREGATES)]
        app.save(*counters)

        def command(i: int) -> None:
            counter = counters[i % BARE_AGGREGATES]
            counter.increment(by=1)
            app.save(counter)

        for i in range(warm):
            command(i)
        return measure(path, command, commands, commands)
    finally:
        app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--warm", type=int, default=1000, help="shifts recorded before counting")
    parser.add_argument("--shifts", type=int, default=MAX_COMMITS // 2)
    args = parser.parse_args()
    shifts = min(args.shifts, MAX_COMMITS // 2)
    with tempfile.TemporaryDirectory() as tmp:
        ours, ours_by = sharemarket_pages(Path(tmp), args.warm, shifts)
        theirs, theirs_by = bare_pages(Path(tmp), 2 * args.warm, 2 * shifts)
    commits = 2 * shifts
    print(f"log pages a command ({commits} commands, one a transaction; snapshots included)")
    print(f"  sharemarket {ours:.2f}, bare eventsourcing {theirs:.2f}: {ours / theirs:.2f}x")
    for name, figures in (("sharemarket", ours_by), ("bare eventsourcing", theirs_by)):
        print(f"  {name}, by table or index:")
        for owner, count in figures.most_common():
            print(f"    {count / commits:5.2f}  {owner}")


if __name__ == "__main__":
    main()
