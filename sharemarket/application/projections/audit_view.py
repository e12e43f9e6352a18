"""The audit trail as a store holds it: its writes, its queries and its verification.

A store implements the primitives (write a batch, select entries by :class:`AuditQuery`, walk
the chain, read the firm index); the pages of rows, the streamed export and the verification
of the chain and its indexes are built here, the same for every store.
"""

from __future__ import annotations

from abc import abstractmethod
from array import array
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from uuid import UUID

import attrs
from eventsourcing.persistence import Tracking

from sharemarket.application.projections.audit import AuditPage, AuditRow, aggregate_key, micros
from sharemarket.application.projections.audit_checkpoint import AuditCheckpoint, CheckpointWatch
from sharemarket.application.projections.audit_entries import json_line, parse_entry
from sharemarket.application.projections.audit_verification import (
    AuditVerification,
    first_difference,
    verify_records,
)
from sharemarket.application.projections.views import MARKET, AuditBatch, View
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId

#: Largest page an audit query returns.
PAGE_MAX = 1000
#: Rows read per query when streaming the whole trail (an export holds one such page).
STREAM_PAGE = 2_000
#: Rows read per query when verifying (bigger pages, fewer round trips; no parsing).
VERIFY_PAGE = 10_000


@attrs.frozen
class AuditQuery:
    """Which rows to return: all filters are optional and combine; pages follow position order."""

    firm: str | None = None
    aggregate_key: int | None = None  # see aggregate_key(): rows are checked by id after
    since_us: int | None = None  # inclusive
    until_us: int | None = None  # exclusive
    after: int | None = None  # the previous page's ``next_after``
    limit: int = 100

    def sql(self, *, trail: str, firms: str, param: str) -> tuple[str, list[Any]]:
        """The SELECT of (position, entry, hash) for this query, and its parameters.

        ``trail`` and ``firms`` name the two tables and ``param`` is the store's placeholder
        ("?" or "%s"), so that SQLite and PostgreSQL build the same statement.
        """
        where: list[str] = []
        params: list[Any] = []
        if self.firm is not None:
            statement = (
                f"SELECT a.position, a.entry, a.hash FROM {firms} f "
                f"JOIN {trail} a ON a.position = f.position"
            )
            where.append(f"f.firm = {param}")
            params.append(self.firm)
            order = "f.position"
        else:
            statement = f"SELECT a.position, a.entry, a.hash FROM {trail} a"
            order = "a.position"
        for column, operator, value in (
            ("a.aggregate_key", "=", self.aggregate_key),
            ("a.at_us", ">=", self.since_us),
            ("a.at_us", "<", self.until_us),
            (order, ">", self.after),
        ):
            if value is not None:
                where.append(f"{column} {operator} {param}")
                params.append(value)
        if where:
            statement += " WHERE " + " AND ".join(where)
        statement += f" ORDER BY {order} LIMIT {param}"
        params.append(self.limit)
        return statement, params


class AuditView(View):
    """The audit trail: hash-chained entries with their time, aggregate and firm indexes."""

    @abstractmethod
    def write_audit(self, batch: AuditBatch, tracking: Tracking, after: int | None) -> None:
        """Store the batch and move tracking from ``after`` to ``tracking``, atomically."""

    @abstractmethod
    def head(self) -> tuple[int, bytes] | None:
        """Position and hash of the last row, or None while the trail is empty."""

    @abstractmethod
    def select_entries(self, query: AuditQuery) -> list[tuple[int, bytes, bytes]]:
        """(position, entry, hash) of the rows the query selects, in position order."""

    @abstractmethod
    def select_tail(self, count: int) -> list[tuple[int, bytes, bytes]]:
        """(position, entry, hash) of the last ``count`` rows, oldest first."""

    @abstractmethod
    def chain(self, *, deep: bool = False, page: int = VERIFY_PAGE) -> Iterator[tuple[Any, ...]]:
        """Every row in position order, page by page: ``(position, entry, hash)``, or with
        ``deep`` ``(position, at_us, aggregate_key, entry, hash)``."""

    @abstractmethod
    def indexed_firms(self) -> list[str]:
        """Every firm the firm index holds."""

    @abstractmethod
    def indexed_positions(self, firm: str) -> Iterator[int]:
        """The positions the firm index holds for ``firm``, ascending."""

    # Queries ------------------------------------------------------------------------------------

    def rows(
        self,
        *,
        firm: FirmId | None = None,
        aggregate_id: UUID | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        after: int | None = None,
        limit: int = 100,
    ) -> AuditPage:
        """One page of rows, oldest first; pass ``page.next_after`` as ``after`` for the next."""
        if not 1 <= limit <= PAGE_MAX:
            raise InvalidInput(f"limit {limit} must be between 1 and {PAGE_MAX}")
        query = AuditQuery(
            firm=None if firm is None else firm.code,
            aggregate_key=None if aggregate_id is None else aggregate_key(aggregate_id),
            since_us=None if since is None else micros(_aware(since, "since")),
            until_us=None if until is None else micros(_aware(until, "until")),
            after=after,
            limit=limit + 1,
        )
        found = self.select_entries(query)
        more = len(found) > limit
        rows = tuple(
            row
            for row in (parse_entry(entry, hash_) for _, entry, hash_ in found[:limit])
            if aggregate_id is None or row.aggregate_id == aggregate_id
        )
        return AuditPage(rows, found[limit - 1][0] if more else None)

    def all_rows(self) -> Iterator[AuditRow]:
        """Every row in position order, streamed page by page (constant memory)."""
        for _, entry, hash_ in self.chain(page=STREAM_PAGE):
            yield parse_entry(entry, hash_)

    def json_lines(self) -> Iterator[bytes]:
        """Every row as one UTF-8 JSON line, streamed page by page (constant memory)."""
        for _, entry, hash_ in self.chain(page=STREAM_PAGE):
            yield json_line(entry, hash_)

    def tracked_head(self, application_name: str = MARKET) -> tuple[int, tuple[int, bytes] | None]:
        """The view's position (0: none) and the trail's head, as one moment saw them.

        Read apart, a batch committed in between would make them disagree: the position is read
        before and after the head until it has not moved (a batch moves it with its rows).
        """
        while True:
            tracked = self.max_tracking_id(application_name) or 0
            head = self.head()
            if (self.max_tracking_id(application_name) or 0) == tracked:
                return tracked, head

    def verify(
        self,
        *,
        deep: bool = False,
        application_name: str = MARKET,
        checkpoint: AuditCheckpoint | None = None,
    ) -> AuditVerification:
        """Walk the chain; report the first position whose hash (or, ``deep``, index) is wrong.

        Rows missing up to the view's position and rows beyond it are reported too. ``deep``
        also checks the search indexes against the hashed entries: each row's time and
        aggregate, then the firm index firm by firm (holding one integer per firm and row).
        ``checkpoint``: the trail must also still extend it (its row, with its hash).
        """
        firm_positions: dict[str, array[int]] | None = {} if deep else None
        watch = None if checkpoint is None else CheckpointWatch(checkpoint)
        records = self.chain(deep=deep, page=VERIFY_PAGE)
        result = verify_records(
            records if watch is None else watch.rows(records),
            tracked=self.max_tracking_id(application_name) or 0,
            deep=deep,
            firm_positions=firm_positions,
            retrack=lambda: self.max_tracking_id(application_name),
        )
        if watch is not None:
            result = watch.judge(result)
        if not result.ok or firm_positions is None:
            return result
        bad = [
            position
            for firm in sorted({*firm_positions, *self.indexed_firms()})
            if (
                position := first_difference(
                    firm_positions.get(firm, ()), self.indexed_positions(firm)
                )
            )
            is not None
        ]
        if not bad:
            return result
        return attrs.evolve(
            result,
            ok=False,
            first_bad_position=min(bad),
            problem="its firm index differs from the firms its entry holds",
        )


def _aware(value: datetime, what: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise InvalidInput(f"{what} must be an aware datetime (e.g. tzinfo=sharemarket.PARK_TZ)")
    return value
