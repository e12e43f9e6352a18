"""What a unit of work read but does not save, verified before its save or in it (read_checks).

The copies a unit saves are verified by the save's version check; the copies it only read (the
warm copies it did not catch up, the read-only copies it relied on) are not. A store that checks
a save's reads verifies them in the save's transaction (:func:`reads_keyword`); any other is
asked before the save (:func:`still_current`). Apart from ``unit_of_work`` so that the command
path's module stays about running commands.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.persistence import PersistenceError

from sharemarket.application.kernel.read_checks import READS, ReadChanged, ReadVersions
from sharemarket.application.kernel.unit import Unit
from sharemarket.domain.errors import StoreError
from sharemarket.domain.requests import RequestReceipt

if TYPE_CHECKING:
    from sharemarket.application.kernel.app import MarketApplication


def still_current(app: MarketApplication, unit: Unit) -> bool:
    """Whether the warm copies the unit read but will not save are still current, asked of a
    store that does not check a save's reads (on one that does: True, the save checks)."""
    if app.checks_reads:
        return True
    for aggregate_id in unit.unverified - unit.touched.keys():
        aggregate = unit.aggregates[aggregate_id]
        if app.recorder.select_events(aggregate_id, gt=aggregate.version, limit=1):
            return False
    if app.holds_old_receipts:  # see receipts.record_receipt
        for request_id in unit.receipts:
            if app.recorder.select_events(RequestReceipt.id_for(request_id), limit=1):
                return False
    return True


def trusted_copies_current(app: MarketApplication, unit: Unit, relied_on: Collection[UUID]) -> bool:
    """Whether the copies an optimistic unit's step relied on without asking the store are
    still current: the warm copies among ``relied_on`` (what the step took from the unit or
    loaded) that were not caught up, and the read-only copies the unit read.

    A decision made on them is verified by the save; a refusal is never saved, so before one is
    raised in an optimistic batch these are asked about, a query each. If one is stale, the
    refusal may be the stale copy's, and the batch is decided again on fresh state."""
    try:
        return _current(app, unit, relied_on)
    except PersistenceError as exc:
        raise StoreError(f"the event store failed to check a refusal's premises: {exc}") from None


def _current(app: MarketApplication, unit: Unit, relied_on: Collection[UUID]) -> bool:
    select_events = app.recorder.select_events
    for aggregate_id in unit.unverified.intersection(relied_on):
        aggregate = unit.aggregates.get(aggregate_id)
        if aggregate is None:
            continue
        stored = aggregate.version - len(aggregate.pending_events)
        if select_events(aggregate_id, gt=stored, limit=1):
            return False
    # A store written before its receipts table holds reads of old receipts (one per
    # command, see receipts.record_receipt): not copies any decision relied on.
    receipt_ids = (
        {RequestReceipt.id_for(request_id) for request_id in unit.receipts}
        if app.holds_old_receipts
        else set()
    )
    for aggregate_id, version in unit.reads.items():
        if aggregate_id in receipt_ids:
            continue
        if select_events(aggregate_id, gt=version or None, limit=1):
            return False
    return True


def reads_keyword(app: MarketApplication, unit: Unit) -> dict[str, ReadVersions]:
    """The ``save()`` keyword carrying what the unit read but does not save (read_checks).

    The warm copies it read without catching them up and the read-only copies it relied on,
    each at the version it read. An aggregate it also saves is checked by the save itself,
    provided the copy it changed is the one it read (else ``ReadChanged``: decided again).
    """
    if not app.checks_reads:
        return {}
    reads = dict(unit.reads)
    if reads:
        for aggregate_id, aggregate in unit.touched.items():
            read = reads.pop(aggregate_id, None)
            if read is not None and read != aggregate.version - len(aggregate.pending_events):
                raise ReadChanged(aggregate_id, read)
    if unit.unverified:
        for aggregate_id in unit.unverified - unit.touched.keys():
            reads.setdefault(aggregate_id, unit.aggregates[aggregate_id].version)
    return {READS: reads} if reads else {}
