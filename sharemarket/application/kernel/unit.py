"""A unit of work: the aggregates one command (or one batch of commands) loaded and changed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.kernel.commands import Command, Handler
from sharemarket.domain.requests import Receipt


class Step:
    """One command of a unit of work with its handler and fingerprint, kept so that a batch can
    be decided again from fresh state."""

    __slots__ = ("command", "fingerprint", "handler")

    def __init__(self, command: Command[Any], handler: Handler, fingerprint: str) -> None:
        self.command = command
        self.handler = handler
        self.fingerprint = fingerprint


class Unit:
    """The aggregates a unit loaded or created, by id, and what it must verify when it saves."""

    def __init__(self, *, optimistic: bool = False, check_receipts: bool = True) -> None:
        # Optimistic: decided on warm copies without catching them up (see UnitOfWork.execute).
        # check_receipts: each command looks for its request id's receipt before it is decided;
        # if not, the save's version check finds a used one.
        self.optimistic = optimistic
        self.check_receipts = check_receipts
        self.unverified: set[UUID] = set()
        self.aggregates: dict[UUID, Aggregate] = {}
        self.touched: dict[UUID, Aggregate] = {}
        self.steps: list[Step] = []
        # In a batch, what the current step took from the unit, with the version it had then
        # (None: the step loaded it), so that a refused step can be undone without scanning
        # the batch. None outside a batch, where nothing reads it: not kept for every command.
        self.seen_in_step: dict[UUID, int | None] | None = None
        # Read-only copies the unit relied on, at the version read (0: did not exist); checked
        # when the unit is saved (read_checks).
        self.reads: dict[UUID, int] = {}
        # Those copies themselves (None: did not exist), so that every command of a batch reads
        # the one its save checks, found with one lookup.
        self.read_copies: dict[UUID, Aggregate | None] = {}
        # The receipts of the unit's commands, by request id, saved with its events.
        self.receipts: dict[str, Receipt] = {}

    def add(self, *aggregates: Aggregate) -> None:
        for aggregate in aggregates:
            # ``id`` is a property and a UUID's hash a Python call: each read once.
            aggregate_id = aggregate.id
            self.aggregates[aggregate_id] = self.touched[aggregate_id] = aggregate

    def changed(self) -> list[Aggregate]:
        return list(self.touched.values())

    def replace_with(self, other: Unit) -> None:
        self.aggregates, self.touched, self.steps = other.aggregates, other.touched, other.steps
        self.seen_in_step = None
        self.reads, self.receipts = other.reads, other.receipts
        self.read_copies = other.read_copies
        self.optimistic, self.unverified = other.optimistic, other.unverified
