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

``ParkViews`` is opened, queried for balances and the sharing report, and closed here; keeping
it current is ``keeping.py``'s part of it, its balances and sharing report ``balances.py``'s,
its audit trail ``trail.py``'s.
"""

from __future__ import annotations

import os
import threading
from types import TracebackType
from typing import Any

from eventsourcing.utils import Environment

from sharemarket.adapters.follower import Follower
from sharemarket.adapters.sqlite_sharing import open_sqlite_sharing
from sharemarket.adapters.sqlite_view_base import LOCK_TIMEOUT_S
from sharemarket.adapters.sqlite_views import open_sqlite_views
from sharemarket.application.matching.report import FirmSharing, KindCounts, SharingReport
from sharemarket.application.matching.sharing_projection import SharingProjection
from sharemarket.application.matching.sharing_view import SharingView
from sharemarket.application.projections.audit import AuditPage, AuditRow
from sharemarket.application.projections.audit_checkpoint import AuditCheckpoint
from sharemarket.application.projections.audit_market import (
    AuditComparison,
    TrailDifference,
)
from sharemarket.application.projections.audit_projection import AuditProjection
from sharemarket.application.projections.audit_verification import AuditVerification
from sharemarket.application.projections.audit_view import AuditView
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
from sharemarket.application.projections.journal_view import JournalView
from sharemarket.application.projections.projection import ViewProjection
from sharemarket.application.stores import postgres_env
from sharemarket.domain.errors import StoreError
from sharemarket.park_views.balances import Balances
from sharemarket.park_views.keeping import KeepingCurrent, Target
from sharemarket.park_views.trail import AuditTrail

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


class ParkViews(KeepingCurrent, Balances, AuditTrail):
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
