"""Snapshots of the funds aggregates as the store keeps them: their size, and old shapes loaded.

A snapshot's size is the length of the state the market's own mapper stores for it (what
``app.take_snapshot`` writes). A version 1 snapshot is one whose state has the shape the
aggregate kept before its rows (issue 20): stored and loaded through the same mapper, it is
upcast as a snapshot in the store would be.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate, Snapshot
from eventsourcing.utils import get_topic

from sharemarket import ShareMarket
from sharemarket.domain.firm_id import FirmId, check_character

#: The size no snapshot may pass (issue 20).
SNAPSHOT_MAX_BYTES = 64 * 1024


def snapshot_bytes(market: ShareMarket, aggregate: Aggregate) -> int:
    """The bytes of ``aggregate``'s snapshot state as ``market`` would store it."""
    snapshot = type(aggregate).Snapshot.take(aggregate)
    return len(market._app.mapper.to_stored_event(snapshot).state)


def loaded(market: ShareMarket, aggregate: Aggregate, state: dict[str, Any]) -> Any:
    """``aggregate`` loaded from a snapshot holding ``state`` (its class version in
    ``state["class_version"]``, none for version 1), stored and read back by ``market``."""
    snapshot = type(aggregate).Snapshot(  # type: ignore[call-arg]
        originator_id=aggregate.id,
        originator_version=aggregate.version,
        timestamp=Snapshot.create_timestamp(),
        topic=get_topic(type(aggregate)),
        state=state,
    )
    stored = market._app.mapper.to_stored_event(snapshot)
    return market._app.mapper.to_domain_event(stored).mutate(None)


def firm(n: int) -> FirmId:
    """The ``n``-th of many valid enterprise credit codes (a park of hundreds of firms)."""
    first = f"91350526MA{n:07d}"
    return FirmId(first + check_character(first))
