"""The entries of the audit trail: made from events and chained, read back as rows or JSON lines.

An entry is ``b"<position>\\n<header JSON>\\n<content JSON>"`` (see ``audit.py``):
:class:`AuditRowMaker` writes it with its hash and search indexes, :func:`parse_entry` reads it
back as an ``AuditRow`` and :func:`json_line` as one JSON Lines record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any
from uuid import UUID

from sharemarket.application.projections.audit import (
    AuditRecord,
    AuditRow,
    aggregate_key,
    event_names,
    micros,
)
from sharemarket.application.projections.audit_summaries import SummaryRules
from sharemarket.application.projections.canonical import CanonicalJSON
from sharemarket.application.projections.parties import BatchPartyBook
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId

_FIRM_FIELDS: dict[type, tuple[str, ...]] = {}
_MAY_HOLD_FIRMS = ("FirmId", "Actor", "Any", "object")


def firm_fields(cls: type) -> tuple[str, ...]:
    """Names of the event class's fields that may hold a FirmId or an Actor (or anything)."""
    names = _FIRM_FIELDS.get(cls)
    if names is None:
        fields = getattr(cls, "__dataclass_fields__", None)
        if fields is None:
            names = ()  # not a dataclass: every attribute is looked at
        else:
            names = tuple(
                name
                for name, field in fields.items()
                if any(word in str(field.type) for word in _MAY_HOLD_FIRMS)
            )
        _FIRM_FIELDS[cls] = names
    return names


def firms_involved(event: Any, roles: Iterable[FirmId]) -> tuple[str, ...]:
    """Codes of the acting firm, of every firm the event names, and of its aggregate's parties."""
    codes = {f.code for f in roles}
    state = vars(event)
    names = firm_fields(type(event)) or tuple(state)
    for name in names:
        value = state.get(name)
        if isinstance(value, FirmId):
            codes.add(value.code)
        elif isinstance(value, Actor) and value.firm is not None:
            codes.add(value.firm.code)
    return tuple(sorted(codes))


class AuditRowMaker:
    """Builds the stored records of the trail, chaining each to the one before.

    The header is written out directly rather than through the encoder: its keys are fixed and
    its values are ids, class names, firm codes and ISO times that need no escaping, except the
    summary and the user, which are escaped as JSON strings. It is the canonical JSON of the
    same fields (a test holds the two equal).
    """

    def __init__(self, canonical: CanonicalJSON, summaries: SummaryRules) -> None:
        self._canonical = canonical
        self._summaries = summaries

    def record(
        self, event: Any, position: int, parties: BatchPartyBook, previous_hash: bytes
    ) -> AuditRecord:
        kind, name = event_names(type(event))
        originator_id: UUID = event.originator_id
        aggregate_id = str(originator_id)
        firms = firms_involved(event, parties.for_event(event).values())
        actor = getattr(event, "actor", None)
        user = actor.user if isinstance(actor, Actor) else ""
        timestamp: datetime = event.timestamp
        in_utc = timestamp.tzinfo is UTC
        recorded_at = (timestamp if in_utc else timestamp.astimezone(UTC)).isoformat()
        summary = self._summaries.summarise(event, parties)
        firm_list = '"' + '","'.join(firms) + '"' if firms else ""
        header = (
            f'{{"aggregate_id":"{aggregate_id}","aggregate_kind":"{kind}",'
            f'"event_type":"{name}","firms":[{firm_list}],'
            f'"recorded_at":"{recorded_at}","summary":{encode_basestring(summary)},'
            f'"user":{encode_basestring(user)},"version":{event.originator_version}}}'
        )
        # A timestamp in UTC is stored as written in the header: write it out once.
        content = self._canonical.content(event, recorded_at if in_utc else None)
        # Encoded apart: a summary's "…" would otherwise widen the whole text before encoding.
        entry = b"%d\n%b\n%b" % (position, header.encode(), content.encode())
        return AuditRecord(
            position,
            micros(timestamp),
            aggregate_key(originator_id),
            firms,
            entry,
            hashlib.sha256(previous_hash + entry).digest(),
        )


def parse_entry(entry: bytes, hash_: bytes) -> AuditRow:
    """The row a stored entry holds."""
    position, header_text, content = entry.decode().split("\n", 2)
    header = json.loads(header_text)
    return AuditRow(
        position=int(position),
        recorded_at=datetime.fromisoformat(header["recorded_at"]),
        aggregate_kind=header["aggregate_kind"],
        aggregate_id=UUID(header["aggregate_id"]),
        version=header["version"],
        event_type=header["event_type"],
        user=header["user"],
        firms=tuple(FirmId(code) for code in header["firms"]),
        summary=header["summary"],
        content=content,
        hash=hash_.hex(),
    )


def json_line(entry: bytes, hash_: bytes) -> bytes:
    """One JSON Lines record of a row, built from the stored entry without re-encoding it."""
    position, header, content = entry.split(b"\n", 2)
    return (
        header[:-1]
        + b',"position":'
        + position
        + b',"content":'
        + content
        + b',"hash":"'
        + hash_.hex().encode()
        + b'"}\n'
    )
