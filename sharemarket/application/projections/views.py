"""What a store must provide to hold the views: batched writes with their tracking, and queries.

A view is an eventsourcing ``TrackingRecorder``: each write stores a batch of rows together with
the position of the last event in it, in one transaction, and only if the view still stands at
the position the batch was computed from (else :class:`ViewOutOfStep`, and nothing is written).
Adapters implement the storage primitives; the typed queries are built here, once for every
store.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

import attrs
from eventsourcing.persistence import Tracking, TrackingRecorder

from sharemarket.application.kernel.app import MarketApplication
from sharemarket.application.projections.audit import (
    AuditPage,
    AuditRecord,
    AuditRow,
    AuditVerification,
    aggregate_key,
    first_difference,
    json_line,
    micros,
    parse_entry,
    verify_records,
)
from sharemarket.application.projections.audit_checkpoint import AuditCheckpoint, CheckpointWatch
from sharemarket.application.projections.balances import (
    AsOf,
    BalanceLine,
    FirmBalances,
    PairPosition,
    ParkTotals,
    check_as_of,
)
from sharemarket.application.projections.catalogue import asset
from sharemarket.application.projections.journal import AccountKind
from sharemarket.application.projections.parties import Roles
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId

#: The application whose events the views hold, as its tracking records name it.
MARKET = MarketApplication.name
#: Largest page an audit query returns.
PAGE_MAX = 1000
#: Rows read per query when streaming the whole trail (an export holds one such page).
STREAM_PAGE = 2_000
#: Rows read per query when verifying (bigger pages, fewer round trips; no parsing).
VERIFY_PAGE = 10_000

# (position, seq, day, firm, counterparty, asset, kind, amount, reference)
PostingRow = tuple[int, int, str, str, str, str, str, int, str]
# (aggregate id, role, firm)
PartyRow = tuple[str, str, str]


@attrs.define
class JournalBatch:
    """Rows one write adds to the journal: postings, and the deltas of the running sums."""

    postings: list[PostingRow] = attrs.field(factory=list)
    balances: dict[tuple[str, str, str], int] = attrs.field(factory=dict)
    pairs: dict[tuple[str, str, str, str], int] = attrs.field(factory=dict)
    parties: list[PartyRow] = attrs.field(factory=list)


# (position, at_us, aggregate_key, entry, hash), the columns of the trail
TrailRow = tuple[int, int, int, bytes, bytes]
# (firm, position), the firm index
FirmRow = tuple[str, int]


@attrs.define
class AuditBatch:
    """Rows one write adds to the audit trail, kept column by column.

    Columns of plain values (integers, bytes, strings) rather than a tuple per row: the garbage
    collector does not watch them, so a batch of thousands of rows costs it nothing. The rows
    are put together as the store takes them (:meth:`trail`, :meth:`firms`).
    """

    positions: list[int] = attrs.field(factory=list)
    at_us: list[int] = attrs.field(factory=list)
    aggregate_keys: list[int] = attrs.field(factory=list)
    entries: list[bytes] = attrs.field(factory=list)
    hashes: list[bytes] = attrs.field(factory=list)
    firm_codes: list[str] = attrs.field(factory=list)
    firm_positions: list[int] = attrs.field(factory=list)
    parties: list[PartyRow] = attrs.field(factory=list)

    def add(self, record: AuditRecord) -> None:
        position = record.position
        self.positions.append(position)
        self.at_us.append(record.at_us)
        self.aggregate_keys.append(record.aggregate_key)
        self.entries.append(record.entry)
        self.hashes.append(record.hash)
        for firm in record.firms:
            self.firm_codes.append(firm)
            self.firm_positions.append(position)

    def trail(self) -> Iterator[TrailRow]:
        columns = (self.positions, self.at_us, self.aggregate_keys, self.entries, self.hashes)
        return zip(*columns, strict=True)

    def firms(self) -> Iterator[FirmRow]:
        return zip(self.firm_codes, self.firm_positions, strict=True)

    @property
    def last_hash(self) -> bytes | None:
        return self.hashes[-1] if self.hashes else None


class View(TrackingRecorder, ABC):
    """What every view keeps besides its rows: tracking, the parties of aggregates, a reset."""

    #: Whether a long catch-up may write this view's batches on a thread of its own while it
    #: prepares the next batch (worth it where a write mostly waits for a server, or for a
    #: database library that lets go of the interpreter while it writes, as SQLite's does).
    write_behind: ClassVar[bool] = False

    @abstractmethod
    def stored_roles(self, aggregate_id: UUID) -> Roles:
        """The roles stored for an aggregate (empty when none were declared)."""

    @abstractmethod
    def clear(self) -> None:
        """Forget every row and the tracking position, so the view is rebuilt from scratch."""

    @abstractmethod
    def close(self) -> None: ...

    @contextmanager
    def catching_up(self, backlog: int) -> Iterator[None]:
        """Around a catch-up of ``backlog`` positions (at least as many as the events: SQLite's
        receipts take positions the log skips): a store may leave work until the end.

        (Building a search index once over many new rows is cheaper than keeping it up to
        date row by row.) Every query answers the same meanwhile, if more slowly.
        """
        yield


class JournalView(View):
    """The balances journal: postings, running balances per firm and per pair, parties."""

    @abstractmethod
    def write_journal(self, batch: JournalBatch, tracking: Tracking, after: int | None) -> None:
        """Store the batch and move tracking from ``after`` to ``tracking``, atomically."""

    @abstractmethod
    def sums(
        self, firm: str | None, counterparty: str | None, as_of: AsOf
    ) -> list[tuple[str, str, int]]:
        """(asset, kind, amount) summed over the postings selected (``None``: every firm)."""

    @abstractmethod
    def firm_count(self, as_of: AsOf) -> int: ...

    # Queries ------------------------------------------------------------------------------------

    def balances(self, firm: FirmId, *, as_of: AsOf = None) -> FirmBalances:
        as_of = check_as_of(as_of)
        return FirmBalances(_lines(self.sums(firm.code, None, as_of)), firm=firm, as_of=as_of)

    def between(self, firm: FirmId, counterparty: FirmId, *, as_of: AsOf = None) -> PairPosition:
        as_of = check_as_of(as_of)
        lines = _lines(self.sums(firm.code, counterparty.code, as_of))
        return PairPosition(lines, firm=firm, counterparty=counterparty, as_of=as_of)

    def totals(self, *, as_of: AsOf = None) -> ParkTotals:
        as_of = check_as_of(as_of)
        return ParkTotals(
            _lines(self.sums(None, None, as_of)), as_of=as_of, firms=self.firm_count(as_of)
        )


def _lines(rows: Sequence[tuple[str, str, int]]) -> tuple[BalanceLine, ...]:
    lines = [BalanceLine(asset(a), AccountKind(k), amount) for a, k, amount in rows if amount]
    return tuple(sorted(lines, key=lambda line: (line.asset.value, line.kind.value)))


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
