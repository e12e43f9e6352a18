"""Decoding for catch-up: the application's own mapper, with repeated stored values decoded once.

A long history repeats the same few values thousands of times: the same firms, the same actors,
the same dates and amounts. Each is decoded (and validated: a firm's check character, an actor's
user id) every time it is read. :class:`MemoizingTranscoder` decodes each distinct stored form of
an immutable value once and hands out the same object after that. Events come out equal to what
the application's mapper gives (a test holds them equal); only the values are shared.

Values that hold an id (a shift, a settlement) are decoded every time: they recur only a few
events apart, and sharing them was measured to save nothing (looking one up costs about what
building it does).
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Hashable
from json.scanner import make_scanner
from typing import Any

from eventsourcing.persistence import (
    JSONTranscoder,
    Mapper,
    Transcoder,
    Transcoding,
    TranscodingNotRegisteredError,
)

from sharemarket.application.projections.immutable import shareable

_CACHE_MAX = 50_000


class MemoizingTranscoder(Transcoder):
    """Decodes like ``transcoder`` (same transcodings); immutable values are decoded once.

    The decoder's hook runs for every JSON object of every event (a dozen per event), so it
    does as little as it can: one lookup finds what is known of a transcoding name, either the
    values decoded so far (a name whose values are shared) or the transcoding's ``decode``.
    """

    def __init__(self, transcoder: JSONTranscoder) -> None:
        self._transcoder = transcoder
        self._names: dict[str, Transcoding] = dict(transcoder.names)
        # By name: the values decoded so far, keyed by their stored form (shared names)...
        self._values: dict[str, dict[Hashable, Any]] = {}
        # ... or the transcoding's decode (names whose values are not shared).
        self._decoders: dict[str, Callable[[Any], Any]] = {}
        self._cached = 0
        self._decoder = json.JSONDecoder(object_hook=self._decode_object)
        # typeshed types make_scanner's argument as the scanner class itself.
        self._scan = make_scanner(self._decoder)  # type: ignore[arg-type]

    def encode(self, obj: Any) -> bytes:
        return self._transcoder.encode(obj)

    def decode(self, data: bytes) -> Any:
        text = data.decode("utf8")
        # The decoder's scanner called directly (JSONDecoder.decode adds two Python calls and a
        # regular expression for surrounding whitespace, which stored states never have).
        try:
            value, end = self._scan(text, 0)
        except StopIteration:
            end = -1
        if end == len(text):
            return value
        return self._decoder.decode(text)  # whitespace around it, or the decoder's own error

    def _decode_object(self, d: dict[str, Any]) -> Any:
        # The same rule as eventsourcing's JSONTranscoder: {"_type_": name, "_data_": data}.
        if len(d) != 2:
            return d
        try:
            name = d["_type_"]
            data = d["_data_"]
        except KeyError:
            return d
        values = self._values.get(name)
        if values is None:
            decode = self._decoders.get(name)
            if decode is not None:
                return decode(data)
            return self._first_value(name, data)
        t = type(data)
        key = data if t is str or t is int else _key(data)
        if key is None:
            return self._names[name].decode(data)
        found = values.get(key)
        if found is None:
            found = self._names[name].decode(data)
            self._remember(values, key, found)
        return found

    def _first_value(self, name: str, data: Any) -> Any:
        """Decode the first value of a name, and learn whether its values are shared."""
        try:
            transcoding = self._names[name]
        except KeyError:
            raise TranscodingNotRegisteredError(
                f"Data serialized with name '{name}' is not deserializable. Please register a "
                "custom transcoding for this type."
            ) from None
        value = transcoding.decode(data)
        if shareable(value):
            values = self._values[name] = {}
            key = _key(data)
            if key is not None:
                self._remember(values, key, value)
        else:
            self._decoders[name] = transcoding.decode
        return value

    def _remember(self, values: dict[Hashable, Any], key: Hashable, value: Any) -> None:
        if self._cached >= _CACHE_MAX:
            for known in self._values.values():
                known.clear()
            self._cached = 0
        values[key] = value
        self._cached += 1


def _key(data: Any) -> Hashable | None:
    """A cache key for a stored form (None when it holds something unhashable)."""
    t = type(data)
    if t is str or t is int:
        return data  # type: ignore[no-any-return]
    if t is dict:
        key = tuple(data.items())
        try:
            hash(key)
        except TypeError:
            return None
        return key
    return None


_MAPPERS: weakref.WeakKeyDictionary[Mapper[Any], Mapper[Any]] = weakref.WeakKeyDictionary()


def catch_up_mapper(mapper: Mapper[Any]) -> Mapper[Any]:
    """The mapper catch-up decodes with: ``mapper`` with a memoizing transcoder, when it can.

    Made once per application mapper (its cache then lasts between catch-ups). A mapper of
    another class, or with another transcoder, is used as it is.
    """
    if not isinstance(mapper.transcoder, JSONTranscoder) or type(mapper) is not Mapper:
        return mapper
    found = _MAPPERS.get(mapper)
    if found is None:
        found = _MAPPERS[mapper] = memoizing_mapper(mapper)
    return found


def memoizing_mapper(mapper: Mapper[Any]) -> Mapper[Any]:
    """A new mapper like ``mapper`` with a memoizing transcoder (its cache empty), when it can.

    A mapper of another class, or with another transcoder, is returned as it is.
    """
    if not isinstance(mapper.transcoder, JSONTranscoder) or type(mapper) is not Mapper:
        return mapper
    return Mapper(
        transcoder=MemoizingTranscoder(mapper.transcoder),
        compressor=mapper.compressor,
        cipher=mapper.cipher,
    )
