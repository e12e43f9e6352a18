"""A thread that keeps the views current with a market other processes write to (SQLite).

eventsourcing 9.5.6's SQLite recorder has no subscriptions, so the follower polls: every
``interval_s`` it asks the market for its last position (one cheap query) and, when the views are
behind, catches them up in batches. ``wait(position)`` wakes it at once and returns when both
views hold that position: read-your-writes for a host that has just recorded something.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from eventsourcing.persistence import PersistenceError

from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.projections.errors import AuditTrailBroken, ProjectionTimeout
from sharemarket.application.projections.projection import ViewProjection
from sharemarket.application.projections.runner import BATCH_SIZE, catch_up
from sharemarket.domain.errors import StoreError

INTERVAL_S = 0.05


class Follower:
    """Polls ``market`` and applies its new events to ``projections`` in a background thread.

    It stops at the first error other than a store error (a :class:`ProjectionHalted`, say),
    keeps it in :attr:`error` and raises it from :meth:`wait`; a store error (a locked file, a
    lost connection) is kept in :attr:`last_store_error` and retried at the next poll.
    """

    def __init__(
        self,
        market: EventLog,
        projections: Sequence[ViewProjection[Any]],
        *,
        interval_s: float = INTERVAL_S,
        batch_size: int = BATCH_SIZE,
        lock: threading.Lock | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._market = market
        self._projections = tuple(projections)
        self._interval_s = interval_s
        self._batch_size = batch_size
        self._lock = lock or threading.Lock()
        self._on_error = on_error
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._changed = threading.Condition()
        self._position: int | None = None
        self.error: Exception | None = None
        self.last_store_error: PersistenceError | StoreError | None = None
        self._thread = threading.Thread(target=self._run, name="sharemarket-follower", daemon=True)

    @property
    def position(self) -> int | None:
        """The position both views have reached."""
        return self._position

    def start(self) -> Follower:
        """Start following in a background thread (a ``with`` block starts and stops it)."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop following and wait for the thread to end."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()

    def __enter__(self) -> Follower:
        return self if self._thread.ident is not None else self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def wait(self, position: int | None = None, timeout_s: float = 10.0) -> None:
        """Return once both views hold ``position`` (default: the market's last position now)."""
        if position is None:
            position = self._market.recorder.max_notification_id()
            if position is None:
                return
        deadline = time.monotonic() + timeout_s
        self._wake.set()
        with self._changed:
            while True:
                if self.error is not None:
                    raise self.error
                if self._position is not None and self._position >= position:
                    return
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._stopping.is_set():
                    store = self.last_store_error
                    raise ProjectionTimeout(
                        f"the views reached position {self._position}, not {position}, within "
                        f"{timeout_s} s; is the follower running, or is it far behind?"
                        + ("" if store is None else f" (the store last failed with: {store})")
                    )
                self._changed.wait(min(remaining, self._interval_s))

    def _run(self) -> None:
        name = self._market.name
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                head = self._market.recorder.max_notification_id()
                with self._lock:
                    reached = min((p.position(name) or 0 for p in self._projections), default=0)
                    if (head or 0) != reached:  # behind, or (an error) ahead of this market
                        reached = (
                            catch_up(self._market, self._projections, batch_size=self._batch_size)
                            or 0
                        )
                self.last_store_error = None
                self._publish(reached)
            except (PersistenceError, StoreError) as exc:
                if isinstance(exc, AuditTrailBroken):  # a forged or rewritten trail: for good
                    self._fail(exc)
                    return
                self.last_store_error = exc
            except Exception as exc:
                self._fail(exc)
                return
            self._wake.wait(self._interval_s)

    def _fail(self, exc: Exception) -> None:
        self.error = exc
        self._publish(self._position or 0)
        if self._on_error is not None:
            self._on_error(exc)

    def _publish(self, position: int) -> None:
        with self._changed:
            self._position = position
            self._changed.notify_all()
