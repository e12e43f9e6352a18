"""The in-memory event store, checking a save's reads (see ``application.read_checks``) and
keeping request receipts beside the events (see ``application.kernel.receipts``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, IntegrityError, StoredEvent
from eventsourcing.popo import POPOApplicationRecorder, POPOFactory

from sharemarket.application.kernel.read_checks import READS, ReadChanged, ReadVersions
from sharemarket.application.kernel.receipts import RECEIPTS, StoredReceipts


class MemoryMarketRecorder(POPOApplicationRecorder):
    checks_reads = True
    keeps_receipts = True

    def __init__(self) -> None:
        super().__init__()
        self._receipts: dict[UUID, bytes] = {}

    def _assert_uniqueness(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> None:
        # Called under the recorder's lock, before anything is stored.
        super()._assert_uniqueness(stored_events, **kwargs)
        reads: ReadVersions = kwargs.get(READS) or {}
        for aggregate_id, version in reads.items():
            # Versions are contiguous: a newer event exists if and only if the next one does.
            index = self._stored_events_index.get(str(aggregate_id))
            if index is not None and version + 1 in index:
                raise ReadChanged(aggregate_id, version)
        receipts: StoredReceipts = kwargs.get(RECEIPTS) or ()
        receipt_ids = {receipt_id for receipt_id, _ in receipts}
        taken = self._receipts
        if len(receipt_ids) < len(receipts) or any(r in taken for r in receipt_ids):
            raise IntegrityError("a request id of this save already has a receipt")

    def _update_table(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        notification_ids = super()._update_table(stored_events, **kwargs)
        receipts: StoredReceipts = kwargs.get(RECEIPTS) or ()
        self._receipts.update(receipts)
        return notification_ids

    def select_receipt(self, receipt_id: UUID) -> bytes | None:
        with self._database_lock:
            return self._receipts.get(receipt_id)

    def holds_old_receipts(self) -> bool:
        return False


class MemoryMarketFactory(POPOFactory):
    def application_recorder(self) -> ApplicationRecorder:
        return MemoryMarketRecorder()
