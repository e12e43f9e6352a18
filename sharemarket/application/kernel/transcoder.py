"""MarketTranscoder: eventsourcing's JSON transcoder, writing the same bytes and reading the same
values with less Python."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Hashable
from datetime import date
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from json.scanner import make_scanner
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding, UUIDAsHex

from sharemarket.application.kernel.encoders import value_encoder
from sharemarket.domain.actor import Actor
from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.ids import uuid_of_int
from sharemarket.domain.money import Money


class MarketTranscoder(JSONTranscoder):
    """eventsourcing's JSON transcoder, writing the same bytes with less Python per value.

    Every command encodes each of its events and its request fingerprint, about four documents
    of a dozen transcoded values each. ``JSONEncoder.encode`` builds a C encoder per document
    (``iterencode``), and eventsourcing's hook finds each value's transcoding through a
    ``try``, a method call and a dict build. This transcoder builds the C encoder once and keeps
    each type's name and encoding function at hand: 8.4 us per document instead of 11.0 (the
    events of the benchmark's command path).

    Every event and every fingerprint holds an actor: its stored form (a dict holding the role's
    and the firm's) is worked out once per ``Actor`` object and reused while that object lives,
    instead of three calls into Python per occurrence.

    The bytes are exactly ``JSONTranscoder``'s (tests/application/kernel/test_transcodings.py); the
    one difference is that a document containing itself recurses until ``RecursionError``
    instead of raising ``ValueError``, which event state never does.

    Decoding gives exactly the values ``JSONTranscoder.decode`` gives (the same test file), with
    less Python per JSON object: one lookup finds a name's decoding, and the stored forms of
    immutable values that recur in every event (an actor, a firm, a date, an enum member) are
    decoded once and the value shared while it is remembered (``decode_memoized``).
    """

    #: Immutable value types whose stored form is kept per object (see ``_encode_value``).
    memoized: frozenset[type[Any]] = frozenset({Actor})
    #: How many such objects are remembered before the memo starts afresh.
    memo_max = 256
    #: Immutable value types (and every enum) whose values are decoded once per stored form,
    #: that form being text, an int, or a dict of hashable values. Equal stored forms give equal
    #: values of these types whatever else is in the document (no field converts an int into
    #: a bool, nor text into anything but itself).
    decode_memoized: frozenset[type[Any]] = frozenset({Actor, FirmId, date, Minutes, Money})
    #: How many stored forms of one name are remembered before its memo starts afresh.
    decode_memo_max = 1024

    def __init__(self) -> None:
        super().__init__()
        self._encodings: dict[type[Any], tuple[str, Callable[[Any], Any]]] = {}
        # By type: a function giving a value's stored form, called by the C encoder for every
        # value JSON does not hold natively (a dozen an event). Built once per type at
        # registration, so that each call is one dict lookup and one call (see ``_encoder``).
        self._encoders: dict[type[Any], Callable[[Any], Any]] = {}
        # id(value) -> (value, its stored form as plain JSON values): holding the value keeps
        # its id from being reused by another object while the entry exists.
        self._memo: dict[int, tuple[Any, Any]] = {}
        self._texts: dict[int, tuple[Any, str]] = {}  # id(value) -> (value, its text): text_of
        # By transcoding name: its decode, and the values decoded so far by their stored form
        # (None for a name whose values are not shared).
        self._decodings: dict[str, tuple[Callable[[Any], Any], dict[Hashable, Any] | None]] = {}
        self._market_decoder = json.JSONDecoder(object_hook=self._decode_hook())
        # typeshed types make_scanner's argument as the scanner class itself.
        self._scan = make_scanner(self._market_decoder)  # type: ignore[arg-type]
        self._encode_document = (
            None
            if c_make_encoder is None  # an interpreter without the C accelerator
            else c_make_encoder(
                None, self._encode_value, encode_basestring, None, ":", ",", False, False, True
            )
        )

    def register(self, transcoding: Transcoding) -> None:
        super().register(transcoding)
        self._encodings[transcoding.type] = (transcoding.name, transcoding.encode)
        self._encoders[transcoding.type] = self._encoder(transcoding)
        shared = transcoding.type in self.decode_memoized or (
            isinstance(transcoding.type, type) and issubclass(transcoding.type, enum.Enum)
        )
        decode = transcoding.decode
        if type(transcoding) is UUIDAsHex:
            decode = _stored_uuid
        self._decodings[transcoding.name] = (decode, {} if shared else None)

    def encode(self, obj: Any) -> bytes:
        if self._encode_document is None:
            return super().encode(obj)
        return "".join(self._encode_document(obj, 0)).encode("utf8")

    def encode_text(self, obj: Any) -> str:
        """``encode(obj)`` as text: for a document written in pieces (``text_of``)."""
        if self._encode_document is None:
            return super().encode(obj).decode("utf8")
        return "".join(self._encode_document(obj, 0))

    def text_of(self, value: Any) -> str:
        """The JSON text of an immutable value (an actor), worked out once per object.

        A request's fingerprint and its receipt are small documents written in pieces, each
        holding the command's actor: its text is spliced in instead of encoded every time
        (``kernel.fingerprints``, ``kernel.receipts``). It is the text ``encode`` writes for
        the value, inside any document: the documents are compact JSON, context-free.
        """
        held = self._texts.get(id(value))
        if held is not None and held[0] is value:
            return held[1]
        text = self.encode_text(value)
        if len(self._texts) >= self.memo_max:
            self._texts.clear()
        self._texts[id(value)] = (value, text)
        return text

    def decode(self, data: bytes) -> Any:
        text = data.decode("utf8")
        # The scanner called directly: JSONDecoder.decode adds two Python calls and a regular
        # expression for whitespace around the document, which stored documents never have.
        try:
            value, end = self._scan(text, 0)
        except StopIteration:
            end = -1
        if end == len(text):
            return value
        return self._market_decoder.decode(text)  # whitespace around it, or the decoder's error

    def _decode_hook(self) -> Callable[[dict[str, Any]], Any]:
        """The decoder's hook: it runs for every JSON object of every stored document (a dozen
        an event), so what it uses is bound to locals of a closure once."""
        decodings = self._decodings
        find = decodings.get
        not_registered = self._decode_obj  # eventsourcing's "not deserializable" error
        memo_max = self.decode_memo_max

        def decode_value(d: dict[str, Any]) -> Any:
            # eventsourcing's rule: a dict of exactly "_type_" and "_data_" is a transcoded value.
            if len(d) != 2:
                return d
            try:
                name = d["_type_"]
                data = d["_data_"]
            except KeyError:
                return d
            found = find(name)
            if found is None:
                return not_registered(d)
            decode, memo = found
            if memo is None:
                return decode(data)
            t = type(data)
            if t is str or t is int:
                key: Hashable = data
            elif t is dict:
                key = tuple(data.items())
            else:
                return decode(data)
            try:
                value = memo.get(key)
            except TypeError:  # a stored form holding a list or a dict
                return decode(data)
            if value is None:
                value = decode(data)
                if len(memo) >= memo_max:
                    memo.clear()
                memo[key] = value
            return value

        return decode_value

    def _encoder(self, transcoding: Transcoding) -> Callable[[Any], Any]:
        """The function giving the stored form of a value of the transcoding's type."""
        if transcoding.type in self.memoized:
            return self._memoized
        return value_encoder(transcoding)

    def _encode_value(self, o: Any) -> Any:
        encoder = self._encoders.get(type(o))
        if encoder is None:
            return self._encode_obj(o)  # raises eventsourcing's "not serializable" error
        return encoder(o)

    def _memoized(self, o: Any) -> Any:
        """The stored form of an immutable value, as plain JSON values (no further calls back
        into Python while the document is encoded), worked out once per object."""
        held = self._memo.get(id(o))
        if held is not None and held[0] is o:
            return held[1]
        name, encode = self._encodings[type(o)]
        # Decoding its own JSON text gives the plain values that encode to exactly that text.
        plain = json.loads(self.encode({"_type_": name, "_data_": encode(o)}))
        if len(self._memo) >= self.memo_max:
            self._memo.clear()
        self._memo[id(o)] = (o, plain)
        return plain


_UUID_AS_HEX = UUIDAsHex()


def _stored_uuid(data: Any) -> Any:
    """``UUIDAsHex.decode`` (``UUID(data)``) without its Python-level parsing, for the form a
    UUID is stored in: 32 letters and digits, which ``UUID`` hands to ``int(data, 16)`` as
    they are, as this does."""
    if type(data) is not str or len(data) != 32 or not data.isalnum():
        return _UUID_AS_HEX.decode(data)
    return uuid_of_int(int(data, 16))
