"""Group commit: commands that threads of one process decided at once, recorded in one transaction.

Each command is decided on its own, by its own thread, which also encodes what it saves (its
events, its receipt, the reads it relied on: ``MarketApplication.save``) before handing it to
the group commit. If no commit is in flight, the calling thread records its command itself, at
once: one caller pays no thread hop. If one is, the command waits; when that commit ends, the
first waiting thread becomes the leader and records every command that queued meanwhile in one
transaction, as a database writes the commits of many sessions with one flush of its log.
Each command keeps its guarantees:

- atomic: all of a command's events, its receipt and the snapshots it makes due (on a store
  that writes them with the events) are in the same transaction;
- answered on its own: its ``save`` returns or raises exactly what it would alone. If the
  group's transaction fails (one command lost a race, so nothing was recorded), each command of
  the group is recorded again in a transaction of its own, so that only the one that lost is
  decided again and the others are recorded;
- idempotent: a command whose request id another command of the group uses writes a receipt
  under the same key, so it overlaps that command and is decided again (and replays its result);
- independent of the others' refusals: a refused command is never handed over.

A command that would write an aggregate an earlier command of the group writes or reads, or
read one that such a command writes, cannot be right in the same transaction (the versions
would clash, or its read would be stale): it lost the race to that command, its save raises
``IntegrityError`` as a save that lost alone does, and it is decided again on the state the
group left.

Why it is shaped so (measured with 8 threads on SQLite, docs/performance.md): the threads
share one interpreter lock, and a thread that wakes, or comes back from SQLite, waits for it
while another thread decides. So the leader holds the store's write lock for as little Python
as it can (the events were encoded by their own threads), and each waiting thread is woken
once: by its answer, or to lead. A leader that went on to record the next group itself, rather
than handing it over, was slower: its own thread then decides nothing while it writes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.persistence import IntegrityError, Recording, StoredEvent

from sharemarket.application.kernel.read_checks import READS, ReadVersions
from sharemarket.application.kernel.receipts import RECEIPTS, StoredReceipts
from sharemarket.application.kernel.snapshots import SNAPSHOTS

Record = Callable[[ProcessingEvent[UUID], Sequence[StoredEvent]], list[Recording[UUID]]]
After = Callable[[ProcessingEvent[UUID], list[Recording[UUID]]], None]


class _Waiting:
    """One command's collected and encoded save, waiting for its answer (or its turn to lead)."""

    __slots__ = ("_wake", "collected", "leads", "result", "stored")

    def __init__(
        self, collected: ProcessingEvent[UUID], stored: Sequence[StoredEvent], *, waits: bool
    ) -> None:
        self.collected = collected
        self.stored = stored
        # None: not yet answered; else its recordings, or the error its save raises.
        self.result: list[Recording[UUID]] | BaseException | None = None
        self.leads = False
        # Held until the thread is answered or asked to lead (a lock: the cheapest wake-up).
        self._wake: threading.Lock | None = None
        if waits:
            self._wake = threading.Lock()
            self._wake.acquire()

    def wait(self) -> None:
        assert self._wake is not None
        self._wake.acquire()

    def wake(self) -> None:
        if self._wake is not None:
            self._wake.release()

    def reads(self) -> ReadVersions:
        reads: ReadVersions = self.collected.saved_kwargs.get(READS) or {}
        return reads

    def receipts(self) -> StoredReceipts:
        receipts: StoredReceipts = self.collected.saved_kwargs.get(RECEIPTS) or ()
        return receipts

    def snapshots(self) -> Sequence[StoredEvent]:
        snapshots: Sequence[StoredEvent] = self.collected.saved_kwargs.get(SNAPSHOTS) or ()
        return snapshots

    def answer(self) -> list[Recording[UUID]]:
        result = self.result
        if isinstance(result, BaseException):
            raise result
        assert result is not None, "a command of a group was left unanswered"
        return result


class GroupCommit:
    """Records the commands of concurrent callers of one market together (module docstring)."""

    def __init__(self, record: Record, after: After) -> None:
        # One transaction for the collected, encoded events (and the snapshots they make due,
        # on a store that keeps them with the events); then what follows it (the snapshots of a
        # store that writes them after, the notifications).
        self._record_events = record
        self._after = after
        self._lock = threading.Lock()
        # The saves waiting for the commit in flight; empty whenever none is in flight.
        self._queue: list[_Waiting] = []
        self._leading = False
        # The thread recording a group: a save it makes meanwhile (from a hook that runs
        # inside the transaction or after it) is recorded at once, not queued behind itself.
        self._leader: int | None = None

    @property
    def waiting(self) -> int:
        """How many saves wait for the commit in flight to end (for tests and monitoring)."""
        return len(self._queue)

    def commit(
        self, collected: ProcessingEvent[UUID], stored: Sequence[StoredEvent]
    ) -> list[Recording[UUID]]:
        """Record one command's collected events (``stored``: encoded), with those of concurrent
        callers: its recordings, or the error (``IntegrityError`` for a lost race) it would get
        alone."""
        if self._leader == threading.get_ident():
            me = _Waiting(collected, stored, waits=False)
            self._record_alone(me)
            return me.answer()
        with self._lock:
            waits = self._leading
            me = _Waiting(collected, stored, waits=waits)
            if waits:
                self._queue.append(me)
            else:
                self._leading = True
        if not waits:  # nothing in flight: record it at once, on this thread
            self._lead([me], me)
            return me.answer()
        me.wait()
        if me.leads:  # the first in the queue when the last commit ended: record the queue
            with self._lock:
                group, self._queue = self._queue, []
            self._lead(group, me)
        return me.answer()

    def _lead(self, group: list[_Waiting], me: _Waiting) -> None:
        """Record ``group``; then wake the first save that queued meanwhile to lead the next
        group, before the group's own threads, so that it is first to want the interpreter."""
        self._leader = threading.get_ident()
        try:
            self._record(group)
        except BaseException as exc:
            for waiting in group:
                if waiting.result is None:
                    waiting.result = exc
            raise
        finally:
            self._leader = None
            with self._lock:
                following = self._queue[0] if self._queue else None
                if following is None:
                    self._leading = False
                else:
                    following.leads = True
            if following is not None:
                following.wake()
            for waiting in group:
                if waiting is not me:
                    waiting.wake()

    def _record(self, group: list[_Waiting]) -> None:
        members = self._members(group)
        if len(members) == 1:
            self._record_alone(members[0])
            return
        together: ProcessingEvent[UUID] = ProcessingEvent()
        stored: list[StoredEvent] = []
        reads: dict[UUID, int] = {}
        receipts: list[tuple[UUID, bytes]] = []
        snapshots: list[StoredEvent] = []  # of distinct aggregates: members write apart
        for waiting in members:
            together.events.extend(waiting.collected.events)
            together.aggregates.update(waiting.collected.aggregates)
            stored.extend(waiting.stored)
            receipts.extend(waiting.receipts())
            snapshots.extend(waiting.snapshots())
            for aggregate_id, version in waiting.reads().items():
                # Two commands that read one aggregate at different versions: the older read
                # is checked (a newer event then fails the group, and each is saved alone).
                reads[aggregate_id] = min(version, reads.get(aggregate_id, version))
        if reads:
            together.saved_kwargs[READS] = reads
        if receipts:
            together.saved_kwargs[RECEIPTS] = receipts
        if snapshots:
            together.saved_kwargs[SNAPSHOTS] = snapshots
        try:
            recordings = self._record_events(together, stored)
        except Exception:
            # Nothing was recorded. Each command is recorded on its own, to get its own answer.
            for waiting in members:
                self._record_alone(waiting)
            return
        try:
            self._after(together, recordings)
        except Exception as exc:
            for waiting in members:
                waiting.result = exc
            return
        start = 0
        for waiting in members:  # the recordings are in the order of the events
            end = start + len(waiting.stored)
            waiting.result = recordings[start:end]
            start = end

    def _members(self, group: list[_Waiting]) -> list[_Waiting]:
        """The commands that can share one transaction; the others lost a race to them."""
        if len(group) == 1:
            return group
        members = []
        written: set[UUID] = set()
        read: set[UUID] = set()
        taken: set[UUID] = set()  # receipt ids
        for waiting in group:
            writes = waiting.collected.aggregates.keys()
            reads = waiting.reads().keys()
            receipt_ids = {receipt_id for receipt_id, _ in waiting.receipts()}
            if (
                written.isdisjoint(writes)
                and read.isdisjoint(writes)
                and written.isdisjoint(reads)
                and taken.isdisjoint(receipt_ids)
            ):
                members.append(waiting)
                written.update(writes)
                read.update(reads)
                taken.update(receipt_ids)
            else:
                waiting.result = IntegrityError(
                    "an earlier command of the same group commit changed what this one read "
                    "or changes; nothing of it was recorded"
                )
        return members

    def _record_alone(self, waiting: _Waiting) -> None:
        try:
            recordings = self._record_events(waiting.collected, waiting.stored)
            self._after(waiting.collected, recordings)
        except Exception as exc:
            waiting.result = exc
            return
        waiting.result = recordings
