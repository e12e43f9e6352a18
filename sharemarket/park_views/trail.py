"""The audit trail of the views: its rows, their verification, and its export.

A part of :class:`~sharemarket.park_views.ParkViews` (whose methods these are).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from sharemarket.adapters.export import write_csv, write_json_lines
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.market import ShareMarket
from sharemarket.application.projections.audit import AuditPage, AuditRow
from sharemarket.application.projections.audit_checkpoint import AuditCheckpoint
from sharemarket.application.projections.audit_entries import parse_entry
from sharemarket.application.projections.audit_market import AuditComparison, verify_against
from sharemarket.application.projections.audit_projection import AuditProjection
from sharemarket.application.projections.audit_verification import AuditVerification
from sharemarket.application.projections.audit_view import AuditView
from sharemarket.application.projections.projection import ViewProjection
from sharemarket.domain.firm_id import FirmId
from sharemarket.park_views.balances import as_firm
from sharemarket.park_views.keeping import Target, event_log_of


class AuditTrail:
    """The audit trail's rows read, verified (against the market too) and exported."""

    audit: AuditView
    _projections: tuple[ViewProjection[Any], ...]

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
            firm=None if firm is None else as_firm(firm),
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
        return verify_against(self.audit, projection, event_log_of(market))

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
