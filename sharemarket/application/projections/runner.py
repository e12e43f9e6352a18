"""The catch-up: read the market's event log by position and feed every projection, in batches.

Events are read and decoded once for all projections; each projection writes its batch with its
tracking position in one transaction (see ``projection``), so a catch-up interrupted anywhere
resumes exactly where its views stand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import Any

from eventsourcing.persistence import (
    Mapper,
    Notification,
    PersistenceError,
)

from sharemarket.application.kernel.event_log import EventLog, NotificationReader
from sharemarket.application.projections.decoding import catch_up_mapper
from sharemarket.application.projections.errors import (
    ProjectionHalted,
    ViewOutOfStep,
    ViewsOfAnotherMarket,
)
from sharemarket.application.projections.projection import Preparing, ViewProjection
from sharemarket.application.projections.write_behind import WriteBehind
from sharemarket.domain.errors import StoreError

#: Notifications read (and events decoded) per batch by default.
BATCH_SIZE = 2000

#: Told ``(position reached, position to reach)`` as a catch-up goes (a progress bar).
Progress = Callable[[int, int], None]


def catch_up(
    app: EventLog,
    projections: Sequence[ViewProjection[Any]],
    *,
    batch_size: int = BATCH_SIZE,
    stop: int | None = None,
    progress: Progress | None = None,
) -> int | None:
    """Bring every projection up to the application's latest event (or ``stop``).

    Notifications are read a batch at a time and each event is decoded once for all
    projections (with :func:`catch_up_mapper`); each projection skips what its view already
    holds and writes the rest of the batch in one transaction. Around the whole catch-up each
    view may leave work until the end (:meth:`View.catching_up`), and views whose writes wait
    for their store (:attr:`View.write_behind`) are written on a thread of their own while the next
    batch is prepared (:class:`WriteBehind`), when there is more than one batch. Returns the
    position every view has reached (None while the log is empty). Raises
    :class:`ProjectionHalted` if an event cannot be processed, once the other projections have
    taken the batch, and :class:`StoreError` if a store failed (catch up again later).
    ``progress(position, head)`` is called after each batch is taken (for a progress bar).
    """
    while True:
        try:
            _catch_up(app, projections, batch_size, stop, progress)
        except ViewOutOfStep:
            # Another process moved a view on: start again from where the views now stand.
            for projection in projections:
                projection.forget()
            continue
        except PersistenceError as exc:
            # The market's store or the views' failed (a lock, a lost connection): nothing of
            # the failed batch is kept, and the next catch-up carries on from where the views
            # stand. ``__cause__`` is the store's own error.
            for projection in projections:
                projection.forget()
            raise StoreError(
                f"the views could not catch up: the store failed ({type(exc).__name__}: {exc}); "
                "nothing of the failed batch was kept: catch up again once the store answers"
            ) from exc
        break
    return min((p.position(app.name) for p in projections), key=lambda p: p or 0, default=None)


def _catch_up(
    app: EventLog,
    projections: Sequence[ViewProjection[Any]],
    batch_size: int,
    stop: int | None,
    progress: Progress | None = None,
) -> None:
    name = app.name
    recorder, mapper = app.recorder, catch_up_mapper(app.mapper)
    positions = [p.position(name) or 0 for p in projections]
    head = recorder.max_notification_id() or 0
    if max(positions, default=0) > head:
        raise ViewsOfAnotherMarket(
            f"the views hold events up to position {max(positions)} but the market's log ends "
            f"at {head}: they were built from another market (or its file was replaced); open "
            "the views in a fresh folder or schema, or rebuild them from this market"
        )
    start = min(positions, default=0)
    backlog = min(head, stop or head) - start
    behind = backlog > batch_size and all(p.view.write_behind for p in projections)
    with ExitStack() as catching_up:
        for projection in projections:
            catching_up.enter_context(projection.view.catching_up(backlog))
        # Entered last, left first: every batch is written before the views finish catching up.
        writer = catching_up.enter_context(WriteBehind(projections)) if behind else None
        if progress is not None:
            progress(start, min(head, stop or head))
        _read_and_apply(
            recorder, mapper, name, projections, start, batch_size, stop, writer, progress
        )


def _read_and_apply(
    recorder: NotificationReader,
    mapper: Mapper[Any],
    name: str,
    projections: Sequence[ViewProjection[Any]],
    start: int,
    batch_size: int,
    stop: int | None,
    writer: WriteBehind | None,
    progress: Progress | None = None,
) -> None:
    head = stop or recorder.max_notification_id() or 0
    while True:
        notifications = recorder.select_notifications(
            start=start, limit=batch_size, stop=stop, inclusive_of_start=False
        )
        if not notifications:
            return
        _apply(mapper, name, projections, notifications, writer)
        start, read = notifications[-1].id, len(notifications)
        if progress is not None:
            progress(start, max(head, start))
        # Let the page go before the next one is read: the garbage collector runs while a page
        # is read, and would otherwise find this one alive and move it to its oldest
        # generation, which it then walks in full again and again.
        del notifications
        if read < batch_size:
            return


def _apply(
    mapper: Mapper[Any],
    name: str,
    projections: Sequence[ViewProjection[Any]],
    notifications: Sequence[Notification],
    writer: WriteBehind | None = None,
) -> None:
    """Decode each event once and give it to every projection; write each projection's batch
    (behind, with ``writer``, unless an event halted a projection)."""
    # Each event is dropped once every projection has taken it: only the rows are kept until the
    # batch is written (fewer objects live, less for the garbage collector to walk).
    preparing = [Preparing(projection, name) for projection in projections]
    # By event class, the batches of the projections that take it (most events concern one or
    # two views: a request receipt adds nothing to the journal or the sharing report).
    takers: dict[type, list[Preparing]] = {}
    halted: list[ProjectionHalted] = []
    decoded: int | None = None
    for notification in notifications:
        try:
            event = mapper.to_domain_event(notification)
        except Exception as exc:
            undecodable = ProjectionHalted(
                "decoding", notification.id, notification.topic, f"{type(exc).__name__}: {exc}"
            )
            undecodable.__cause__ = exc
            halted.append(undecodable)
            break
        cls = type(event)
        batches = takers.get(cls)
        if batches is None:
            batches = takers[cls] = [b for b in preparing if b.projection.takes(cls)]
        previous, decoded = decoded, notification.id
        for batch in batches:
            batch.add(event, decoded, previous)
    if decoded is not None:
        for batch in preparing:
            batch.reached(decoded)
    if writer is not None:
        if not halted and all(batch.halted is None for batch in preparing):
            writer.submit([batch.finish() for batch in preparing])
            return
        writer.wait()
    for batch in preparing:
        try:
            batch.projection.commit(batch.finish())
        except ProjectionHalted as exc:
            halted.append(exc)
    if halted:
        raise min(halted, key=lambda h: h.position)
