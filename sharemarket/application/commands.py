"""The command path every service shares: load, decide, save once, idempotently, with retries."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate, MutableOrImmutableAggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, PersistenceError

from sharemarket.application.transcodings import register_transcodings
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import ConcurrentUpdate, NotFound, StoreError
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.timesheet import WorkerTimesheet
from sharemarket.domain.park import PARK_ID, Park
from sharemarket.domain.requests import RequestReceipt, check_request_id

R = TypeVar("R")
A = TypeVar("A", bound=Aggregate)

#: Optimistic-concurrency attempts per command before ConcurrentUpdate is raised.
MAX_ATTEMPTS = 8


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
        up to ``max_attempts`` times.
        """
        if not isinstance(actor, Actor):
            raise TypeError(f"actor is an Actor, not {type(actor).__name__}")
        check_request_id(request_id)
        fingerprint = self._fingerprint(command, actor, args)
        receipt_id = RequestReceipt.id_for(request_id)
        try:
            for _ in range(self.max_attempts):
                existing = self._find(RequestReceipt, receipt_id)
                if existing is not None:
                    return existing.replay(command, fingerprint)  # type: ignore[no-any-return]
                aggregates, result = decide()
                receipt = RequestReceipt.record(
                    request_id=request_id,
                    command=command,
                    fingerprint=fingerprint,
                    result=result,
                    actor=actor,
                )
                try:
                    self.save(*aggregates, receipt)
                except IntegrityError:
                    continue
                return result
        except PersistenceError as exc:
            raise StoreError(f"the event store failed during {command}: {exc}") from None
        raise ConcurrentUpdate(
            f"{command} (request {request_id!r}) lost the race to concurrent writers "
            f"{self.max_attempts} times; try again later with the same request id"
        )

    def _find(self, cls: type[A], aggregate_id: UUID) -> A | None:
        try:
            aggregate: Aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        except PersistenceError as exc:
            raise StoreError(f"the event store failed to load {cls.__name__}: {exc}") from None
        if not isinstance(aggregate, cls):
            raise NotFound(f"{aggregate_id} is a {type(aggregate).__name__}, not a {cls.__name__}")
        return aggregate

    def _get(self, cls: type[A], aggregate_id: UUID, what: str) -> A:
        aggregate = self._find(cls, aggregate_id)
        if aggregate is None:
            raise NotFound(f"{what} does not exist in this market")
        return aggregate

    def _park(self) -> Park:
        park = self._find(Park, PARK_ID)
        if park is None:
            raise NotFound("the park is not established yet; call establish_park() first")
        return park
