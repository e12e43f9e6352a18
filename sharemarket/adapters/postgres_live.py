"""Live PostgreSQL views: eventsourcing's ``ProjectionRunner`` for each projection (LISTEN/NOTIFY).

Each runner opens its own market application from the market's settings, subscribes to its
events (PostgreSQL notifies the subscription when events are recorded) and applies each new event
to its view, in one transaction with the view's tracking record. The views are configured through
eventsourcing's environment, with settings prefixed by the projection's name.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from eventsourcing.application import Application
from eventsourcing.projection import ProjectionRunner

from sharemarket.adapters.postgres_audit_view import PostgresAuditView
from sharemarket.adapters.postgres_journal_view import PostgresJournalView
from sharemarket.adapters.postgres_sharing import PostgresSharingView
from sharemarket.application.matching.sharing_projection import SharingProjection
from sharemarket.application.projections.audit_projection import AuditProjection
from sharemarket.application.projections.errors import ProjectionTimeout
from sharemarket.application.projections.journal_projection import JournalProjection
from sharemarket.application.projections.projection import ViewProjection

_NAMED: dict[tuple[type, str], type] = {}


def named(projection_class: type[ViewProjection[Any]], name: str) -> type[ViewProjection[Any]]:
    """The projection class under another name (eventsourcing names tables and settings by it)."""
    key = (projection_class, name)
    if key not in _NAMED:
        _NAMED[key] = type(
            f"{projection_class.__name__}_{name}", (projection_class,), {"name": name}
        )
    return _NAMED[key]


class LiveViews:
    """Three ProjectionRunners, journal, audit and sharing, keeping PostgreSQL views current.

    Use it as a context manager; :meth:`wait` returns once every view holds a position, and
    :meth:`run_forever` blocks (re-raising a projection's error) for a dedicated process.
    """

    def __init__(
        self,
        market_class: type[Application[Any]],
        env: Mapping[str, str],
        *,
        prefix: str = "",
    ) -> None:
        self.runners: list[ProjectionRunner[Any, Any]] = []
        try:
            for projection, view in (
                (JournalProjection, PostgresJournalView),
                (AuditProjection, PostgresAuditView),
                (SharingProjection, PostgresSharingView),
            ):
                self.runners.append(
                    ProjectionRunner(
                        application_class=market_class,
                        projection_class=named(projection, f"{prefix}{projection.name}"),
                        view_class=view,
                        env=dict(env),
                    )
                )
        except BaseException:
            self.stop()
            raise

    def wait(self, position: int | None, timeout_s: float = 10.0) -> None:
        """Return once every view holds ``position``; re-raise a runner's error."""
        deadline = time.monotonic() + timeout_s
        for runner in self.runners:
            try:
                runner.wait(position, timeout=max(deadline - time.monotonic(), 0.001))
            except TimeoutError:
                raise ProjectionTimeout(
                    f"the live views did not reach position {position} within {timeout_s} s"
                ) from None

    def run_forever(self, timeout_s: float | None = None) -> None:
        """Block until stopped or until a runner fails (its error is raised)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while deadline is None or time.monotonic() < deadline:
            for runner in self.runners:
                runner.run_forever(timeout=0.1)
                if runner.is_interrupted.is_set():
                    return

    def stop(self) -> None:
        """Stop the views' runners (leaving the ``with`` block does it)."""
        for runner in self.runners:
            runner.stop()

    def __enter__(self) -> LiveViews:
        for runner in self.runners:
            runner.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        errors = []
        for runner in self.runners:
            try:
                runner.__exit__(exc_type, exc, tb)
            except Exception as error:
                errors.append(error)
        if errors and exc is None:
            raise errors[0]
