"""Each transcoding's stored form as one small function: what the market's transcoder calls for
every value JSON does not hold natively (a dozen an event, every command).

A ``Transcoding``'s ``encode`` is a method whose body, for most of the market's values, reads
one attribute (a UUID's ``hex``, a date's ``isoformat()``, an amount's ``fen``). Calling it
through the transcoding costs a bound-method call and an attribute lookup more than reading the
attribute in the function that builds the stored form, and a frozen attrs value's dict is built
by one C call (``attrgetter``) instead of a ``getattr`` per field. Only transcodings of exactly
these classes are specialised (a subclass may encode differently); the stored form is the one
their ``encode`` gives (tests/application/kernel/test_transcodings.py compares the bytes with
eventsourcing's own transcoder for every registered type).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter, methodcaller
from typing import Any

from eventsourcing.persistence import DatetimeAsISO, Transcoding, UUIDAsHex

from sharemarket.application.kernel.transcodings import (
    AttrsAsDict,
    DateAsISO,
    EnumAsValue,
    FirmIdAsStr,
    MinutesAsInt,
    MoneyAsFen,
    StoredAttrsAsDict,
)

#: Transcodings whose ``encode`` returns one attribute of the value, or calls one method of it.
_READS: dict[type[Transcoding], Callable[[Any], Any]] = {
    UUIDAsHex: attrgetter("hex"),
    DatetimeAsISO: methodcaller("isoformat"),
    DateAsISO: methodcaller("isoformat"),
    EnumAsValue: attrgetter("value"),
    MinutesAsInt: attrgetter("value"),
    MoneyAsFen: attrgetter("fen"),
    FirmIdAsStr: attrgetter("code"),
}


def value_encoder(transcoding: Transcoding) -> Callable[[Any], dict[str, Any]]:
    """The function giving a value's stored form, ``{"_type_": name, "_data_": encode(value)}``."""
    name = transcoding.name
    read = _READS.get(type(transcoding))
    if read is not None:
        return lambda o: {"_type_": name, "_data_": read(o)}
    if type(transcoding) in (AttrsAsDict, StoredAttrsAsDict):
        fields = transcoding._fields  # type: ignore[attr-defined]
        if len(fields) > 1:  # attrgetter of one name gives the value, not a tuple
            values = attrgetter(*fields)
            return lambda o: {"_type_": name, "_data_": dict(zip(fields, values(o), strict=True))}
    encode = transcoding.encode
    return lambda o: {"_type_": name, "_data_": encode(o)}
