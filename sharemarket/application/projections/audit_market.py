"""The audit trail checked against the market itself: every row made again from the events.

The chain alone proves a trail is consistent, not that it is the market's: whoever can write the
views' database can edit a row and re-hash every row after it, or append a row with a valid
hash. Here each event the view has processed is made into its row again, by the projection's own
maker from genesis, and compared with the stored row, position by position.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from uuid import UUID

import attrs
from eventsourcing.persistence import JSONTranscoder, Mapper

from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.projections.audit import GENESIS, AuditRecord
from sharemarket.application.projections.audit_projection import AuditProjection
from sharemarket.application.projections.audit_verification import AuditVerification
from sharemarket.application.projections.audit_view import VERIFY_PAGE, AuditView
from sharemarket.application.projections.decoding import MemoizingTranscoder
from sharemarket.application.projections.errors import ProjectionHalted
from sharemarket.application.projections.parties import BatchPartyBook, Roles
from sharemarket.application.projections.projection import Item
from sharemarket.application.projections.views import MARKET

# (position, at_us, aggregate_key, entry, hash): a stored row, as AuditView.chain(deep=True) gives
TrailRecord = tuple[int, int, int, bytes, bytes]


class TrailDifference(enum.StrEnum):
    """What differs at the first position where the trail and the market's events disagree."""

    MISSING_ROW = "missing_row"  # the market has an event there, the trail no row
    EXTRA_ROW = "extra_row"  # the trail has a row there, the market no event (or not yet seen)
    ENTRY_DIFFERS = "entry_differs"  # the row's entry is not what the event makes
    HASH_DIFFERS = "hash_differs"  # the entry is right, its hash is not the chain's
    INDEX_DIFFERS = "index_differs"  # the row's time or aggregate index is not its event's
    UNREADABLE_EVENT = "unreadable_event"  # the event cannot be decoded or made into a row


@attrs.frozen
class AuditComparison(AuditVerification):
    """What :meth:`ParkViews.verify_against` found: a verification, and what differs first."""

    difference: TrailDifference | None = None


def verify_against(
    view: AuditView,
    projection: AuditProjection,
    log: EventLog,
    *,
    application_name: str = MARKET,
    page: int = VERIFY_PAGE,
) -> AuditComparison:
    """Compare every row up to the view's position with the row its event makes today."""
    tracked = view.max_tracking_id(application_name) or 0
    expected = records_from_genesis(projection, market_events(log, tracked, page))
    return compare(
        view.chain(deep=True, page=page),
        expected,
        tracked=tracked,
        retrack=lambda: view.max_tracking_id(application_name) or 0,
    )


def market_events(log: EventLog, stop: int, page: int = VERIFY_PAGE) -> Iterator[Item]:
    """The market's events up to position ``stop``, decoded, with their positions."""
    if stop <= 0:
        return
    start, mapper = 0, _own_decoder(log.mapper)
    while True:
        notifications = log.recorder.select_notifications(
            start=start, limit=page, stop=stop, inclusive_of_start=False
        )
        for notification in notifications:
            try:
                event = mapper.to_domain_event(notification)
            except Exception as exc:
                reason = f"{type(exc).__name__}: {exc}"
                raise ProjectionHalted(
                    "decoding", notification.id, notification.topic, reason
                ) from exc
            yield event, notification.id
        if len(notifications) < page:
            return
        start = notifications[-1].id


def _own_decoder(mapper: Mapper[Any]) -> Mapper[Any]:
    """A mapper that decodes repeated values once, as a catch-up's does, but of its own: the
    catch-up's may be decoding on another thread meanwhile."""
    if type(mapper) is not Mapper or not isinstance(mapper.transcoder, JSONTranscoder):
        return mapper
    memoizing = MemoizingTranscoder(mapper.transcoder)
    return Mapper(transcoder=memoizing, compressor=mapper.compressor, cipher=mapper.cipher)


def _no_stored_roles(aggregate_id: UUID) -> Roles:
    return {}


def records_from_genesis(
    projection: AuditProjection, items: Iterable[Item]
) -> Iterator[AuditRecord]:
    """The records ``projection`` makes of the events given, chained from the first.

    As ``Preparing.add`` makes them in a catch-up, with the parties the events declare kept in
    memory rather than read from the view. An event that cannot be made into a row raises
    :class:`ProjectionHalted` naming it.
    """
    maker, rules = projection.makers()
    book = BatchPartyBook(_no_stored_roles, {}, rules)
    previous = GENESIS
    for event, position in items:
        try:
            roles = rules.roles_declared_by(event)
            if roles is not None:
                book.declare(event.originator_id, roles)
            record = maker.record(event, position, book, previous)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            raise ProjectionHalted(
                projection.name, position, type(event).__qualname__, reason
            ) from exc
        previous = record.hash
        yield record


def compare(
    trail: Iterable[TrailRecord],
    expected: Iterable[AuditRecord],
    *,
    tracked: int,
    retrack: Callable[[], int] | None = None,
) -> AuditComparison:
    """The first position where the stored rows and the records made again disagree.

    ``expected`` holds the records of the market's events up to ``tracked``, the view's position
    (0: none). A stored row beyond it is one the projection never wrote, unless a catch-up wrote
    it meanwhile (``retrack`` reads the position again): the comparison then ends at ``tracked``.
    """
    rows, made = iter(trail), iter(expected)
    checked, last, head = 0, None, GENESIS

    def result(
        position: int | None, difference: TrailDifference | None, problem: str
    ) -> AuditComparison:
        ok = difference is None
        return AuditComparison(ok, checked, position, problem, last, head.hex(), difference)

    while True:
        row = next(rows, None)
        if row is not None and row[0] > tracked:
            if retrack is None or retrack() < row[0]:
                return result(
                    row[0],
                    TrailDifference.EXTRA_ROW,
                    f"a row stands beyond position {tracked}, the last the view has processed: "
                    "the projection never wrote it, so it was added",
                )
            row = None  # written by a catch-up since: compared next time
        try:
            record = next(made, None)
        except ProjectionHalted as exc:
            return result(exc.position, TrailDifference.UNREADABLE_EVENT, str(exc))
        if row is None and record is None:
            return result(None, None, "")
        if row is None or (record is not None and record.position < row[0]):
            assert record is not None
            return result(
                record.position,
                TrailDifference.MISSING_ROW,
                "the market has an event at this position and the trail no row for it",
            )
        if record is None or row[0] < record.position:
            return result(
                row[0],
                TrailDifference.EXTRA_ROW,
                "the trail has a row at this position and the market no event for it",
            )
        position, at_us, key, entry, hash_ = row
        if entry != record.entry:
            return result(
                position, TrailDifference.ENTRY_DIFFERS, _entry_difference(entry, record.entry)
            )
        if hash_ != record.hash:
            return result(
                position,
                TrailDifference.HASH_DIFFERS,
                "its entry is the event's but its hash is not the chain of the market's entries",
            )
        if (at_us, key) != (record.at_us, record.aggregate_key):
            return result(
                position,
                TrailDifference.INDEX_DIFFERS,
                "its time or aggregate index differs from its event's",
            )
        checked, last, head = checked + 1, position, hash_


def _entry_difference(found: bytes, made: bytes) -> str:
    """Which part of a stored entry differs from the entry its event makes, in words."""
    found_parts, made_parts = found.split(b"\n", 2), made.split(b"\n", 2)
    if len(found_parts) != 3:
        return "its entry is not '<position>\\n<header>\\n<content>'"
    if found_parts[0] != made_parts[0]:
        return f"its entry holds position {found_parts[0][:20].decode(errors='replace')}"
    if found_parts[1] != made_parts[1]:
        try:
            header = json.loads(found_parts[1])
            expected = json.loads(made_parts[1])
            fields = sorted(k for k in {*header, *expected} if header.get(k) != expected.get(k))
        except (ValueError, AttributeError):
            return "its entry's header is not the JSON its event makes"
        named = ", ".join(fields) if fields else "the form of its JSON"
        return f"its entry's header differs from its event's in: {named}"
    return "its entry's content differs from its event's"
