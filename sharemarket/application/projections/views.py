"""What a store must provide to hold the views: batched writes with their tracking, and queries.

A view is an eventsourcing ``TrackingRecorder``: each write stores a batch of rows together with
the position of the last event in it, in one transaction, and only if the view still stands at
the position the batch was computed from (else :class:`ViewOutOfStep`, and nothing is written).
Adapters implement the storage primitives; the typed queries are built once for every store,
the journal's in ``journal_view.py`` and the audit trail's in ``audit_view.py``. Here are the
batches and what every view keeps.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar
from uuid import UUID

import attrs
from eventsourcing.persistence import TrackingRecorder

from sharemarket.application.kernel.app import MarketApplication
from sharemarket.application.projections.audit import AuditRecord
from sharemarket.application.projections.parties import Roles

#: The application whose events the views hold, as its tracking records name it.
MARKET = MarketApplication.name

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
    #: prepares the next batch (worth it where a write mostly waits for a server without the
    #: interpreter lock, as PostgreSQL's does; not for SQLite's, see ``SQLiteView``).
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
