"""The audit trail: one hash-chained row per event, in the application's notification order.

A row is stored as one ``entry``: ``b"<position>\\n<header JSON>\\n<content JSON>"``, where the
header holds the time, aggregate kind and id, version, event type, acting user, firms involved
and the one-line summary, and the content is the event's canonical JSON. Each row's hash
is ``SHA-256(previous row's hash + entry)`` (32 zero bytes before the first row), so changing,
inserting, removing or reordering any row breaks the chain from that row on. The columns a view
keeps beside the entry (time, aggregate id, firms) are search indexes only: everything a query
returns is read from the entry, and ``verify(deep=True)`` also checks the indexes against it.
"""

from __future__ import annotations

import hashlib
import json
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import zip_longest
from json.encoder import encode_basestring
from typing import Any, NamedTuple, TypeVar
from uuid import UUID

import attrs

from sharemarket.application.projections.canonical import CanonicalJSON
from sharemarket.application.projections.errors import AuditTrailBroken
from sharemarket.application.projections.parties import BatchPartyBook, PartyBook
from sharemarket.domain.actor import Actor
from sharemarket.domain.firm_id import FirmId

#: The "previous hash" of the first row.
GENESIS = bytes(32)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
# Summaries are one line: control characters (newlines included) become spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_SUMMARY_MAX = 300
_TWO_63, _TWO_64 = 1 << 63, 1 << 64


def aggregate_key(aggregate_id: UUID) -> int:
    """The aggregate index's key: the id's first 8 bytes as a signed 64-bit integer.

    Integers index much faster than UUID strings. Two aggregates may share a key (about one
    chance in 2**64 per pair), so a query by aggregate also checks the id each entry holds.
    """
    key = aggregate_id.int >> 64
    return key - _TWO_64 if key >= _TWO_63 else key


def micros(instant: datetime) -> int:
    """Microseconds since the epoch (UTC), the time index of the audit trail."""
    return (instant - _EPOCH) // _MICROSECOND


@attrs.frozen
class AuditRow:
    """One event as the audit trail shows it."""

    position: int
    recorded_at: datetime
    aggregate_kind: str
    aggregate_id: UUID
    version: int
    event_type: str
    user: str
    firms: tuple[FirmId, ...]
    summary: str
    content: str  # canonical JSON
    hash: str  # hex SHA-256 over the previous row's hash and this row's entry

    def as_dict(self) -> dict[str, Any]:
        """Plain values (strings and numbers) for CSV, JSON or a web page."""
        return {
            "position": self.position,
            "recorded_at": self.recorded_at.isoformat(),
            "aggregate_kind": self.aggregate_kind,
            "aggregate_id": str(self.aggregate_id),
            "version": self.version,
            "event_type": self.event_type,
            "user": self.user,
            "firms": [f.code for f in self.firms],
            "summary": self.summary,
            "content": self.content,
            "hash": self.hash,
        }


class AuditRecord(NamedTuple):
    """An audit row as a view stores it: the hashed entry and the search indexes beside it."""

    position: int
    at_us: int
    aggregate_key: int  # see aggregate_key()
    firms: tuple[str, ...]
    entry: bytes
    hash: bytes


@attrs.frozen
class AuditPage:
    """Rows of one query page, and the position to pass as ``after`` for the next page."""

    rows: tuple[AuditRow, ...]
    next_after: int | None  # None when this was the last page


@attrs.frozen
class AuditVerification:
    """What :func:`verify_records` found: ``ok``, or the first position that does not match."""

    ok: bool
    rows_checked: int
    first_bad_position: int | None
    problem: str
    last_position: int | None
    head_hash: str  # hex hash of the last row that matched (GENESIS when none)

    def raise_if_broken(self) -> None:
        """Raise ``AuditTrailBroken`` naming the first bad position, unless the trail is ok."""
        if not self.ok:
            raise AuditTrailBroken(
                f"the audit trail is broken at position {self.first_bad_position}: "
                f"{self.problem} ({self.rows_checked} rows checked)",
                self.first_bad_position,
            )


# Summaries --------------------------------------------------------------------------------------

SummaryRule = Callable[[Any, PartyBook], str]
S = TypeVar("S", bound=SummaryRule)


class SummaryRules:
    """One-line human summaries by event class (the exact class)."""

    def __init__(self) -> None:
        self._rules: dict[type, SummaryRule] = {}

    def summary(self, *event_classes: type) -> Callable[[S], S]:
        def register(rule: S) -> S:
            for cls in event_classes:
                if cls in self._rules:
                    raise ValueError(f"{cls.__qualname__} already has a summary")
                self._rules[cls] = rule
            return rule

        return register

    def knows(self, event_class: type) -> bool:
        return event_class in self._rules

    @property
    def event_classes(self) -> frozenset[type]:
        return frozenset(self._rules)

    def summarise(self, event: Any, parties: PartyBook) -> str:
        rule = self._rules.get(type(event))
        text = generic_summary(event) if rule is None else rule(event, parties)
        if not text.isprintable():
            text = _CONTROL.sub(" ", text).strip()
        return text if len(text) <= _SUMMARY_MAX else text[: _SUMMARY_MAX - 1] + "…"

    @classmethod
    def merge(cls, tables: Iterable[SummaryRules]) -> SummaryRules:
        merged = cls()
        for table in tables:
            for event_class, rule in table._rules.items():
                merged.summary(event_class)(rule)
        return merged


def who(actor: object) -> str:
    """The acting side as a summary names it: the firm's short code, or the administrator."""
    if isinstance(actor, Actor):
        return actor.firm.short if actor.firm is not None else f"administrator {actor.user}"
    return "someone"


def generic_summary(event: Any) -> str:
    kind, name = event_names(type(event))
    actor = who(getattr(event, "actor", None))
    return f"{actor} recorded {name} on {kind} {short(event.originator_id)}"


def short(some_id: UUID) -> str:
    """An id as a summary names it: its first 8 hex digits (as ``str(some_id)`` begins)."""
    return some_id.hex[:8]


# Rows -------------------------------------------------------------------------------------------

_NAMES: dict[type, tuple[str, str]] = {}


def event_names(cls: type) -> tuple[str, str]:
    """(aggregate kind, event type) of an event class: ("Park", "FirmAdmitted")."""
    names = _NAMES.get(cls)
    if names is None:
        kind, _, name = cls.__qualname__.rpartition(".")
        names = (kind or cls.__module__.rpartition(".")[2], name)
        _NAMES[cls] = names
    return names


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


# Verification -----------------------------------------------------------------------------------


def verify_records(
    records: Iterable[Sequence[Any]],
    *,
    tracked: int | None,
    deep: bool = False,
    firm_positions: dict[str, array[int]] | None = None,
    retrack: Callable[[], int | None] | None = None,
) -> AuditVerification:
    """Walk the trail in position order and report the first row whose hash does not match.

    ``records`` yields ``(position, entry, hash)``, or with ``deep``
    ``(position, at_us, aggregate_key, entry, hash)`` so the time and aggregate indexes are checked
    against the entry too; ``firm_positions`` then collects, firm by firm, the positions whose
    entries name the firm (to check the firm index with :func:`first_difference`). ``tracked`` is
    the last position the view has processed (0: none; None: not checked): rows missing up to it
    are reported, and so are rows beyond it, which the projection never wrote. ``retrack``
    reads the view's position again when a row beyond it is met: a catch-up running meanwhile
    writes rows and position together, so only a row the position still does not cover is one
    that was added.
    """
    sha256 = hashlib.sha256
    records = iter(records)  # rows beyond the position are named from where the walk stands
    previous = GENESIS
    checked = 0
    last: int | None = None

    def broken(position: int, problem: str) -> AuditVerification:
        return AuditVerification(False, checked, position, problem, last, previous.hex())

    for record in records:
        if deep:
            position, at_us, key, entry, hash_ = record
        else:
            position, entry, hash_ = record
        if tracked is not None and position > tracked:
            tracked = retrack() if retrack is not None else tracked
            if tracked is None or position > tracked:
                return broken(position, _beyond(position, tracked or 0, records))
        if sha256(previous + entry).digest() != hash_:
            return broken(position, "its hash does not match the previous hash and its entry")
        if not entry.startswith(b"%d\n" % position):
            return broken(position, "its position differs from the position its entry holds")
        if deep:
            row = parse_entry(entry, hash_)
            if micros(row.recorded_at) != at_us:
                return broken(position, "its time index differs from the time its entry holds")
            if aggregate_key(row.aggregate_id) != key:
                return broken(
                    position, "its aggregate index differs from the aggregate its entry holds"
                )
            if firm_positions is not None:
                for firm in row.firms:
                    firm_positions.setdefault(firm.code, array("q")).append(position)
        previous = hash_
        last = position
        checked += 1
    if tracked and (last is None or last < tracked):
        return broken(
            tracked,
            f"the trail ends at position {last} but the view has processed up to {tracked}: "
            "rows were removed from its end",
        )
    return AuditVerification(True, checked, None, "", last, previous.hex())


def _beyond(position: int, tracked: int, rest: Iterable[Sequence[Any]]) -> str:
    """The problem of rows beyond the view's position, naming them (the first few, and a count)."""
    positions = [position, *(record[0] for record in rest)]
    named = ", ".join(map(str, positions[:5])) + (", ..." if len(positions) > 5 else "")
    return (
        f"{len(positions)} row(s) stand beyond position {tracked}, the last the view has "
        f"processed (positions {named}): the projection never wrote them, so they were added; "
        "remove them (or rebuild the trail) and catch up again"
    )


def first_difference(expected: Iterable[int], found: Iterable[int]) -> int | None:
    """The first position in one ascending sequence and not in the other, or None."""
    missing = object()
    for a, b in zip_longest(expected, found, fillvalue=missing):
        if a != b:
            return min(x for x in (a, b) if isinstance(x, int))
    return None
