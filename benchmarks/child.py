"""Tasks run in a fresh interpreter so that their peak memory is theirs alone.

    python -m benchmarks.child TASK '{"json": "arguments"}'

Prints one JSON line: what the task measured, the resident memory before it started (after
the imports and opening the stores) and the process's peak resident memory.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.counting import count_events
from benchmarks.measure import Timer, peak_rss_mb, rss_now_mb
from sharemarket import ShareMarket
from sharemarket.park_views import ParkViews


def catch_up(market_path: str, views_folder: str) -> dict[str, Any]:
    market = ShareMarket.sqlite(market_path)
    views = ParkViews.sqlite(views_folder)
    try:
        events = count_events(market)
        before = rss_now_mb()
        with Timer() as t:
            position = views.catch_up(market)
    finally:
        views.close()
        market.close()
    return {"events": events, "position": position, "seconds": t.seconds, "rss_before_mb": before}


def export(views_folder: str, out_path: str) -> dict[str, Any]:
    views = ParkViews.sqlite(views_folder)
    try:
        views.audit.max_tracking_id("ShareMarket")  # open the connection before measuring
        before = rss_now_mb()
        with Timer() as t:
            rows = views.export_json_lines(Path(out_path))
    finally:
        views.close()
    return {"rows": rows, "seconds": t.seconds, "rss_before_mb": before}


TASKS: dict[str, Callable[..., dict[str, Any]]] = {"catch_up": catch_up, "export": export}


def main(argv: list[str]) -> None:
    task, args = argv[0], json.loads(argv[1])
    report = TASKS[task](**args)
    report["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
