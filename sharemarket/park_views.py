"""Balances and audit trail for park software: materialise them, keep them current, query them.

Quick start (SQLite views in a folder of their own, next to a market on SQLite)::

    from sharemarket import ShareMarket
    from sharemarket.park_views import ParkViews

    market = ShareMarket.sqlite("park.sqlite")
    views = ParkViews.sqlite("park-views")
    views.catch_up(market)                      # bring the views up to the market's last event
    views.balances("91350100M000100Y43")        # FirmBalances: each asset given, received, owed
    views.between("91350100M000100Y43", "91110000802100433B").owes
    views.totals().shared(asset)                # what the park shared of an asset
    views.audit_rows(firm="91350100M000100Y43", limit=20).rows
    views.sharing_report(date(2026, 4, 1), date(2026, 4, 30))  # the park's sharing report
    assert views.verify().ok

Keep them current with a market other processes write to: ``with views.follow(market) as f:``
(polls the SQLite file; ``f.wait(position)`` for read-your-writes). On PostgreSQL,
``ParkViews.postgres(dsn, schema=..., prefix=...)`` holds the views in the host's database and
``with views.run(market) as live:`` keeps them current with eventsourcing's ProjectionRunner.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.utils import Environment

from sharemarket.adapters.export import write_csv, write_json_lines
from sharemarket.adapters.follower import INTERVAL_S, Follower
from sharemarket.adapters.sqlite_sharing import open_sqlite_sharing
from sharemarket.adapters.sqlite_views import LOCK_TIMEOUT_S, open_sqlite_views
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.market import ShareMarket
from sharemarket.application.matching.report import FirmSharing, KindCounts, SharingReport
from sharemarket.application.matching.service import check_period
from sharemarket.application.matching.sharing_projection import SharingProjection
from sharemarket.application.matching.sharing_view import SharingView
from sharemarket.application.projections.audit import (
    AuditPage,
    AuditRow,
    AuditVerification,
    parse_entry,
)
from sharemarket.application.projections.audit_checkpoint import AuditCheckpoint
from sharemarket.application.projections.audit_market import (
    AuditComparison,
    TrailDifference,
    verify_against,
)
from sharemarket.application.projections.audit_projection import AuditProjection
from sharemarket.application.projections.balances import (
    AsOf,
    FirmBalances,
    PairPosition,
    ParkTotals,
)
from sharemarket.application.projections.errors import (
    AuditTrailBroken,
    ProjectionHalted,
    ProjectionTimeout,
    UnbalancedPostings,
    ViewOutOfStep,
    ViewsOfAnotherMarket,
)
from sharemarket.application.projections.journal import AccountKind, Asset, Posting
from sharemarket.application.projections.journal_projection import JournalProjection
from sharemarket.application.projections.projection import ViewProjection
from sharemarket.application.projections.runner import BATCH_SIZE, Progress, catch_up
from sharemarket.application.projections.views import MARKET, AuditView, JournalView
from sharemarket.application.stores import POSTGRES, postgres_env
from sharemarket.domain.errors import InvalidInput, StoreError
from sharemarket.domain.firm_id import FirmId

if TYPE_CHECKING:  # PostgreSQL needs psycopg, an optional dependency: imported when used.
    from sharemarket.adapters.postgres_live import LiveViews

__all__ = [
    "AccountKind",
    "AsOf",
    "Asset",
    "AuditCheckpoint",
    "AuditComparison",
    "AuditPage",
    "AuditRow",
    "AuditTrailBroken",
    "AuditVerification",
    "FirmBalances",
    "FirmSharing",
    "Follower",
    "KindCounts",
    "PairPosition",
    "ParkTotals",
    "ParkViews",
    "Posting",
    "ProjectionHalted",
    "ProjectionTimeout",
    "SharingReport",
    "TrailDifference",
    "UnbalancedPostings",
    "ViewOutOfStep",
    "ViewsOfAnotherMarket",
]

Target = str | os.PathLike[str]


def _log(market: ShareMarket | EventLog) -> EventLog:
    """The event log the views read: a market's, or one given as it is."""
    if isinstance(market, ShareMarket):
        return market.event_log
    if isinstance(market, EventLog):
        return market
    raise TypeError(f"the views read a ShareMarket (or its event_log), not {type(market).__name__}")


def _firm(firm: FirmId | str) -> FirmId:
    return firm if isinstance(firm, FirmId) else FirmId(firm)


class ParkViews:
    """The balances journal, the audit trail and the sharing report of one market, materialised
    in a database.

    Open them with :meth:`sqlite` (a folder holding one file per view) or :meth:`postgres` (a
    schema and a table prefix in any PostgreSQL database); close them with :meth:`close` or use
    them as a context manager. Queries read what has been processed so far: call
    :meth:`catch_up`, or keep them current with :meth:`follow` (SQLite) or :meth:`run`
    (PostgreSQL).
    """

    def __init__(
        self,
        journal: JournalView,
        audit: AuditView,
        sharing: SharingView,
        *,
        postgres_settings: dict[str, str] | None = None,
        prefix: str = "",
    ) -> None:
        self.journal = journal
        self.audit = audit
        self.sharing = sharing
        self._projections: tuple[ViewProjection[Any], ...] = (
            JournalProjection(journal),
            AuditProjection(audit),
            SharingProjection(sharing),
        )
        self._postgres_settings = postgres_settings
        self._prefix = prefix
        self._lock = threading.Lock()

    @classmethod
    def sqlite(cls, folder: Target, *, lock_timeout_s: int = LOCK_TIMEOUT_S) -> ParkViews:
        """Views in ``folder`` (created if missing): ``journal.sqlite``, ``audit.sqlite`` and
        ``sharing.sqlite`` (added to a folder made before it, and caught up on the next catch-up).

        A folder that is a file or read-only, or a view file that is not an SQLite database, is
        a ``StoreError`` naming it.

        Raises:
            InvalidInput: The folder is ``:memory:``: the views live in a folder of files.
            StoreError: The folder is a file or read-only, or a view file is not an SQLite
                database.
        """
        journal, audit = open_sqlite_views(folder, lock_timeout_s=lock_timeout_s)
        try:
            sharing = open_sqlite_sharing(folder, lock_timeout_s=lock_timeout_s)
        except StoreError:
            journal.close()
            audit.close()
            raise
        return cls(journal, audit, sharing)

    @classmethod
    def postgres(
        cls,
        dsn: str | None = None,
        *,
        schema: str | None = None,
        prefix: str = "",
        pool_size: int | None = None,
        connect_timeout_s: int | None = None,
        **env: str,
    ) -> ParkViews:
        """Views in PostgreSQL: tables ``<prefix>journal_*``, ``<prefix>audit_*`` and
        ``<prefix>sharing_*`` in ``schema``.

        ``dsn`` may name another database than the market's. Without it, eventsourcing's
        ``POSTGRES_*`` settings are read from the environment. The schema is created if missing.
        The connection options are the market's (``ShareMarket.postgres``); a refused login, a
        missing database or an unreachable server is a ``StoreError`` naming it.

        Raises:
            InvalidInput: The DSN is malformed or names no database, host or user.
            StoreError: The login is refused, the database is missing or the server cannot be
                reached, or ``psycopg`` is missing.
        """
        settings = {
            **postgres_env(
                dsn, schema=schema, pool_size=pool_size, connect_timeout_s=connect_timeout_s
            ),
            **env,
        }
        try:
            from eventsourcing.postgres import PostgresFactory

            from sharemarket.adapters.postgres_sharing import open_postgres_sharing
            from sharemarket.adapters.postgres_views import open_postgres_views
        except ImportError:  # pragma: no cover - depends on the install
            raise StoreError(
                "PostgreSQL views need psycopg: pip install 'sharemarket[postgres]'"
            ) from None
        try:
            factory = PostgresFactory(Environment("", {**os.environ, **settings}))
        except OSError as exc:  # a setting missing or malformed
            raise StoreError(f"the views: {exc}") from None
        journal, audit = open_postgres_views(factory.datastore, prefix=prefix)
        try:
            sharing = open_postgres_sharing(factory.datastore, prefix=prefix)
        except StoreError:
            factory.datastore.close()
            raise
        return cls(journal, audit, sharing, postgres_settings=settings, prefix=prefix)

    # Keeping the views current ------------------------------------------------------------------

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
                _log(market), self._projections, batch_size=batch_size, progress=progress
            )

    def follow(self, market: ShareMarket | EventLog, *, interval_s: float = INTERVAL_S) -> Follower:
        """Start a thread that polls ``market`` and keeps the views current (any store).

        Starting raises nothing of sharemarket's: the thread keeps the error that stops it
        (a ``ProjectionHalted``, say) in the follower's ``error`` and raises it from its
        ``wait``; a store error is kept in ``last_store_error`` and retried at the next poll.
        """
        return Follower(
            _log(market), self._projections, interval_s=interval_s, lock=self._lock
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
        log = _log(market)
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
            return catch_up(_log(market), chosen, progress=progress)

    # Balances -----------------------------------------------------------------------------------

    def balances(self, firm: FirmId | str, *, as_of: AsOf = None) -> FirmBalances:
        """A firm's balances by asset and account kind, now or as of a position or date.

        Raises:
            InvalidInput: The credit code is malformed, or ``as_of`` is neither a position, a
                date nor None (a datetime, say).
        """
        return self.journal.balances(_firm(firm), as_of=as_of)

    def between(
        self, firm: FirmId | str, counterparty: FirmId | str, *, as_of: AsOf = None
    ) -> PairPosition:
        """What stands between two firms, seen from ``firm`` (``.owes`` is what it owes).

        Raises:
            InvalidInput: A credit code is malformed, or ``as_of`` is neither a position, a date
                nor None (a datetime, say).
        """
        return self.journal.between(_firm(firm), _firm(counterparty), as_of=as_of)

    def totals(self, *, as_of: AsOf = None) -> ParkTotals:
        """The park's totals (``.shared(asset)``: what the park shared of an asset, in all).

        Raises:
            InvalidInput: ``as_of`` is neither a position, a date nor None (a datetime, say).
        """
        return self.journal.totals(as_of=as_of)

    # The park's sharing report ------------------------------------------------------------------

    def sharing_report(self, first_day: date, last_day: date) -> SharingReport:
        """The park's sharing report of ``first_day`` to ``last_day`` (a month, a quarter), both
        counted: read from the period's rows of the sharing view, whatever its history.

        Raises:
            InvalidInput: A date is outside the range the market records, or ``last_day`` is
                before ``first_day``.
        """
        check_period(first_day, last_day)
        return self.sharing.report(first_day, last_day)

    # Audit trail --------------------------------------------------------------------------------

    def audit_rows(
        self,
        *,
        firm: FirmId | str | None = None,
        aggregate: UUID | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        after: int | None = None,
        limit: int = 100,
    ) -> AuditPage:
        """A page of audit rows, oldest first; pass ``page.next_after`` as ``after`` for more.

        Raises:
            InvalidInput: The credit code is malformed, ``since`` or ``until`` is not an aware
                datetime, or ``limit`` is outside 1 to 1000.
        """
        return self.audit.rows(
            firm=None if firm is None else _firm(firm),
            aggregate_id=aggregate,
            since=since,
            until=until,
            after=after,
            limit=limit,
        )

    def audit_tail(self, count: int = 10) -> tuple[AuditRow, ...]:
        """The last ``count`` rows of the trail, oldest first."""
        return tuple(parse_entry(e, h) for _, e, h in self.audit.select_tail(count))

    def all_audit_rows(self) -> Iterator[AuditRow]:
        """Every audit row in position order, streamed (constant memory)."""
        return self.audit.all_rows()

    def verify(
        self, *, deep: bool = False, checkpoint: AuditCheckpoint | str | None = None
    ) -> AuditVerification:
        """Walk the hash chain; ``deep`` also checks the search indexes against each row.

        Rows missing up to the views' position or standing beyond it fail too. With a
        ``checkpoint`` (from :meth:`audit_checkpoint`, or its text) the trail must still extend
        it: its row still has its hash.

        Raises:
            InvalidInput: The checkpoint's text is not one ``str(views.audit_checkpoint())``
                writes.
        """
        if checkpoint is not None:
            checkpoint = AuditCheckpoint.of(checkpoint)
        return self.audit.verify(deep=deep, checkpoint=checkpoint)

    def verify_against(self, market: ShareMarket | EventLog) -> AuditComparison:
        """Make every row again from the market's events and compare, position by position.

        Catches what the chain cannot: a row edited with every later row re-hashed, a row
        appended with a valid hash. Reads the market's whole history up to the views' position.

        Raises:
            ProjectionHalted: An event of the market could not be decoded or made into a row
                (its ``__cause__`` says why).
        """
        projection = self._projections[1]
        assert isinstance(projection, AuditProjection)
        return verify_against(self.audit, projection, _log(market))

    def audit_checkpoint(self, market: ShareMarket | EventLog | None = None) -> AuditCheckpoint:
        """The verified head of the trail (its position and hash), to store somewhere else.

        The trail is verified first (against ``market`` too, if given). Check it later with
        ``verify(checkpoint=...)``.

        Raises:
            AuditTrailBroken: The trail failed verification: a row was edited, inserted, removed
                or reordered.
        """
        result = self.verify() if market is None else self.verify_against(market)
        result.raise_if_broken()
        return AuditCheckpoint(result.last_position or 0, result.head_hash)

    def export_csv(self, target: Target | IO[str]) -> int:
        """Write the whole trail as CSV (streamed); returns the number of rows."""
        with _open(target, "w") as out:
            return write_csv(self.audit.all_rows(), out)

    def export_json_lines(self, target: Target | IO[bytes]) -> int:
        """Write the whole trail as JSON Lines (streamed, UTF-8); returns the number of rows."""
        with _open(target, "wb") as out:
            return write_json_lines(self.audit.json_lines(), out)

    # Life cycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the views' connections; they cannot be used afterwards."""
        self.journal.close()
        self.audit.close()
        self.sharing.close()

    def __enter__(self) -> ParkViews:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@contextlib.contextmanager
def _open(target: Any, mode: str) -> Iterator[Any]:
    """A file opened at a path (and closed after), or the stream given, left open."""
    if not isinstance(target, str | os.PathLike):
        yield target
    elif mode == "wb":
        with Path(target).open("wb") as out:
            yield out
    else:
        with Path(target).open("w", encoding="utf-8", newline="") as out:
            yield out
