"""The in-memory event store, checking a save's reads (see ``application.read_checks``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, StoredEvent
from eventsourcing.popo import POPOApplicationRecorder, POPOFactory

from sharemarket.application.kernel.read_checks import READS, ReadChanged, ReadVersions


class MemoryMarketRecorder(POPOApplicationRecorder):
    checks_reads = True

    def _assert_uniqueness(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> None:
        # Called under the recorder's lock, before anything is stored.
        super()._assert_uniqueness(stored_events, **kwargs)
        reads: ReadVersions = kwargs.get(READS) or {}
        for aggregate_id, version in reads.items():
            # Versions are contiguous: a newer event exists if and only if the next one does.
            index = self._stored_events_index.get(str(aggregate_id))
            if index is not None and version + 1 in index:
                raise ReadChanged(aggregate_id, version)


class MemoryMarketFactory(POPOFactory):
    def application_recorder(self) -> ApplicationRecorder:
        return MemoryMarketRecorder()
