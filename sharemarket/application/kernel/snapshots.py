"""How snapshots are stored: their JSON compressed with zlib, read back compressed or not."""

from __future__ import annotations

import copy
import zlib
from typing import Any

from eventsourcing.persistence import Compressor, Mapper

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
