"""Request receipts: what makes every command idempotent under a caller-supplied request id."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from uuid import UUID

import attrs
from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput, RequestIdReused
from sharemarket.domain.ids import name_based_id

REQUEST_ID_MAX = 128


def check_request_id(request_id: object) -> str:
    if not isinstance(request_id, str):
        raise TypeError(f"a request id is a str, not {type(request_id).__name__}")
    if not request_id or len(request_id) > REQUEST_ID_MAX:
        raise InvalidInput(
            f"request id {request_id!r} must have 1 to {REQUEST_ID_MAX} characters; "
            "use a fresh id (a UUID is fine) for each new command and the same id to retry it"
        )
    if not request_id.isprintable() or request_id.split() != [request_id]:
        raise InvalidInput(
            f"request id {request_id!r} must not contain spaces or control characters"
        )
    return request_id


class RequestReceipt(Aggregate):
    """The record that a request id was used, for which command and arguments, and its result,
    as commands recorded it until receipts moved to a table of their own (:class:`Receipt`).

    Stores written before keep these aggregates, and their request ids still replay. Its id is
    derived from the request id (``id_for``); a store that holds them has each new command check
    that its request id has none (see ``application.kernel.receipts``).
    """

    class Event(Aggregate.Event):
        """The base of ``RequestReceipt``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Recorded(Aggregate.Created, Event):
        request_id: str
        command: str
        fingerprint: str
        result: Any
        actor: Actor

    def __init__(
        self, request_id: str, command: str, fingerprint: str, result: Any, actor: Actor
    ) -> None:
        self.request_id = request_id
        self.command = command
        self.fingerprint = fingerprint
        self.result = result

    @staticmethod
    @lru_cache(maxsize=1024)
    def id_for(request_id: str) -> UUID:
        # Cached: each command asks for it two or three times (lookup, receipt, replay).
        # ``uuid5(SHAREMARKET_NAMESPACE, ...)``, derived with less Python (ids.name_based_id).
        return name_based_id(f"request:{request_id}")

    @classmethod
    def record(
        cls, *, request_id: str, command: str, fingerprint: str, result: Any, actor: Actor
    ) -> RequestReceipt:
        return cls._create(
            cls.Recorded,
            id=cls.id_for(request_id),
            request_id=request_id,
            command=command,
            fingerprint=fingerprint,
            result=result,
            actor=actor,
        )

    def replay(self, command: str, fingerprint: str) -> Any:
        """The first result if this is the same command with the same arguments, else a conflict."""
        return replay(
            self.request_id, self.command, self.fingerprint, self.result, command, fingerprint
        )


@attrs.frozen
class Receipt:
    """The record that a request id was used, as the event store keeps it since receipts left
    the events: a row of the receipts table, keyed (uniquely) by the request id, written in the
    transaction that records the command's events. Receipts recorded before are
    :class:`RequestReceipt` aggregates, still read and replayed.

    A value like every other: its stored state is written field by field
    (``application.kernel.receipts.ReceiptCodec``), so being a frozen attrs class changes no
    stored byte."""

    request_id: str
    command: str
    fingerprint: str
    result: Any
    actor: Actor

    def replay(self, command: str, fingerprint: str) -> Any:
        """The first result if this is the same command with the same arguments, else a conflict."""
        return replay(
            self.request_id, self.command, self.fingerprint, self.result, command, fingerprint
        )


def replay(
    request_id: str, used_for: str, used_with: str, result: Any, command: str, fingerprint: str
) -> Any:
    """A receipt's ``result`` for ``command`` with ``fingerprint``, or ``RequestIdReused``."""
    if command != used_for:
        raise RequestIdReused(
            f"request id {request_id!r} was already used for {used_for}, not "
            f"{command}; use a fresh request id for a new command"
        )
    if fingerprint != used_with:
        raise RequestIdReused(
            f"request id {request_id!r} was already used for {command} with different "
            "arguments (or by another actor); retry with the original arguments, or use a "
            "fresh request id for a new command"
        )
    return result
