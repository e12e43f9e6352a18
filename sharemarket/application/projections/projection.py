"""What every view projection shares: how it takes a batch of events and writes it to its view.

Each projection writes a batch of many events to its view in one transaction, together with its
tracking position (eventsourcing's ``TrackingRecorder`` pattern): a batch is applied entirely or
not at all, exactly once, whatever crashes in between. The same classes run under eventsourcing's
``ProjectionRunner`` (one event per call) and under ``runner.catch_up`` (many events per call,
read and decoded once for every projection). The journal's and the audit trail's are in
``journal_projection`` and ``audit_projection``; the sharing report's in the matching slice.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from uuid import UUID

import attrs
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    PersistenceError,
    Tracking,
    UUIDAsHex,
)
from eventsourcing.projection import Projection

from sharemarket.application.projections.catalogue import (
    PARTY_RULES,
)
from sharemarket.application.projections.errors import (
    ProjectionHalted,
    ViewOutOfStep,
)
from sharemarket.application.projections.parties import BatchPartyBook, PartyRules, Roles
from sharemarket.application.projections.views import View
from sharemarket.application.slices import transcodings

TView = TypeVar("TView", bound=View)
Item = tuple[Any, int]  # a domain event and its position


def nothing_pending() -> None:
    """Nothing is being written behind: a view can be read at once."""


def market_transcoder() -> JSONTranscoder:
    """A transcoder with exactly the transcodings the ShareMarket application registers."""
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), *transcodings()):
        transcoder.register(transcoding)
    return transcoder


class Preparing:
    """A batch being computed for one projection, one event at a time.

    Events before the view's position are skipped; the first event that cannot be applied
    halts the batch there (what came before it is still written). :meth:`finish` then gives
    what :meth:`ViewProjection.commit` writes.
    """

    def __init__(self, projection: ViewProjection[Any], application_name: str) -> None:
        self.projection = projection
        self.application_name = application_name
        self.after = projection.position(application_name)
        self.batch = projection._new_batch()
        self.book = BatchPartyBook(
            projection._stored_roles, projection._roles, projection._party_rules
        )
        self.last: int | None = None
        self.halted: ProjectionHalted | None = None

    def add(self, event: Any, position: int, previous: int | None = None) -> None:
        """Add the event's rows (nothing once halted, or for an event the view already holds).

        ``previous``: the position of the event before it in the log, when the events between
        the last one added and this one were not offered (the projection does not take them):
        should this one halt the batch, the view still moves on to just before it.
        """
        if self.halted is not None or (self.after is not None and position <= self.after):
            return
        projection, book = self.projection, self.book
        roles: Roles | None = None
        try:
            roles = projection._party_rules.roles_declared_by(event)
            if roles is not None:
                book.declare(event.originator_id, roles)
            projection._add(self.batch, event, position, book)
        except Exception as exc:
            if roles is not None:
                book.declared.pop(event.originator_id, None)
            if isinstance(exc, PersistenceError):
                # The view failed to answer (a party's roles): the store failed, not the event.
                # Raised as it is, so a catch-up (or a live runner) carries on from here later.
                raise
            self.halted = ProjectionHalted(
                projection.name, position, type(event).__qualname__, f"{type(exc).__name__}: {exc}"
            )
            self.halted.__cause__ = exc
            if previous is not None and (self.after is None or previous > self.after):
                self.last = previous
            return
        self.last = position

    def reached(self, position: int) -> None:
        """Every event up to ``position`` was offered: those the projection does not take (see
        :meth:`ViewProjection.takes`) were not, and the view's position moves on past them."""
        if self.halted is None and (self.after is None or position > self.after):
            self.last = position

    def finish(self) -> Prepared:
        """The batch with its parties and tracking; the projection now assumes it is written."""
        projection = self.projection
        if self.last is None:
            return Prepared(projection, self.batch, None, self.after, self.halted)
        for aggregate_id, roles in self.book.declared.items():
            projection._add_parties(self.batch, aggregate_id, roles)
        projection._positions[self.application_name] = self.last
        projection._roles.update(self.book.declared)
        projection._prepared(self.batch)
        tracking = Tracking(self.application_name, self.last)
        return Prepared(projection, self.batch, tracking, self.after, self.halted)


@attrs.define
class Prepared:
    """A batch computed by :class:`Preparing`, to be written by ``commit``."""

    projection: ViewProjection[Any]
    batch: Any
    tracking: Tracking | None  # None when there is nothing to write
    after: int | None
    halted: ProjectionHalted | None = None


class ViewProjection(Projection[TView]):
    """Applies events to one view in batches, exactly once, halting on the first bad event.

    Applying is two steps: :meth:`prepare` computes a batch's rows from what the projection
    knows (its position, the parties it has seen, the last hash), assuming the batch will be
    written; :meth:`commit` writes it with the tracking compare-and-set. If the write fails,
    :meth:`forget` drops what was assumed and the next batch starts from the view's own state.
    """

    def __init__(self, view: TView, parties: PartyRules = PARTY_RULES) -> None:
        super().__init__(view)
        self._party_rules = parties
        self._positions: dict[str, int | None] = {}
        self._roles: dict[UUID, Roles] = {}
        # Called before each read of the view: waits for a batch still being written behind.
        self._settle: Callable[[], None] = nothing_pending
        self._taken: dict[type, bool] = {}
        self._declaring = parties.event_classes

    def takes(self, event_class: type) -> bool:
        """Whether an event of this class may add rows to the view, or declare parties (the
        catch-up offers it only such events; the others just move its position on)."""
        taken = self._taken.get(event_class)
        if taken is None:
            taken = self._taken[event_class] = event_class in self._declaring or self._adds_rows(
                event_class
            )
        return taken

    def _adds_rows(self, event_class: type) -> bool:
        """Whether :meth:`_add` may add rows for an event of this class (by default: yes)."""
        return True

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """One event, as eventsourcing's ``ProjectionRunner`` delivers them."""
        self.process(tracking.application_name, ((domain_event, tracking.notification_id),))

    def position(self, application_name: str) -> int | None:
        """The last position applied (or prepared) to the view: read once, then kept up."""
        if application_name not in self._positions:
            self._settle()
            self._positions[application_name] = self.view.max_tracking_id(application_name)
        return self._positions[application_name]

    def forget(self) -> None:
        """Drop what is known or assumed about the view: after a conflict, a failure, a rebuild."""
        self._positions.clear()
        self._roles.clear()

    def process(self, application_name: str, items: Iterable[Item]) -> None:
        """Apply the events after the view's position; raise ProjectionHalted on a bad one."""
        items = tuple(items)
        while True:
            prepared = self.prepare(application_name, items)
            try:
                self.commit(prepared)
            except ViewOutOfStep:
                # Another process moved the view on: start again from where it now stands.
                continue
            return

    def prepare(self, application_name: str, items: Iterable[Item]) -> Prepared:
        """Compute the rows of the events after the position (up to the first bad one)."""
        preparing = Preparing(self, application_name)
        for event, position in items:
            preparing.add(event, position)
        return preparing.finish()

    def commit(self, prepared: Prepared) -> None:
        """Write a prepared batch with its tracking; then raise its ProjectionHalted, if any."""
        if prepared.tracking is not None:
            try:
                self.write(prepared)
            except BaseException:
                self.forget()
                raise
        if prepared.halted is not None:
            raise prepared.halted

    def write(self, prepared: Prepared) -> None:
        """Write a prepared batch with its tracking, in one transaction.

        A value the view cannot hold (a number too large for its column, say) halts the
        projection at the batch's first position, as a bad event does, instead of escaping as
        a raw error at every retry. A failure of the store itself (a lost connection, a lock)
        is raised as it is: the same catch-up may well succeed later.
        """
        assert prepared.tracking is not None
        try:
            self._write(prepared.batch, prepared.tracking, prepared.after)
        except (ArithmeticError, ValueError, TypeError) as exc:
            first = (prepared.after or 0) + 1
            last = prepared.tracking.notification_id
            halted = ProjectionHalted(
                self.name,
                first,
                f"the batch of positions {first} to {last}",
                f"the view could not store it: {type(exc).__name__}: {exc}",
            )
            raise halted from exc

    def _stored_roles(self, aggregate_id: UUID) -> Roles:
        self._settle()
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

    def _prepared(self, batch: Any) -> None:
        """Called once a batch is prepared (before it is written)."""
