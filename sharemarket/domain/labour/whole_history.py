"""The whole history of a labour aggregate that forgets what it no longer decides on.

A labour agreement forgets the shifts and settlements that closed (``forgetting.py``); a
worker's timesheet forgets the days before its window (``timesheet_window.py``). Both keep their
whole history in their events, and both rebuild it the same way: replay every event, from the
first, into an aggregate marked ``keeps_history`` so that its event bodies drop nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from eventsourcing.domain import CanMutateProtocol

T = TypeVar("T")


def replay_whole(cls: type[T], events: Iterable[CanMutateProtocol[Any]]) -> T:
    """The ``cls`` aggregate its ``events`` (all of them, from the first) make, forgetting
    nothing: for reading, or for deciding what the stored aggregate no longer holds; never to be
    saved as it is."""
    aggregate: Any = None
    for event in events:
        aggregate = event.mutate(aggregate)
        if aggregate is not None and not aggregate.keeps_history:
            aggregate.keeps_history = True
    if not isinstance(aggregate, cls):
        raise ValueError(f"the events given do not make a {cls.__name__}")
    return aggregate
