"""Reads a command relied on but does not save, checked in the transaction that records it.

A command decides on copies of aggregates it only reads: the park's membership, a slice's
rules, a warm copy of an aggregate another command left. Asking the store before each decision
whether every such copy is still current costs a query (a transaction) per aggregate per
command. Instead, the versions the command read travel with its ``save``: the event store checks
them inside the transaction that records the decision, once it holds the write lock, so no other
writer can slip in between. If one of them has a newer event, nothing is recorded and
:class:`ReadChanged` is raised. It is an ``IntegrityError``, like any lost race, so the command
is decided again on fresh state, exactly as when a saved aggregate's version conflicts.

The event stores that do this (``sharemarket.adapters.*_recorder``) say so with
``checks_reads = True``; with any other recorder the application asks before it decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from eventsourcing.persistence import IntegrityError

#: The ``save()`` keyword (passed through to ``insert_events``) that carries the reads:
#: ``{aggregate id: version read}``, 0 for an aggregate read as not existing.
READS = "unchanged_since"

ReadVersions = Mapping[UUID, int]


class ReadChanged(IntegrityError):
    """An aggregate the command read but did not save changed before its decision was recorded."""

    def __init__(self, aggregate_id: UUID, version: int) -> None:
        super().__init__(
            f"aggregate {aggregate_id} has events after version {version}, which the command "
            "read; nothing was recorded"
        )
        self.aggregate_id = aggregate_id
        self.version = version


def checks_reads(recorder: object) -> bool:
    """Whether this recorder checks a save's reads (see the module docstring)."""
    return getattr(recorder, "checks_reads", False) is True
