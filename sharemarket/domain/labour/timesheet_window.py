"""What a worker's timesheet keeps: the last three months it was booked in, not every day.

The caps look at one day, its week (Monday to Sunday) and its month. A timesheet that kept every
day and every entry a worker ever had grew by about 20 kB a year of daily hours (78 kB after
four years, past the 64 kB a snapshot may take). So the stored timesheet keeps a window: the
months from two before the latest month ever booked (``latest_month``) to it, and the days of
the week that straddles the window's first day. Days, entries and monthly overtime older than
that are dropped as the window moves on.

A command on a date the window holds whole (:meth:`BookedWindow.decides_on`) is decided on the
stored timesheet, as before. One on an older date (a shift recorded months late, the
withdrawal of an old shift, home hours corrected long after) is decided on
:meth:`BookedWindow.replayed`, the timesheet its whole history makes, so every cap is checked
against every hour ever booked; the events it decides are then recorded on the stored
timesheet (:meth:`BookedWindow.adopt`), which keeps of them what falls in its window. Both are
at the same version, so the save is the same optimistic-concurrency check as ever: no cap can be
broken by a race, however old the date.

A mixin of :class:`~sharemarket.domain.labour.timesheet.WorkerTimesheet`, whose events stay
nested in it (their stored topics name it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from eventsourcing.domain import CanMutateProtocol

from sharemarket.domain.labour.whole_history import replay_whole

#: How many months the window holds: the latest month booked and the two before it.
WINDOW_MONTHS = 3

W = TypeVar("W", bound="BookedWindow")


class BookedWindow:
    """Keeps the last ``WINDOW_MONTHS`` months booked, unless it is a replay of the history."""

    #: True only on a replay of the whole history (:meth:`replayed`), never on a stored state.
    keeps_history = False
    #: "YYYY-MM" of the latest work date ever booked (None before the first booking).
    latest_month: str | None = None

    if TYPE_CHECKING:  # provided by WorkerTimesheet (and eventsourcing's Aggregate)
        entries: dict[str, list[int | str]]
        days: dict[str, list[int]]
        month_overtime: dict[str, int]
        _pending_events: list[Any]

    # The window ------------------------------------------------------------------------------

    def decides_on(self, day: date) -> bool:
        """Whether this timesheet holds the whole week and month of ``day``: if not, a command
        on that day is decided on the replay of the history."""
        first = self._first_month_day()
        return first is None or day >= first

    def keeps(self, day: date) -> bool:
        """Whether ``day``'s hours stay in the state (the window, and the week that straddles
        its first day)."""
        if self.keeps_history or self.latest_month is None:
            return True
        return day >= _kept_from(self.latest_month)

    def keeps_month(self, month: str) -> bool:
        if self.keeps_history or self.latest_month is None:
            return True
        return month >= _first_month(self.latest_month)

    def _require_window(self, day: date) -> None:
        if not self.decides_on(day):
            raise ValueError(
                f"{day} is older than the months this stored timesheet keeps: decide on "
                "WorkerTimesheet.replayed(history), then adopt its events"
            )

    def _first_month_day(self) -> date | None:
        if self.keeps_history or self.latest_month is None:
            return None
        return _window_start(self.latest_month)

    def move_window(self, day: date) -> None:
        """A booking on ``day``: if its month is later than any before, the window moves on and
        drops what falls out of it (an event body calls this)."""
        month = day.isoformat()[:7]
        if self.latest_month is not None and month <= self.latest_month:
            return
        self.latest_month = month
        if self.keeps_history:
            return
        self.entries = {k: v for k, v in self.entries.items() if self.keeps(_day(str(v[0])))}
        self.days = {k: v for k, v in self.days.items() if self.keeps(_day(k))}
        self.month_overtime = {k: v for k, v in self.month_overtime.items() if self.keeps_month(k)}

    # The history -----------------------------------------------------------------------------

    @classmethod
    def replayed(cls: type[W], events: Iterable[CanMutateProtocol[Any]]) -> W:
        """The timesheet its ``events`` (all of them, from the first) make, forgetting nothing.

        For reading, and for deciding commands on dates the stored window does not hold; never
        to be saved (its new events are adopted by the stored timesheet)."""
        return replay_whole(cls, events)

    def adopt(self, events: Iterable[Any]) -> None:
        """Record on this (stored) timesheet the events decided on its replayed history."""
        for event in events:
            event.mutate(self)
            self._pending_events.append(event)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot taken when timesheets kept every day: keep the window of its latest
        month."""
        days: dict[str, list[int]] = state["days"]
        if not days:
            return
        window: Any = BookedWindow()
        window.entries, window.days = state["entries"], days
        window.month_overtime = state["month_overtime"]
        window.move_window(date.fromisoformat(max(days)))
        state["latest_month"] = window.latest_month
        state["entries"], state["days"] = window.entries, window.days
        state["month_overtime"] = window.month_overtime


@lru_cache(maxsize=256)  # asked several times by every booking
def _window_start(latest_month: str) -> date:
    """The first day of the window's first month, for its latest month ("YYYY-MM")."""
    year, month = int(latest_month[:4]), int(latest_month[5:7])
    index = year * 12 + month - 1 - (WINDOW_MONTHS - 1)
    return date(index // 12, index % 12 + 1, 1)


@lru_cache(maxsize=256)  # asked by every booking
def _kept_from(latest_month: str) -> date:
    """The first day kept: the Monday of the week holding the window's first day."""
    first = _window_start(latest_month)
    return first - timedelta(days=first.weekday())


@lru_cache(maxsize=256)  # asked by every booking with overtime, every release
def _first_month(latest_month: str) -> str:
    """The window's first month, "YYYY-MM"."""
    return _window_start(latest_month).isoformat()[:7]


def _day(iso: str) -> date:
    return date.fromisoformat(iso)
