"""The two projections, and the catch-up that feeds them from an application's notification log.

Each projection writes a batch of many events to its view in one transaction, together with its
tracking position (eventsourcing's ``TrackingRecorder`` pattern): a batch is applied entirely or
not at all, exactly once, whatever crashes in between. The same classes run under eventsourcing's
``ProjectionRunner`` (one event per call) and under :func:`catch_up` (many events per call, read
and decoded once for every projection).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Tracking,
    UUIDAsHex,
)
from eventsourcing.projection import Projection

from sharemarket.application.projections.audit import GENESIS, AuditRowMaker, SummaryRules
from sharemarket.application.projections.canonical import CanonicalJSON
from sharemarket.application.projections.catalogue import (
    PARTY_RULES,
    POSTING_RULES,
    SUMMARY_RULES,
)
from sharemarket.application.projections.errors import ProjectionHalted, ViewOutOfStep
from sharemarket.application.projections.journal import PostingRules
from sharemarket.application.projections.parties import BatchPartyBook, PartyRules, Roles
from sharemarket.application.projections.views import (
    AuditBatch,
    AuditView,
    JournalBatch,
    JournalView,
    View,
)
from sharemarket.application.transcodings import register_transcodings
from sharemarket.domain.time import business_date

TView = TypeVar("TView", bound=View)
Item = tuple[Any, int]  # a domain event and its position
#: Notifications read (and events decoded) per batch by default.
BATCH_SIZE = 2000


def market_transcoder() -> JSONTranscoder:
    """A transcoder with exactly the transcodings the ShareMarket application registers."""
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    register_transcodings(transcoder)
    return transcoder


class ViewProjection(Projection[TView]):
    """Applies events to one view in batches, exactly once, halting on the first bad event."""

    def __init__(self, view: TView, parties: PartyRules = PARTY_RULES) -> None:
        super().__init__(view)
        self._party_rules = parties
        self._positions: dict[str, int | None] = {}
        self._roles: dict[UUID, Roles] = {}

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """One event, as eventsourcing's ``ProjectionRunner`` delivers them."""
        self.process(tracking.application_name, ((domain_event, tracking.notification_id),))

    def position(self, application_name: str) -> int | None:
        """The last position applied to the view (read once, then kept up to date)."""
        if application_name not in self._positions:
            self._positions[application_name] = self.view.max_tracking_id(application_name)
        return self._positions[application_name]

    def forget(self) -> None:
        """Drop what is cached about the view: after a conflict or a rebuild."""
        self._positions.clear()
        self._roles.clear()

    def process(self, application_name: str, items: Iterable[Item]) -> None:
        """Apply the events after the view's position; raise ProjectionHalted on a bad one."""
        items = tuple(items)
        while True:
            after = self.position(application_name)
            todo = [item for item in items if after is None or item[1] > after]
            if not todo:
                return
            try:
                self._apply(application_name, todo, after)
            except ViewOutOfStep:
                # Another process moved the view on: start again from where it now stands.
                self.forget()
                continue
            return

    def _apply(self, application_name: str, items: Sequence[Item], after: int | None) -> None:
        batch = self._new_batch()
        book = BatchPartyBook(self._stored_roles, self._roles, self._party_rules)
        last: int | None = None
        failure: tuple[Any, int, Exception] | None = None
        for event, position in items:
            roles: Roles | None = None
            try:
                roles = self._party_rules.roles_declared_by(event)
                if roles is not None:
                    book.declare(event.originator_id, roles)
                self._add(batch, event, position, book)
            except Exception as exc:
                if roles is not None:
                    book.declared.pop(event.originator_id, None)
                failure = (event, position, exc)
                break
            last = position
        if last is not None:
            for aggregate_id, roles in book.declared.items():
                self._add_parties(batch, aggregate_id, roles)
            self._write(batch, Tracking(application_name, last), after)
            self._positions[application_name] = last
            self._roles.update(book.declared)
            self._written(batch)
        if failure is not None:
            bad_event, bad_position, error = failure
            raise ProjectionHalted(
                self.name,
                bad_position,
                type(bad_event).__qualname__,
                f"{type(error).__name__}: {error}",
            ) from error

    def _stored_roles(self, aggregate_id: UUID) -> Roles:
        return self.view.stored_roles(aggregate_id)

    @staticmethod
    def _party_rows(aggregate_id: UUID, roles: Roles) -> list[tuple[str, str, str]]:
        return [(str(aggregate_id), role, firm.code) for role, firm in sorted(roles.items())]

    @abstractmethod
    def _new_batch(self) -> Any: ...

    @abstractmethod
    def _add(self, batch: Any, event: Any, position: int, book: BatchPartyBook) -> None:
        """Add the event's rows to the batch; compute first, so a failure adds nothing."""

    @abstractmethod
    def _add_parties(self, batch: Any, aggregate_id: UUID, roles: Roles) -> None: ...

    @abstractmethod
    def _write(self, batch: Any, tracking: Tracking, after: int | None) -> None: ...

    def _written(self, batch: Any) -> None:
        """Called once a batch is committed."""


class JournalProjection(ViewProjection[JournalView]):
    """Postings, and the running balances per firm and per pair of firms."""

    name = "journal"

    def __init__(
        self,
        view: JournalView,
        rules: PostingRules = POSTING_RULES,
        parties: PartyRules = PARTY_RULES,
    ) -> None:
        super().__init__(view, parties)
        self._rules = rules

    def _new_batch(self) -> JournalBatch:
        return JournalBatch()

    def _add(self, batch: JournalBatch, event: Any, position: int, book: BatchPartyBook) -> None:
        postings = self._rules.postings(event, book)
        if not postings:
            return
        day = business_date(event.timestamp).isoformat()
        balances, pairs = batch.balances, batch.pairs
        for seq, p in enumerate(postings):
            firm, other = p.firm.code, p.counterparty.code
            asset, kind = p.asset.value, p.kind.value
            batch.postings.append(
                (position, seq, day, firm, other, asset, kind, p.amount, p.reference)
            )
            key = (firm, asset, kind)
            balances[key] = balances.get(key, 0) + p.amount
            pair = (firm, other, asset, kind)
            pairs[pair] = pairs.get(pair, 0) + p.amount

    def _add_parties(self, batch: JournalBatch, aggregate_id: UUID, roles: Roles) -> None:
        batch.parties.extend(self._party_rows(aggregate_id, roles))

    def _write(self, batch: JournalBatch, tracking: Tracking, after: int | None) -> None:
        self.view.write_journal(batch, tracking, after)


class AuditProjection(ViewProjection[AuditView]):
    """The hash-chained audit trail: one row per event."""

    name = "audit"

    def __init__(
        self,
        view: AuditView,
        summaries: SummaryRules = SUMMARY_RULES,
        parties: PartyRules = PARTY_RULES,
        transcoder: JSONTranscoder | None = None,
    ) -> None:
        super().__init__(view, parties)
        self._maker = AuditRowMaker(CanonicalJSON(transcoder or market_transcoder()), summaries)
        self._head: bytes | None = None

    def forget(self) -> None:
        super().forget()
        self._head = None

    def _previous_hash(self, batch: AuditBatch) -> bytes:
        if batch.records:
            return batch.records[-1].hash
        if self._head is None:
            head = self.view.head()
            self._head = GENESIS if head is None else head[1]
        return self._head

    def _new_batch(self) -> AuditBatch:
        return AuditBatch()

    def _add(self, batch: AuditBatch, event: Any, position: int, book: BatchPartyBook) -> None:
        record = self._maker.record(event, position, book, self._previous_hash(batch))
        batch.records.append(record)

    def _add_parties(self, batch: AuditBatch, aggregate_id: UUID, roles: Roles) -> None:
        batch.parties.extend(self._party_rows(aggregate_id, roles))

    def _write(self, batch: AuditBatch, tracking: Tracking, after: int | None) -> None:
        self.view.write_audit(batch, tracking, after)

    def _written(self, batch: AuditBatch) -> None:
        self._head = batch.records[-1].hash


def catch_up(
    app: Application[Any],
    projections: Sequence[ViewProjection[Any]],
    *,
    batch_size: int = BATCH_SIZE,
    stop: int | None = None,
) -> int | None:
    """Bring every projection up to the application's latest event (or ``stop``).

    Notifications are read and decoded once per batch for all projections; each projection
    skips what its view already holds. Returns the position every view has reached (None while
    the log is empty).
    Raises :class:`ProjectionHalted` (after the other projections took the batch) if one fails.
    """
    name = app.name
    start = min((p.position(name) or 0 for p in projections), default=0)
    recorder, mapper = app.recorder, app.mapper
    while True:
        notifications = recorder.select_notifications(
            start=start, limit=batch_size, stop=stop, inclusive_of_start=False
        )
        if not notifications:
            break
        items: list[Item] = []
        undecodable: ProjectionHalted | None = None
        for notification in notifications:
            try:
                items.append((mapper.to_domain_event(notification), notification.id))
            except Exception as exc:
                undecodable = ProjectionHalted(
                    "decoding", notification.id, notification.topic, f"{type(exc).__name__}: {exc}"
                )
                undecodable.__cause__ = exc
                break
        halted: list[ProjectionHalted] = []
        for projection in projections:
            try:
                projection.process(name, items)
            except ProjectionHalted as exc:
                halted.append(exc)
        if undecodable is not None:
            halted.append(undecodable)
        if halted:
            raise min(halted, key=lambda h: h.position)
        start = notifications[-1].id
        if len(notifications) < batch_size:
            break
    return min((p.position(name) for p in projections), key=lambda p: p or 0, default=None)
