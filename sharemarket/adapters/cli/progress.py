"""Progress of a long catch-up or import: a Rich bar on a terminal, plain lines otherwise.

On a terminal the bar shows events done / total, the rate and the time left. Written to a file
or a pipe (a cron job's log) the same figures come as plain lines, at most one a second and one
at the end, so a log neither floods nor stays silent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

#: Seconds between two plain progress lines.
LINE_INTERVAL_S = 1.0


class _Rate(ProgressColumn):
    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:,.0f} {self.unit}/s" if task.speed else "")


class Bar:
    """Told ``(done, total)`` as work goes (totals may grow, as a followed market does)."""

    def __init__(
        self,
        console: Console,
        description: str,
        *,
        unit: str = "events",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console = console
        self.description = description
        self.unit = unit
        self.clock = clock
        self.done = 0
        self.total = 0
        self._started = clock()
        self._last_line = self._started  # the first line after a second, or at the end
        self._line_done = -1
        self._rich: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Bar:
        if self.console.is_terminal:
            self._rich = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(self.unit),
                _Rate(self.unit),
                TimeRemainingColumn(),
                console=self.console,
            )
            self._rich.start()
            self._task = self._rich.add_task(self.description, total=None)
        return self

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, max(total, done)
        if self._rich is not None and self._task is not None:
            self._rich.update(self._task, completed=self.done, total=self.total)
            return
        now = self.clock()
        if now - self._last_line >= LINE_INTERVAL_S:
            self._line(now)

    def _line(self, now: float) -> None:
        if self.done == self._line_done:
            return
        self._last_line, self._line_done = now, self.done
        elapsed = now - self._started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        percent = f" ({100 * self.done // self.total}%)" if self.total else ""
        left = ""
        if rate and self.total > self.done:
            left = f", {(self.total - self.done) / rate:.0f} s left"
        self.console.print(
            f"{self.description}: {self.done:,}/{self.total:,} {self.unit}{percent}, "
            f"{rate:,.0f} {self.unit}/s{left}",
            markup=False,
            highlight=False,
        )

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._rich is not None:
            self._rich.stop()
        else:
            self._line(self.clock())


class PositionBar:
    """A :class:`Bar` told the views' ``(position, head)``: counts positions from the first
    (a span of positions, not of events: SQLite's receipts take positions the log skips)."""

    def __init__(self, bar: Bar) -> None:
        self.bar = bar
        self.start: int | None = None

    def __call__(self, position: int, head: int) -> None:
        if self.start is None:
            self.start = position
        self.bar(position - self.start, head - self.start)
