"""The audit trail: one hash-chained row per event, in the application's notification order.

A row is stored as one ``entry``: ``b"<position>\\n<header JSON>\\n<content JSON>"``, where the
header holds the time, aggregate kind and id, version, event type, acting user, firms involved
and the one-line summary, and the content is the event's canonical JSON. Each row's hash
is ``SHA-256(previous row's hash + entry)`` (32 zero bytes before the first row), so changing,
inserting, removing or reordering any row breaks the chain from that row on. The columns a view
keeps beside the entry (time, aggregate id, firms) are search indexes only: everything a query
returns is read from the entry, and ``verify(deep=True)`` also checks the indexes against it.

Here are the rows and the records a view stores; the summaries are ``audit_summaries.py``'s,
the making and reading of entries ``audit_entries.py``'s, the chain's verification
``audit_verification.py``'s and the view's queries ``audit_view.py``'s.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple
from uuid import UUID

import attrs

from sharemarket.domain.firm_id import FirmId

#: The "previous hash" of the first row.
GENESIS = bytes(32)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_TWO_63, _TWO_64 = 1 << 63, 1 << 64


def aggregate_key(aggregate_id: UUID) -> int:
    """The aggregate index's key: the id's first 8 bytes as a signed 64-bit integer.

    Integers index much faster than UUID strings. Two aggregates may share a key (about one
    chance in 2**64 per pair), so a query by aggregate also checks the id each entry holds.
    """
    key = aggregate_id.int >> 64
    return key - _TWO_64 if key >= _TWO_63 else key


def micros(instant: datetime) -> int:
    """Microseconds since the epoch (UTC), the time index of the audit trail."""
    return (instant - _EPOCH) // _MICROSECOND


@attrs.frozen
class AuditRow:
    """One event as the audit trail shows it."""

    position: int
    recorded_at: datetime
    aggregate_kind: str
    aggregate_id: UUID
    version: int
    event_type: str
    user: str
    firms: tuple[FirmId, ...]
    summary: str
    content: str  # canonical JSON
    hash: str  # hex SHA-256 over the previous row's hash and this row's entry

    def as_dict(self) -> dict[str, Any]:
        """Plain values (strings and numbers) for CSV, JSON or a web page."""
        return {
            "position": self.position,
            "recorded_at": self.recorded_at.isoformat(),
            "aggregate_kind": self.aggregate_kind,
            "aggregate_id": str(self.aggregate_id),
            "version": self.version,
            "event_type": self.event_type,
            "user": self.user,
            "firms": [f.code for f in self.firms],
            "summary": self.summary,
            "content": self.content,
            "hash": self.hash,
        }


class AuditRecord(NamedTuple):
    """An audit row as a view stores it: the hashed entry and the search indexes beside it."""

    position: int
    at_us: int
    aggregate_key: int  # see aggregate_key()
    firms: tuple[str, ...]
    entry: bytes
    hash: bytes


@attrs.frozen
class AuditPage:
    """Rows of one query page, and the position to pass as ``after`` for the next page."""

    rows: tuple[AuditRow, ...]
    next_after: int | None  # None when this was the last page


_NAMES: dict[type, tuple[str, str]] = {}


def event_names(cls: type) -> tuple[str, str]:
    """(aggregate kind, event type) of an event class: ("Park", "FirmAdmitted")."""
    names = _NAMES.get(cls)
    if names is None:
        kind, _, name = cls.__qualname__.rpartition(".")
        names = (kind or cls.__module__.rpartition(".")[2], name)
        _NAMES[cls] = names
    return names
