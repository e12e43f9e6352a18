"""What the runs of eventsourcing's own recorder test cases on our recorders share.

eventsourcing ships its recorder contract as abstract ``unittest`` cases
(``eventsourcing.tests.persistence``) and runs them on each of its recorders by subclassing them
with a ``create_recorder``. The modules ``test_recorder_cases_*`` do the same for ours, one per
store. Each of our application recorders also runs them "with reads checked": every insert then
carries reads (``read_checks.READS``), as a command's save does, so the check runs inside each of
eventsourcing's inserts, on the path the market's commands take.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import (
    ApplicationRecorder,
    InfrastructureFactory,
    StoredEvent,
)
from eventsourcing.utils import Environment

from sharemarket.adapters.memory_recorder import MemoryMarketRecorder
from sharemarket.adapters.postgres_recorder import PostgresMarketRecorder
from sharemarket.adapters.sqlite_recorder import SQLiteMarketRecorder
from sharemarket.application.kernel.read_checks import READS, ReadChanged

#: How many aggregates written earlier each checked insert says it read (a save reads a few).
RECENT_READS = 3


class ReadsOnEveryInsert:
    """A recorder whose every insert carries reads that are still current, as a save's would.

    Each insert says it read an aggregate that was never written (version 0, as the market
    reads an aggregate it finds missing) and the last few aggregates written before it, at their
    latest versions, leaving out those it writes itself. None has changed since, so every
    insert must behave exactly as without reads; the check runs all the same, in the insert's
    transaction. (eventsourcing's cases write each aggregate once in their concurrent tests, so
    a read taken here is never overtaken by another thread's write.)
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._never_written = uuid4()
        self._latest: dict[UUID, int] = {}
        self._latest_lock = threading.Lock()
        self.checked_inserts = 0

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        written = {event.originator_id for event in stored_events}
        reads = {self._never_written: 0}
        with self._latest_lock:
            recent = [(i, v) for i, v in self._latest.items() if i not in written]
        reads.update(recent[-RECENT_READS:])
        kwargs.setdefault(READS, reads)
        ids: Sequence[int] | None = super().insert_events(stored_events, **kwargs)  # type: ignore[misc]
        with self._latest_lock:
            self.checked_inserts += 1
            for event in stored_events:
                originator_id = UUID(str(event.originator_id))
                version = max(self._latest.pop(originator_id, 0), event.originator_version)
                self._latest[originator_id] = version  # re-inserted: the latest comes last
        return ids


class ReadCheckedMemoryRecorder(ReadsOnEveryInsert, MemoryMarketRecorder):
    pass


class ReadCheckedSQLiteRecorder(ReadsOnEveryInsert, SQLiteMarketRecorder):
    pass


class ReadCheckedPostgresRecorder(ReadsOnEveryInsert, PostgresMarketRecorder):
    pass


def construct_factory(env: dict[str, str]) -> InfrastructureFactory[Any]:
    """The factory a market on these settings would use (its class named by the settings)."""
    return InfrastructureFactory.construct(Environment("RecorderCase", env))


class ReadsCheckedCase:
    """For the cases run with reads checked: the reads do reach the check.

    eventsourcing's cases only see that nothing changes; this shows that the same recorder
    refuses an insert whose read has changed, and records nothing of it.
    """

    create_recorder: Callable[[], ApplicationRecorder]  # the case's own

    def test_a_changed_read_is_refused(self) -> None:
        recorder = self.create_recorder()
        assert getattr(recorder, "checks_reads", False) is True
        read, written = uuid4(), uuid4()
        recorder.insert_events([StoredEvent(read, 1, "topic", b"{}")])
        with pytest.raises(ReadChanged) as refused:
            recorder.insert_events([StoredEvent(written, 1, "topic", b"{}")], **{READS: {read: 0}})
        assert read == refused.value.aggregate_id
        assert [] == recorder.select_events(written)
        assert 1 == recorder.max_notification_id()


class SubscribesWhileWriting:
    """A subscription reads every event while another thread writes them (and after).

    eventsourcing's own runs on its in-memory and PostgreSQL recorders do this beside its
    subscription case; this is the same check, written here: 20 saves of 100 events, read
    through a subscription started before the first and, again, after the last.
    """

    create_recorder: Callable[[], ApplicationRecorder]
    BATCHES = 20
    BATCH = 100

    def test_subscribe_while_writing(self) -> None:
        recorder = self.create_recorder()
        total = self.BATCHES * self.BATCH

        def write() -> None:
            for _ in range(self.BATCHES):
                recorder.insert_events(
                    [StoredEvent(uuid4(), 1, "topic", b"{}") for _ in range(self.BATCH)]
                )

        def read(after: int | None) -> list[int]:
            ids: list[int] = []
            with recorder.subscribe(gt=after) as subscription:
                for notification in subscription:
                    ids.append(notification.id)
                    if len(ids) == total:
                        break
            return ids

        for concurrently in (True, False):
            start = recorder.max_notification_id()
            writer = threading.Thread(target=write)
            writer.start()
            if not concurrently:
                writer.join()
            ids = read(start)
            writer.join()
            first = (start or 0) + 1
            assert list(range(first, first + total)) == ids
