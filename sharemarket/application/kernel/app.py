"""The eventsourcing application inside a market, and the few places where we override it.

It is internal: hosts reach the market through ``ShareMarket``'s slice services, which go through
the unit of work. Each override here exists for speed and says why.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, cast
from uuid import UUID

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.domain import Aggregate, DomainEventProtocol, MutableOrImmutableAggregate
from eventsourcing.persistence import (
    EventStore,
    JSONTranscoder,
    Notification,
    Recording,
    StoredEvent,
    Transcoder,
    Transcoding,
)

from sharemarket.application.kernel.group_commit import GroupCommit
from sharemarket.application.kernel.read_checks import checks_reads
from sharemarket.application.kernel.receipts import (
    KeepsReceipts,
    ReceiptCodec,
    keeps_receipts,
)
from sharemarket.application.kernel.snapshots import (
    SNAPSHOTS,
    keeps_snapshots,
    snapshot_mapper,
    take_due,
)
from sharemarket.application.kernel.transcoder import MarketTranscoder

#: Where a snapshot not stored with or after its command is reported (``snapshot_and_notify``).
SNAPSHOT_LOG = logging.getLogger("sharemarket.snapshots")

#: Optimistic-concurrency attempts per command before ConcurrentUpdate is raised.
MAX_ATTEMPTS = 8


class MarketApplication(Application[UUID]):
    """eventsourcing's ``Application`` with the slices' transcodings and snapshot intervals."""

    name = "ShareMarket"
    snapshotting_intervals: ClassVar[dict[type[MutableOrImmutableAggregate[Any]], int]] = {}
    max_attempts = MAX_ATTEMPTS

    #: The transcodings of every slice (the composition root sets them from the registry).
    slice_transcodings: ClassVar[tuple[Transcoding, ...]] = ()

    def __init__(self, env: Mapping[str, Any] | None = None) -> None:
        super().__init__(env=dict(env) if env is not None else None)
        # Whether the event store checks a save's reads in its transaction (read_checks); if
        # not, read-only copies are checked with a query before each decision instead.
        self.checks_reads = checks_reads(self.recorder)
        # Whether request receipts go to the store's receipts table (else, as RequestReceipt
        # aggregates), and whether the store may also hold receipts written as aggregates
        # before it had that table (application.kernel.receipts).
        self.keeps_receipts = keeps_receipts(self.recorder)
        self.holds_old_receipts = (
            self.keeps_receipts and cast(KeepsReceipts, self.recorder).holds_old_receipts()
        )
        self.receipt_codec = ReceiptCodec(self.mapper)
        # Whether snapshots are written in their command's transaction (kernel.snapshots).
        self.snapshots_with_events = self.snapshots is not None and keeps_snapshots(
            self.recorder, self.snapshots.recorder
        )
        self.group_commit = GroupCommit(self.record_encoded, self.snapshot_and_notify)

    def save(
        self,
        *objs: MutableOrImmutableAggregate[UUID] | DomainEventProtocol[UUID] | None,
        **kwargs: Any,
    ) -> list[Recording[UUID]]:
        """eventsourcing's ``save``, in one transaction with the saves other threads of this
        process make meanwhile (``group_commit``); it returns or raises what it would alone.

        The events are encoded here, on the caller's thread, so that the thread recording the
        group does not encode the group's events while it holds the store's write lock."""
        processing_event = self.collect(*objs, **kwargs)
        self.snapshot_with_events(processing_event)
        return self.group_commit.commit(processing_event, self.encode(processing_event))

    def save_alone(
        self,
        *objs: MutableOrImmutableAggregate[UUID] | DomainEventProtocol[UUID] | None,
        **kwargs: Any,
    ) -> None:
        """eventsourcing's ``save``, in a transaction of its own (a batch of many commands).

        It returns nothing: a batch's caller reads no recordings, so they are built (a
        ``Notification`` and a ``Recording`` an event) only for a subclass that is notified
        of them (one that overrides ``_notify``)."""
        processing_event = self.collect(*objs, **kwargs)
        self.snapshot_with_events(processing_event)
        notified = type(self)._notify is not Application._notify
        stored = self.encode(processing_event)
        recordings = self.record_encoded(processing_event, stored, keep_recordings=notified)
        self.snapshot_and_notify(processing_event, recordings)

    def collect(
        self,
        *objs: MutableOrImmutableAggregate[UUID] | DomainEventProtocol[UUID] | None,
        **kwargs: Any,
    ) -> ProcessingEvent[UUID]:
        """The new events of ``objs`` and the ``save()`` keywords, ready to be recorded.

        ``ProcessingEvent.collect_events`` asks of every object whether it is a
        ``DomainEventProtocol`` and a ``CollectEventsProtocol``: runtime Protocol checks that
        walk the protocols' members, about 15 us per aggregate on Python 3.11, a tenth of the
        command path. What this application saves are ``Aggregate`` instances, which a nominal
        check recognises; anything else is collected the standard way.
        """
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        for obj in objs:
            if isinstance(obj, Aggregate):
                processing_event.events.extend(obj.collect_events())
                processing_event.aggregates[obj.id] = obj
            else:
                processing_event.collect_events(obj)
        processing_event.saved_kwargs.update(kwargs)
        return processing_event

    def encode(self, processing_event: ProcessingEvent[UUID]) -> list[StoredEvent]:
        """The collected events as the store keeps them (what eventsourcing's ``EventStore.put``
        does first)."""
        to_stored_event = self.mapper.to_stored_event
        return [to_stored_event(event) for event in processing_event.events]

    def record_encoded(
        self,
        processing_event: ProcessingEvent[UUID],
        stored: Sequence[StoredEvent],
        *,
        keep_recordings: bool = True,
    ) -> list[Recording[UUID]]:
        """Record collected events, ``stored`` their encoding, in one transaction: eventsourcing's
        ``_record`` (``EventStore.put``, then the repository's cache) on events encoded before.

        Apart from ``save`` so that the group commit can record several commands' collections
        together and, if that fails, each on its own: the collected events stay in the
        ``ProcessingEvent`` (an aggregate hands its pending events over only once). Without
        ``keep_recordings`` it returns no recordings (none is built).
        """
        notification_ids = self.recorder.insert_events(
            stored, tracking=processing_event.tracking, **processing_event.saved_kwargs
        )
        recordings: list[Recording[UUID]] = []
        if notification_ids and keep_recordings:
            assert len(notification_ids) == len(stored)
            for event, s, notification_id in zip(
                processing_event.events, stored, notification_ids, strict=True
            ):
                notification = Notification(
                    originator_id=s.originator_id,
                    originator_version=s.originator_version,
                    topic=s.topic,
                    state=s.state,
                    id=notification_id,
                )
                recordings.append(Recording(event, notification))
        cache = self.repository.cache
        if cache and not self.repository.fastforward:
            for aggregate_id, aggregate in processing_event.aggregates.items():
                cache.put(aggregate_id, aggregate)
        return recordings

    def snapshot_with_events(self, processing_event: ProcessingEvent[UUID]) -> None:
        """On a store that writes snapshots in their command's transaction: the snapshots this
        save makes due, taken from the saved aggregates and encoded, in its keywords.

        A snapshot that cannot be taken or encoded is logged (on the ``sharemarket.snapshots``
        logger, as ``snapshot_and_notify`` logs one) and the command is saved without it; one
        that the store cannot write fails with the events, as any write of the transaction
        does, and nothing of the command is recorded."""
        if not self.snapshots_with_events:
            return
        assert self.snapshots is not None
        try:
            encode = self.snapshots.mapper.to_stored_event
            taken = [encode(s) for s in take_due(processing_event, self.snapshotting_intervals)]
        except Exception:
            _log_snapshot_failure()
        else:
            if taken:
                processing_event.saved_kwargs[SNAPSHOTS] = taken

    def snapshot_and_notify(
        self, processing_event: ProcessingEvent[UUID], recordings: list[Recording[UUID]]
    ) -> None:
        """What ``save`` does once the events are recorded.

        On a store that cannot write snapshots with the events (``snapshot_with_events``), a
        snapshot is written after its command's transaction (``take_due``). If it cannot be
        (the disk full, a lock held too long, a state that cannot be encoded), the command
        is recorded all the same: the failure goes to the ``sharemarket.snapshots`` logger
        instead of the caller, who would otherwise retry a command that succeeded (in a
        group commit, every command of the group). The aggregate loads from its events
        meanwhile, and the save that crosses its next interval snapshots it again.
        """
        if self.snapshots is not None and not self.snapshots_with_events:
            try:
                taken = take_due(processing_event, self.snapshotting_intervals)
                if taken:
                    self.snapshots.put(taken)
            except Exception:
                _log_snapshot_failure()
        self._notify(recordings)

    def construct_snapshot_store(self) -> EventStore[UUID]:
        """eventsourcing's snapshot store, its snapshots compressed (kernel.snapshots)."""
        store = super().construct_snapshot_store()
        store.mapper = snapshot_mapper(self.mapper)
        return store

    def construct_transcoder(self) -> Transcoder:
        """eventsourcing's transcoder, or, where that is its default, the faster one of ours
        that writes the same bytes (``MarketTranscoder``). A TRANSCODER_TOPIC is honoured."""
        transcoder = self.factory.transcoder()
        if type(transcoder) is JSONTranscoder:
            transcoder = MarketTranscoder()
        if isinstance(transcoder, JSONTranscoder):
            self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in self.slice_transcodings:
            transcoder.register(transcoding)

    @property
    def transcoder(self) -> JSONTranscoder:
        transcoder = self.mapper.transcoder
        assert isinstance(transcoder, JSONTranscoder)
        return transcoder


def _log_snapshot_failure() -> None:
    SNAPSHOT_LOG.warning(
        "a snapshot due with a command was not stored (the command is not failed for it); "
        "the aggregates it was for load from their events until their next interval",
        exc_info=True,
    )
