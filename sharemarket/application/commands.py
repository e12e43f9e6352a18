"""The command path every service shares: load, decide, save once, idempotently, with retries."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.domain import Aggregate, DomainEventProtocol, MutableOrImmutableAggregate
from eventsourcing.persistence import (
    IntegrityError,
    JSONTranscoder,
    PersistenceError,
    Recording,
    Transcoder,
)

from sharemarket.application.read_checks import READS, ReadChanged, ReadVersions, checks_reads
from sharemarket.application.transcodings import MarketTranscoder, register_transcodings
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import ConcurrentUpdate, NotFound, ShareMarketError, StoreError
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.timesheet import WorkerTimesheet
from sharemarket.domain.park import PARK_ID, Park
from sharemarket.domain.requests import RequestReceipt, check_request_id

R = TypeVar("R")
A = TypeVar("A", bound=Aggregate)

#: Optimistic-concurrency attempts per command before ConcurrentUpdate is raised.
MAX_ATTEMPTS = 8
#: How many recently saved aggregates each market keeps warm in memory.
WARM_AGGREGATES_MAX = 2000


class MarketApplication(Application[UUID]):
    """Base of the ShareMarket application: the transcodings and the idempotent command path."""

    name = "ShareMarket"
    # Aggregates that live long are loaded from a snapshot plus at most this many events.
    snapshotting_intervals: ClassVar[dict[type[MutableOrImmutableAggregate[Any]], int]] = {
        Park: 50,
        LabourAgreement: 100,
        WorkerTimesheet: 100,
    }
    max_attempts = MAX_ATTEMPTS

    def __init__(self, env: Mapping[str, Any] | None = None) -> None:
        # The open unit of work (a command's, or a batch's) of each thread.
        self._local = threading.local()
        # Read-only copies of aggregates that rarely change (the park, the labour rules), by id,
        # with the version they were loaded at (0: did not exist).
        self._read_mostly: dict[UUID, tuple[int, Aggregate | None]] = {}
        # Aggregates saved by this process, kept warm for the next command. A command takes one
        # out (so no other thread can see it half-changed), brings it up to date with the events
        # other writers stored since, and it goes back only after its own changes were saved.
        self._warm: OrderedDict[UUID, Aggregate] = OrderedDict()
        self._warm_lock = threading.Lock()
        super().__init__(env=dict(env) if env is not None else None)
        # Whether the event store checks a save's reads in its transaction (read_checks); if
        # not, read-only copies are checked with a query before each decision instead.
        self._checks_reads = checks_reads(self.recorder)

    def save(
        self,
        *objs: MutableOrImmutableAggregate[UUID] | DomainEventProtocol[UUID] | None,
        **kwargs: Any,
    ) -> list[Recording[UUID]]:
        """eventsourcing's ``save``, collecting an aggregate's events without Protocol checks.

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
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)
        return recordings

    def _take_snapshots(self, processing_event: ProcessingEvent[UUID]) -> None:
        """Snapshot each saved aggregate whose new events crossed its interval, from memory.

        eventsourcing's default reloads the aggregate from the store for every snapshot; the
        aggregate just saved is already at that state, so it is snapshotted as it is, once.
        """
        if self.snapshots is None or not self.snapshotting_intervals:
            return
        due: dict[UUID, Aggregate] = {}
        for event in processing_event.events:
            aggregate = processing_event.aggregates.get(event.originator_id)
            interval = self.snapshotting_intervals.get(type(aggregate))  # type: ignore[arg-type]
            if interval and event.originator_version % interval == 0:
                due[event.originator_id] = cast("Aggregate", aggregate)
        if due:
            self.snapshots.put([type(a).Snapshot.take(a) for a in due.values()])

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
        register_transcodings(transcoder)

    @property
    def transcoder(self) -> JSONTranscoder:
        transcoder = self.mapper.transcoder
        assert isinstance(transcoder, JSONTranscoder)
        return transcoder

    def _fingerprint(self, command: str, actor: Actor, args: Mapping[str, Any]) -> str:
        payload = {"command": command, "actor": actor, "args": sorted(args.items())}
        return hashlib.sha256(self.transcoder.encode(payload)).hexdigest()

    def _execute(
        self,
        command: str,
        actor: Actor,
        request_id: str,
        args: Mapping[str, Any],
        decide: Callable[[], tuple[Sequence[Aggregate], R]],
    ) -> R:
        """Run one command: replay it if the request id was seen, else decide and save once.

        ``decide`` loads what it needs, calls the domain and returns the aggregates to save and the
        result. All of them, and the request receipt, are saved in one atomic ``save``. If another
        writer got there first (``IntegrityError``), everything is loaded again and decided again,
        up to ``max_attempts`` times. Inside :meth:`batch` the save is deferred to the batch's end.
        """
        if not isinstance(actor, Actor):
            raise TypeError(f"actor is an Actor, not {type(actor).__name__}")
        check_request_id(request_id)
        fingerprint = self._fingerprint(command, actor, args)
        batch = self._batch()
        if batch is not None:
            step = _Step(command, actor, request_id, fingerprint, decide)
            result = self._decide_in_batch(step, batch)
            batch.steps.append(step)
            return result
        step = _Step(command, actor, request_id, fingerprint, decide)
        careful = False
        try:
            for _ in range(self.max_attempts):
                # The first attempt is optimistic: it trusts the warm copies and does not look
                # for the request id's receipt. The save's version check verifies both (a stale
                # copy or a used request id makes it conflict). After a conflict, and before a
                # refusal is raised, the command is decided again carefully on current state.
                unit = _Unit(optimistic=not careful, check_receipts=careful)
                try:
                    result = self._decide(step, unit)
                except ShareMarketError:
                    if careful:
                        raise
                    careful = True
                    continue
                if not self._still_current(unit):
                    careful = True
                    continue
                try:
                    self.save(*unit.changed(), **self._reads(unit))
                except IntegrityError:
                    careful = True
                    continue
                self._keep_warm(unit)
                return result
        except PersistenceError as exc:
            raise StoreError(f"the event store failed during {command}: {exc}") from None
        raise ConcurrentUpdate(
            f"{command} (request {request_id!r}) lost the race to concurrent writers "
            f"{self.max_attempts} times; try again later with the same request id"
        )

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Run many commands as one transaction: all are recorded at the end, or none is.

        For hosts importing in bulk (a month of timesheets from an attendance system)::

            with market.batch():
                for row in rows:
                    market.record_shift(...)

        Each command is checked as it is called, against the state the earlier commands of the
        batch left, and returns its result at once; the events of all of them are saved in one
        ``save`` when the block ends. If any command (or the block) raises, nothing is recorded.
        If another writer changed the same aggregates meanwhile, the whole batch is decided again
        from fresh state (up to ``max_attempts`` times) before it is saved.

        A command whose request id was used before is not looked up as it is called (a query
        per command); the save finds it (its receipt already exists) and the batch is then
        decided again, replaying it. A re-run import is found sooner: its commands are refused
        (the shift is already recorded, the hours are taken), and a refusal is raised only
        after the request id was looked up; a used one replays its first result instead.
        """
        if self._batch() is not None:
            raise RuntimeError("market.batch() blocks do not nest")
        batch = _Unit(check_receipts=False)
        self._local.batch = batch
        try:
            yield
            self._commit(batch)
        finally:
            self._local.batch = None

    def _commit(self, batch: _Unit) -> None:
        try:
            for _ in range(self.max_attempts):
                try:
                    self.save(*batch.changed(), **self._reads(batch))
                    self._keep_warm(batch)
                except IntegrityError:
                    steps, fresh = batch.steps, _Unit()
                    self._local.batch = fresh
                    for step in steps:
                        self._decide(step, fresh)
                        fresh.steps.append(step)
                    batch = fresh
                    continue
                return
        except PersistenceError as exc:
            raise StoreError(f"the event store failed saving a batch: {exc}") from None
        raise ConcurrentUpdate(
            f"a batch of {len(batch.steps)} commands lost the race to concurrent writers "
            f"{self.max_attempts} times; nothing was recorded: run it again"
        )

    def _decide_in_batch(self, step: _Step[R], batch: _Unit) -> R:
        """Decide one command of a batch so that, if it is refused, it leaves no trace.

        A host importing rows may catch a refusal and go on. What the refused command loaded is
        dropped; if it had already changed an aggregate that earlier commands of the batch hold
        (a shift recorded on the agreement before the timesheet refused it), the batch's state
        is rebuilt by deciding the earlier commands again.
        """
        batch.seen_in_step = {}
        try:
            return self._decide(step, batch)
        except BaseException as refusal:
            changed = False
            for aggregate_id, version in batch.seen_in_step.items():
                aggregate = batch.aggregates.get(aggregate_id)
                if aggregate is None:
                    continue
                if version is None:  # first loaded by the refused command: forget it
                    del batch.aggregates[aggregate_id]
                    batch.touched.pop(aggregate_id, None)
                elif aggregate.version != version:
                    changed = True
            if changed:
                fresh = _Unit()
                self._local.batch = fresh
                try:
                    for earlier in batch.steps:
                        self._decide(earlier, fresh)
                        fresh.steps.append(earlier)
                finally:
                    self._local.batch = batch
                batch.replace_with(fresh)
            if isinstance(refusal, ShareMarketError) and not batch.check_receipts:
                existing = self._used_receipt(step, batch, look_up=True)
                if existing is not None:
                    return existing.replay(step.command, step.fingerprint)  # type: ignore[no-any-return]
            raise

    def _decide(self, step: _Step[R], unit: _Unit) -> R:
        existing = self._used_receipt(step, unit, look_up=unit.check_receipts)
        if existing is not None:
            return existing.replay(step.command, step.fingerprint)  # type: ignore[no-any-return]
        previous = self._batch()
        self._local.batch = unit
        try:
            aggregates, result = step.decide()
        finally:
            self._local.batch = previous
        unit.add(*aggregates)
        unit.add(
            RequestReceipt.record(
                request_id=step.request_id,
                command=step.command,
                fingerprint=step.fingerprint,
                result=result,
                actor=step.actor,
            )
        )
        return result

    def _batch(self) -> _Unit | None:
        batch: _Unit | None = getattr(self._local, "batch", None)
        return batch

    def _find(self, cls: type[A], aggregate_id: UUID) -> A | None:
        unit = self._batch()
        if unit is not None and aggregate_id in unit.aggregates:
            held = unit.aggregates[aggregate_id]
            if not isinstance(held, cls):
                raise NotFound(f"{aggregate_id} is a {type(held).__name__}, not a {cls.__name__}")
            unit.seen_in_step.setdefault(aggregate_id, held.version)
            return held
        catch_up = unit is None or not unit.optimistic
        try:
            warm = self._take_warm(aggregate_id, catch_up=catch_up)
            if warm is not None and not catch_up and unit is not None:
                unit.unverified.add(aggregate_id)
            aggregate: Aggregate = warm or self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        except PersistenceError as exc:
            raise StoreError(f"the event store failed to load {cls.__name__}: {exc}") from None
        if not isinstance(aggregate, cls):
            raise NotFound(f"{aggregate_id} is a {type(aggregate).__name__}, not a {cls.__name__}")
        if unit is not None:
            unit.aggregates[aggregate_id] = aggregate
            unit.seen_in_step.setdefault(aggregate_id, None)
        return aggregate

    def _used_receipt(
        self, step: _Step[Any], unit: _Unit, *, look_up: bool
    ) -> RequestReceipt | None:
        """The receipt of the step's request id if it was used: earlier in the unit (a batch),
        or, with ``look_up``, before (one cheap query when it was not)."""
        receipt_id = RequestReceipt.id_for(step.request_id)
        held = unit.aggregates.get(receipt_id)
        if isinstance(held, RequestReceipt):
            return held
        if not look_up:
            return None
        try:
            seen = self.recorder.select_events(receipt_id, limit=1)
        except PersistenceError as exc:
            raise StoreError(f"the event store failed to look up a request id: {exc}") from None
        return self._find(RequestReceipt, receipt_id) if seen else None

    def _take_warm(self, aggregate_id: UUID, *, catch_up: bool = True) -> Aggregate | None:
        with self._warm_lock:
            aggregate = self._warm.pop(aggregate_id, None)
        if aggregate is not None and catch_up:
            for event in self.events.get(aggregate_id, gt=aggregate.version):
                cast("Aggregate.Event", event).mutate(aggregate)
        return aggregate

    def _still_current(self, unit: _Unit) -> bool:
        """Whether the warm copies a command read but will not save are still current.

        The copies it saves are verified by the save's version check; these are not. A store
        that checks a save's reads verifies them in the save's transaction (see :meth:`_reads`);
        any other is asked here, before the save.
        """
        if self._checks_reads:
            return True
        for aggregate_id in unit.unverified - unit.touched.keys():
            aggregate = unit.aggregates[aggregate_id]
            if self.recorder.select_events(aggregate_id, gt=aggregate.version, limit=1):
                return False
        return True

    def _reads(self, unit: _Unit) -> dict[str, ReadVersions]:
        """The ``save()`` keyword carrying what the unit read but does not save (read_checks).

        The warm copies it read without catching them up and the read-only copies it relied on,
        each at the version it read. An aggregate it also saves is checked by the save itself,
        provided the copy it changed is the one it read (else it is decided again).
        """
        if not self._checks_reads:
            return {}
        reads = dict(unit.reads)
        for aggregate_id, aggregate in unit.touched.items():
            read = reads.pop(aggregate_id, None)
            base = aggregate.version - len(aggregate.pending_events)
            if read is not None and read != base:
                raise ReadChanged(aggregate_id, read)
        for aggregate_id in unit.unverified - unit.touched.keys():
            reads.setdefault(aggregate_id, unit.aggregates[aggregate_id].version)
        return {READS: reads} if reads else {}

    def _keep_warm(self, unit: _Unit) -> None:
        with self._warm_lock:
            for aggregate_id, aggregate in unit.aggregates.items():
                if isinstance(aggregate, RequestReceipt) or aggregate.pending_events:
                    continue
                self._warm[aggregate_id] = aggregate
                self._warm.move_to_end(aggregate_id)
            while len(self._warm) > WARM_AGGREGATES_MAX:
                self._warm.popitem(last=False)

    def _find_read_only(self, cls: type[A], aggregate_id: UUID) -> A | None:
        """An aggregate that rarely changes, for reading only (never mutate or save it).

        Commands of every kind check the park's membership and the labour rules; loading them
        from a snapshot each time would dominate the command path. A copy is kept and reused
        while one cheap query shows no newer event was stored (by any process). When the store
        checks a save's reads (read_checks), an optimistic command skips that query: the version
        it read is checked in the transaction that records its decision.
        """
        unit = self._batch()
        if unit is not None and aggregate_id in unit.aggregates:
            held = unit.aggregates[aggregate_id]
            return held if isinstance(held, cls) else None
        cached = self._read_mostly.get(aggregate_id)
        # Trusted without asking: checked earlier in this unit, or checked by the save.
        trusted = unit is not None and (
            aggregate_id in unit.checked_fresh or (unit.optimistic and self._checks_reads)
        )
        try:
            if cached is None or (
                not trusted
                and self.recorder.select_events(aggregate_id, gt=cached[0] or None, limit=1)
            ):
                try:
                    fresh: Aggregate | None = self.repository.get(aggregate_id)
                except AggregateNotFoundError:
                    fresh = None
                if fresh is not None and not isinstance(fresh, cls):
                    raise NotFound(
                        f"{aggregate_id} is a {type(fresh).__name__}, not a {cls.__name__}"
                    )
                cached = (0 if fresh is None else fresh.version, fresh)
                self._read_mostly[aggregate_id] = cached
        except PersistenceError as exc:
            raise StoreError(f"the event store failed to load {cls.__name__}: {exc}") from None
        version, aggregate = cached
        if unit is not None:
            unit.checked_fresh.add(aggregate_id)
            unit.reads.setdefault(aggregate_id, version)
        return aggregate if isinstance(aggregate, cls) else None

    def _get(self, cls: type[A], aggregate_id: UUID, what: str) -> A:
        aggregate = self._find(cls, aggregate_id)
        if aggregate is None:
            raise NotFound(f"{what} does not exist in this market")
        return aggregate

    def _park(self, *, for_update: bool = True) -> Park:
        """The park; ``for_update=False`` gives a shared read-only copy (for permission checks)."""
        park = self._find(Park, PARK_ID) if for_update else self._find_read_only(Park, PARK_ID)
        if park is None:
            raise NotFound("the park is not established yet; call establish_park() first")
        return park


class _Step(Generic[R]):
    """One command of a unit of work, kept so that a batch can be decided again."""

    __slots__ = ("actor", "command", "decide", "fingerprint", "request_id")

    def __init__(
        self,
        command: str,
        actor: Actor,
        request_id: str,
        fingerprint: str,
        decide: Callable[[], tuple[Sequence[Aggregate], R]],
    ) -> None:
        self.command = command
        self.actor = actor
        self.request_id = request_id
        self.fingerprint = fingerprint
        self.decide = decide


class _Unit:
    """The aggregates one command (or one batch of commands) loaded or created, by id."""

    def __init__(self, *, optimistic: bool = False, check_receipts: bool = True) -> None:
        # Optimistic: decided on warm copies without catching them up (see
        # MarketApplication._execute). check_receipts: each command looks for its request id's
        # receipt before it is decided; if not, the save's version check finds a used one.
        self.optimistic = optimistic
        self.check_receipts = check_receipts
        self.unverified: set[UUID] = set()
        self.aggregates: dict[UUID, Aggregate] = {}
        self.touched: dict[UUID, Aggregate] = {}
        self.steps: list[_Step[Any]] = []
        # What the current step took from the unit, with the version it had then (None: the
        # step loaded it), so that a refused step can be undone without scanning the batch.
        self.seen_in_step: dict[UUID, int | None] = {}
        # Read-mostly aggregates already checked to be current during this unit.
        self.checked_fresh: set[UUID] = set()
        # Read-only copies the unit relied on, at the version read (0: did not exist); checked
        # when the unit is saved (read_checks).
        self.reads: dict[UUID, int] = {}

    def add(self, *aggregates: Aggregate) -> None:
        for aggregate in aggregates:
            self.aggregates[aggregate.id] = aggregate
            self.touched[aggregate.id] = aggregate

    def changed(self) -> list[Aggregate]:
        return list(self.touched.values())

    def replace_with(self, other: _Unit) -> None:
        self.aggregates, self.touched, self.steps = other.aggregates, other.touched, other.steps
        self.seen_in_step, self.checked_fresh = {}, other.checked_fresh
        self.reads = other.reads
