"""Canonical JSON: sorted keys, no whitespace, every value in the form the transcoder stores it.

Canonical JSON is what the audit trail shows and hashes, so it must come out byte for byte the
same from any process, on any store, at any later time. A value of a custom type appears as the
data its registered transcoding stores (Money as integer fen, a FirmId as its code, a date in ISO
form, an attrs value as an object of its fields), without the transcoder's ``_type_``/``_data_``
envelope: the event type names the schema, and the rows stay readable for people. The text is
exactly ``json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from datetime import date, datetime
from json.encoder import encode_basestring
from typing import Any
from uuid import UUID

from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, UUIDAsHex

from sharemarket.application.projections.immutable import shareable
from sharemarket.domain.actor import Actor
from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money

#: Attributes every stored event has outside its state (they are columns of the audit row).
_POSITION_ATTRIBUTES = ("originator_id", "originator_version")
#: Types whose stored form depends only on their value (equal values, equal JSON), so the data of
#: a repeated value (an actor, a firm, a date) is computed once. Not Decimal ("1.5" == "1.50")
#: nor datetime (equal instants in different zones print differently).
CACHEABLE: frozenset[type] = frozenset({Actor, FirmId, Money, Minutes, date})
_CACHE_MAX = 20_000
_PLAIN = (str, int, float, bool, type(None))
# CPython's C encoder (not in the type stubs); None on interpreters without it.
_C_MAKE_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)


class CanonicalJSON:
    """Encodes values canonically with the transcodings of one application."""

    def __init__(self, transcoder: JSONTranscoder) -> None:
        self._transcodings = dict(transcoder.types)
        self._cache: dict[tuple[type, Any], Any] = {}
        self._cacheable: dict[type, bool] = {}
        self._by_id: dict[int, tuple[Any, Any]] = {}
        self._shared_type: dict[type, bool] = {}
        # eventsourcing's own transcodings of datetimes and UUIDs, taken without the lookup.
        self._direct: dict[type, Callable[[Any], Any]] = {}
        if isinstance(self._transcodings.get(datetime), DatetimeAsISO):
            self._direct[datetime] = datetime.isoformat
        if isinstance(self._transcodings.get(UUID), UUIDAsHex):
            self._direct[UUID] = _hex
        self._encode = _encoder(self._stored_data)

    def encode(self, value: Any) -> str:
        return self._encode(value)

    def content(self, event: object, timestamp_text: str | None = None) -> str:
        """The event's own state as canonical JSON (its id and version are kept apart).

        ``timestamp_text``: the event's ``timestamp`` already written out, when the caller has
        it in exactly the form its transcoding stores (it is then not written out again).
        """
        state = event_state(event)
        if timestamp_text is not None and datetime in self._direct:
            state["timestamp"] = timestamp_text
        return self._encode(state)

    def _stored_data(self, obj: Any) -> Any:
        """The encoder's hook for a value JSON has no form for: its transcoding's data."""
        # The very object seen before (catch-up shares decoded values): no hashing needed. The
        # entry keeps the object alive, so its id cannot be reused by another object meanwhile.
        seen = self._by_id.get(id(obj))
        if seen is not None and seen[0] is obj:
            return seen[1]
        t = type(obj)
        direct = self._direct.get(t)
        if direct is not None:
            return direct(obj)
        by_value = self._cacheable.get(t)
        if by_value is None:
            by_value = self._cacheable[t] = t in CACHEABLE or issubclass(t, enum.Enum)
        if by_value:
            found = self._cache.get((t, obj))
            if found is not None:
                self._remember(obj, found)
                return found
        transcoding = self._transcodings.get(t)
        if transcoding is None:
            raise TypeError(
                f"{t.__qualname__} has no transcoding (and floats are never used); register one "
                "with the application's transcoder"
            )
        data = transcoding.encode(obj)
        if by_value:
            data = self._plain(data)
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[(t, obj)] = data
            self._remember(obj, data)
        elif self._shared_type.get(t, True):
            # The same object may come again (decoded values are shared during catch-up). A
            # type whose first value cannot be shared is not looked at again.
            if shareable(obj):
                self._remember(obj, self._plain(data))
            elif t not in self._shared_type:
                self._shared_type[t] = False
        return data

    def _remember(self, obj: Any, data: Any) -> None:
        if len(self._by_id) >= _CACHE_MAX:
            self._by_id.clear()
        self._by_id[id(obj)] = (obj, data)

    def _plain(self, data: Any) -> Any:
        """Data with every nested custom value replaced by its stored data (for the cache)."""
        if isinstance(data, _PLAIN):
            return data
        if isinstance(data, dict):
            return {k: self._plain(v) for k, v in data.items()}
        if isinstance(data, list | tuple):
            return [self._plain(v) for v in data]
        return self._plain(self._stored_data(data))


def _encoder(default: Callable[[Any], Any]) -> Callable[[Any], str]:
    if _C_MAKE_ENCODER is None:  # pragma: no cover - CPython always has the C encoder
        return json.JSONEncoder(
            sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=default
        ).encode
    # The C encoder built once and called directly: JSONEncoder.encode() would build it anew for
    # every call. No circular-reference markers: event state is a tree.
    encode = _C_MAKE_ENCODER(None, default, encode_basestring, None, ":", ",", True, False, False)

    def canonical(value: Any) -> str:
        if isinstance(value, str):
            return encode_basestring(value)
        return "".join(encode(value, 0))

    return canonical


def _hex(value: UUID) -> str:
    return value.hex


def event_state(event: object) -> dict[str, Any]:
    """What the mapper would store of an event: its attributes but the id and version."""
    state = dict(vars(event))
    for name in _POSITION_ATTRIBUTES:
        state.pop(name, None)
    class_version = _class_version(type(event))
    if class_version > 1:
        state["class_version"] = class_version
    return state


_CLASS_VERSIONS: dict[type, int] = {}


def _class_version(cls: type) -> int:
    version = _CLASS_VERSIONS.get(cls)
    if version is None:
        version = _CLASS_VERSIONS[cls] = getattr(cls, "class_version", 1)
    return version
