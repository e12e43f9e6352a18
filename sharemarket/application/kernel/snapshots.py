"""How snapshots are stored: their JSON compressed with zlib, read back compressed or not; and,
on a store that can, in the transaction of the command that makes them due (``SNAPSHOTS``)."""

from __future__ import annotations

import copy
import zlib
from collections.abc import Mapping
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate, DomainEventProtocol
from eventsourcing.persistence import Compressor, Mapper, Recorder

#: The ``save()`` keyword (passed through to ``insert_events``) that carries the snapshots a
#: command makes due, encoded for the snapshot store, to a store that writes them in the
#: command's own transaction (``KeepsSnapshots``). Elsewhere they are written after it.
SNAPSHOTS = "snapshots"

#: zlib's fastest level. A snapshot is encoded on the command path whenever a save crosses its
#: aggregate's interval; level 1 costs a fraction of level 6's time for a few percent more bytes
#: (docs/performance.md, "Where the time goes").
LEVEL = 1

#: How every snapshot written before snapshots were compressed starts: its state is a JSON
#: object. A zlib stream never starts so (its first byte names the method, 8, in its low four
#: bits; "{" is 0x7B, method 11).
_JSON_OBJECT = b"{"


class SnapshotCompressor(Compressor):
    """zlib at ``LEVEL`` for the snapshots this version writes; a snapshot written before, plain
    JSON, is read as it is."""

    def compress(self, data: bytes) -> bytes:
        return zlib.compress(data, LEVEL)

    def decompress(self, data: bytes) -> bytes:
        if data.startswith(_JSON_OBJECT):
            return data
        return zlib.decompress(data)


def snapshot_mapper(mapper: Mapper[Any]) -> Mapper[Any]:
    """The mapper of the snapshot store: the events' mapper, its snapshots compressed.

    Snapshots are rewritten state, not history: unlike events (which older versions of the
    library must read as they are), their stored form may change, as long as this version still
    reads every snapshot a store holds. An application that compresses everything already
    (``COMPRESSOR_TOPIC``) keeps its own compressor, and so its snapshots as they were; a cipher
    (``CIPHER_TOPIC``) applies as for events, after compressing.
    """
    if mapper.compressor is not None:
        return mapper
    compressed = copy.copy(mapper)
    compressed.compressor = SnapshotCompressor()
    return compressed


def stored_document(mapper: Mapper[Any], state: bytes) -> bytes:
    """The JSON document of a snapshot's stored state: decrypted, then decompressed, as the
    ``mapper`` of its store (``snapshot_mapper``) reads it."""
    if mapper.cipher is not None:
        state = mapper.cipher.decrypt(state)
    if mapper.compressor is not None:
        state = mapper.compressor.decompress(state)
    return state


class KeepsSnapshots(Protocol):
    """An event store that writes a save's snapshots (``SNAPSHOTS``) in the save's transaction.

    Every commit costs a flush of the database's log (and on PostgreSQL a round trip), whatever
    it holds: a snapshot written in a transaction of its own after its command cost a second
    one (0.04 commits a command in the benchmark's park, docs/performance.md). In the command's
    transaction it is atomic with the events it sums up, and rolled back with them. The SQLite
    and PostgreSQL stores keep snapshots so when the snapshot table is in their database (the
    market's own stores); the in-memory store, PostgreSQL with eventsourcing's database
    functions (``POSTGRES_ENABLE_DB_FUNCTIONS``) and any other recorder write them after."""

    def keep_snapshots_of(self, snapshots: Recorder) -> bool:
        """Whether this store will write the snapshots a save carries into ``snapshots``' table,
        in the save's transaction (it can if both tables are in one database)."""
        ...


def keeps_snapshots(recorder: Recorder, snapshots: Recorder) -> bool:
    """Whether ``recorder`` writes snapshots in their command's transaction (``KeepsSnapshots``)."""
    keep = getattr(recorder, "keep_snapshots_of", None)
    return keep is not None and bool(keep(snapshots))


def take_due(
    processing_event: ProcessingEvent[UUID], intervals: Mapping[type, int]
) -> list[DomainEventProtocol[UUID]]:
    """A snapshot of each saved aggregate whose new events crossed its snapshot interval, once,
    taken from the aggregate as saved (eventsourcing's default reloads it from the store)."""
    crossed: dict[UUID, Aggregate] = {}
    aggregates = processing_event.aggregates
    for event in processing_event.events:
        aggregate = aggregates.get(event.originator_id)
        interval = intervals.get(type(aggregate))
        if interval and event.originator_version % interval == 0:
            crossed[event.originator_id] = aggregate  # type: ignore[assignment]
    return [type(a).Snapshot.take(a) for a in crossed.values()]
