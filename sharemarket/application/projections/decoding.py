"""Decoding for catch-up: the application's own mapper, with repeated stored values decoded once.

A long history repeats the same few values thousands of times: the same firms, the same actors,
the same dates and amounts, and the same shift in its recording and its confirmation. Each is
decoded (and validated: a firm's check character, an actor's user id) every time it is read.
:class:`MemoizingTranscoder` decodes each distinct stored form of an immutable value once and
hands out the same object after that. Events come out equal to what
the application's mapper gives (a test holds them equal); only the values are shared.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Hashable
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
    """Decodes like ``transcoder`` (same transcodings); immutable values are decoded once."""

    def __init__(self, transcoder: JSONTranscoder) -> None:
        self._transcoder = transcoder
        self._names: dict[str, Transcoding] = dict(transcoder.names)
        self._cache: dict[tuple[str, Hashable], Any] = {}
        # Whether the values of a transcoding name are immutable and worth sharing.
        self._shared: dict[str, bool] = {}
        self._decoder = json.JSONDecoder(object_hook=self._decode_object)

    def encode(self, obj: Any) -> bytes:
        return self._transcoder.encode(obj)

    def decode(self, data: bytes) -> Any:
        return self._decoder.decode(data.decode("utf8"))

    def _decode_object(self, d: dict[str, Any]) -> Any:
        # The same rule as eventsourcing's JSONTranscoder: {"_type_": name, "_data_": data}.
        if len(d) != 2:
            return d
        name = d.get("_type_")
        if name is None or "_data_" not in d:
            return d
        data = d["_data_"]
        shared = self._shared.get(name)  # None until the first value of this name is decoded
        key: tuple[str, Hashable] | None = None
        if shared is not False:
            key = _key(name, data)
            if key is not None:
                found = self._cache.get(key)
                if found is not None:
                    return found
        try:
            transcoding = self._names[name]
        except KeyError:
            raise TranscodingNotRegisteredError(
                f"Data serialized with name '{name}' is not deserializable. Please register a "
                "custom transcoding for this type."
            ) from None
        value = transcoding.decode(data)
        if shared is None:
            shared = self._shared[name] = shareable(value)
        if shared and key is not None:
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[key] = value
        return value


def _key(name: str, data: Any) -> tuple[str, Hashable] | None:
    """A cache key for the stored form (None when it holds something unhashable)."""
    if isinstance(data, str | int):
        return (name, data)
    if isinstance(data, dict):
        key = (name, tuple(data.items()))
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
        found = _MAPPERS[mapper] = Mapper(
            transcoder=MemoizingTranscoder(mapper.transcoder),
            compressor=mapper.compressor,
            cipher=mapper.cipher,
        )
    return found
