"""Keeping the views current: catching up with a market, following it, rebuilding them.

A part of :class:`~sharemarket.park_views.ParkViews` (whose methods these are).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from sharemarket.adapters.follower import INTERVAL_S, Follower
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.market import ShareMarket
from sharemarket.application.projections.projection import ViewProjection
from sharemarket.application.projections.runner import BATCH_SIZE, Progress, catch_up
from sharemarket.application.projections.views import MARKET
from sharemarket.application.stores import POSTGRES
from sharemarket.domain.errors import InvalidInput

if TYPE_CHECKING:  # PostgreSQL needs psycopg, an optional dependency: imported when used.
    from sharemarket.adapters.postgres_live import LiveViews

Target = str | os.PathLike[str]


def event_log_of(market: ShareMarket | EventLog) -> EventLog:
    """The event log the views read: a market's, or one given as it is."""
    if isinstance(market, ShareMarket):
        return market.event_log
    if isinstance(market, EventLog):
        return market
    raise TypeError(f"the views read a ShareMarket (or its event_log), not {type(market).__name__}")


class KeepingCurrent:
    """The views brought up to a market's last event, kept there, or rebuilt."""

    _projections: tuple[ViewProjection[Any], ...]
    _postgres_settings: dict[str, str] | None
    _prefix: str
    _lock: threading.Lock

    def catch_up(
        self,
        market: ShareMarket | EventLog,
        *,
        batch_size: int = BATCH_SIZE,
        progress: Progress | None = None,
    ) -> int | None:
        """Apply every event the views do not hold yet, in batches; return their position.

        If an event cannot be processed, everything before it is kept and the next call resumes
        with it. ``progress(position, head)`` is called as the batches are taken (the command
        line's progress bar).

        Raises:
            ProjectionHalted: An event could not be processed (its ``__cause__`` says why, an
                ``UnbalancedPostings`` for a posting rule's bug); what came before it is kept.
            ViewsOfAnotherMarket: The views hold positions beyond the end of the market's log.
            StoreError: The market's store or the views' failed; nothing of the failed batch
                was kept.
        """
        with self._lock:
            return catch_up(
                event_log_of(market), self._projections, batch_size=batch_size, progress=progress
            )

    def follow(self, market: ShareMarket | EventLog, *, interval_s: float = INTERVAL_S) -> Follower:
        """Start a thread that polls ``market`` and keeps the views current (any store).

        Starting raises nothing of sharemarket's: the thread keeps the error that stops it
        (a ``ProjectionHalted``, say) in the follower's ``error`` and raises it from its
        ``wait``; a store error is kept in ``last_store_error`` and retried at the next poll.
        """
        return Follower(
            event_log_of(market), self._projections, interval_s=interval_s, lock=self._lock
        ).start()

    def run(self, market: ShareMarket | EventLog) -> LiveViews:
        """Catch up, then keep the PostgreSQL views current with eventsourcing's ProjectionRunner.

        The runners open their own market from ``market``'s settings and are notified of new
        events by PostgreSQL (LISTEN/NOTIFY). Use the result as a context manager.

        Raises:
            InvalidInput: The views or the market are not on PostgreSQL.
            ProjectionHalted: An event could not be processed (its ``__cause__`` says why, an
                ``UnbalancedPostings`` for a posting rule's bug); what came before it is kept.
            ViewsOfAnotherMarket: The views hold positions beyond the end of the market's log.
            StoreError: The market's store or the views' failed; nothing of the failed batch
                was kept.
        """
        if self._postgres_settings is None:
            raise InvalidInput("run() keeps PostgreSQL views current; for SQLite use follow()")
        log = event_log_of(market)
        if log.settings.get("PERSISTENCE_MODULE") != POSTGRES:
            raise InvalidInput(
                "run() needs a market on PostgreSQL (its subscriptions use LISTEN/NOTIFY); "
                "for a market on SQLite use follow()"
            )
        from sharemarket.adapters.postgres_live import LiveViews
        from sharemarket.adapters.postgres_views import views_env

        self.catch_up(log)
        names = tuple(f"{self._prefix}{p.name}" for p in self._projections)
        env = {**dict(log.settings), **views_env(self._postgres_settings, names)}
        return LiveViews(log.application_class, env, prefix=self._prefix)

    def position(self, application_name: str = MARKET) -> int | None:
        """The position (notification id) every view has reached."""
        positions = [p.view.max_tracking_id(application_name) for p in self._projections]
        return None if None in positions else min(p for p in positions if p is not None)

    def rebuild(
        self,
        market: ShareMarket | EventLog,
        *,
        journal: bool = True,
        audit: bool = False,
        progress: Progress | None = None,
        sharing: bool | None = None,
    ) -> int | None:
        """Empty the chosen views and build them again from the market's whole history.

        Rebuild the journal after adding or fixing a posting rule. The audit trail is rebuilt
        only on request: its rows are the record of what was seen, chained as they were made.
        The sharing view, derived as the journal is, is rebuilt with the journal unless
        ``sharing`` says otherwise.

        Raises:
            ProjectionHalted: An event could not be processed; what came before it is kept.
            StoreError: The market's store or the views' failed.
        """
        wanted = (journal, audit, journal if sharing is None else sharing)
        with self._lock:
            chosen = [p for p, chosen in zip(self._projections, wanted, strict=True) if chosen]
            for projection in chosen:
                projection.view.clear()
                projection.forget()
            return catch_up(event_log_of(market), chosen, progress=progress)
