"""The progress bar: a Rich bar on a terminal, a plain line a second (and one at the end) when
written to a file or a pipe."""

from __future__ import annotations

import io

from rich.console import Console

from sharemarket.adapters.cli.progress import Bar, PositionBar


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_come_at_most_once_a_second_and_once_at_the_end() -> None:
    out = io.StringIO()
    clock = Clock()
    with Bar(Console(file=out, width=200), "catch-up", clock=clock) as bar:
        track = PositionBar(bar)
        track(1000, 5000)  # the views stood at 1000: counting starts there
        for position in (2000, 3000):
            clock.now += 0.4
            track(position, 5000)
        clock.now += 0.4  # 1.2 s after the start
        track(4000, 5000)
        clock.now += 0.8
        track(5000, 5000)
    assert [
        "catch-up: 3,000/4,000 events (75%), 2,500 events/s, 0 s left",
        "catch-up: 4,000/4,000 events (100%), 2,000 events/s",
    ] == out.getvalue().splitlines()


def test_a_terminal_gets_a_bar_with_count_rate_and_time_left() -> None:
    out = io.StringIO()
    terminal = Console(file=out, width=120, force_terminal=True, color_system=None)
    with Bar(terminal, "rebuild") as bar:
        bar(10, 40)
        bar(40, 40)
    shown = out.getvalue()
    assert "rebuild" in shown
    assert "40/40" in shown
    assert "events" in shown
