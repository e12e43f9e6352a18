"""How values are stored: the kinds of transcoding, and those of the values every slice shares.

A transcoding's name is stored with every value it encodes: never rename or reuse one. Each
slice lists its own in its declaration; a name used twice is refused when the market opens.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

import attrs
from eventsourcing.persistence import Transcoding

from sharemarket.domain.actor import Actor, Role
from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId, stored_firm_id
from sharemarket.domain.money import Money
from sharemarket.domain.time import TimeSlot


class FirmIdAsStr(Transcoding):
    type = FirmId
    name = "firm_id"

    def encode(self, obj: FirmId) -> str:
        return obj.code

    def decode(self, data: str) -> FirmId:
        # Stored codes were verified when they were recorded: not again at each load.
        return stored_firm_id(data)


class MoneyAsFen(Transcoding):
    type = Money
    name = "money"

    def encode(self, obj: Money) -> int:
        return obj.fen

    def decode(self, data: int) -> Money:
        return Money(data)


class MinutesAsInt(Transcoding):
    type = Minutes
    name = "minutes"

    def encode(self, obj: Minutes) -> int:
        return obj.value

    def decode(self, data: int) -> Minutes:
        return Minutes(data)


class DateAsISO(Transcoding):
    type = date
    name = "date"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class EnumAsValue(Transcoding):
    """An enum member stored as its value, under a name chosen once for the enum."""

    def __init__(self, enum_type: type[enum.Enum], name: str) -> None:
        self.type = enum_type
        self.name = name

    def encode(self, obj: enum.Enum) -> Any:
        return obj.value

    def decode(self, data: Any) -> enum.Enum:
        member: enum.Enum = self.type(data)
        return member


class AttrsAsDict(Transcoding):
    """A frozen attrs value stored as a dict of its fields (each field transcoded in turn)."""

    def __init__(self, cls: type[Any], name: str) -> None:
        self.type = cls
        self.name = name
        self._fields = tuple(f.name for f in attrs.fields(cls))

    def encode(self, obj: Any) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in self._fields}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


class StoredAttrsAsDict(AttrsAsDict):
    """An ``AttrsAsDict`` whose stored values are not validated again when read back.

    A value was validated when it was made, before it was recorded; the store gives back what
    was recorded. For a value read in every event of a long history (a labour shift), its
    validators and ``__attrs_post_init__`` (which must only check, never set) are skipped on
    the store's decode path: the value is built field by field, of the same class and equal to
    what ``cls(**data)`` makes. A stored form without exactly the class's fields is decoded by
    ``cls(**data)`` as before. Only for classes whose fields have no converter (a converter
    changes what is stored into what is held).
    """

    def __init__(self, cls: type[Any], name: str) -> None:
        super().__init__(cls, name)
        for field in attrs.fields(cls):
            if field.converter is not None or not field.init:
                raise TypeError(
                    f"{cls.__name__}.{field.name} is converted or not initialised: "
                    "store the class with AttrsAsDict"
                )
        if "_attrs_cached_hash" in getattr(cls, "__slots__", ()):
            raise TypeError(f"{cls.__name__} caches its hash: store it with AttrsAsDict")
        self._field_names = frozenset(self._fields)

    def decode(self, data: dict[str, Any]) -> Any:
        if type(data) is not dict or data.keys() != self._field_names:
            return self.type(**data)
        made: Any = object.__new__(self.type)
        for name, value in data.items():
            _SETATTR(made, name, value)
        return made


_SETATTR = object.__setattr__

#: The transcodings of the values every slice shares. Never rename or reuse a name.
KERNEL_TRANSCODINGS: tuple[Transcoding, ...] = (
    FirmIdAsStr(),
    MoneyAsFen(),
    MinutesAsInt(),
    DateAsISO(),
    EnumAsValue(Role, "role"),
    AttrsAsDict(Actor, "actor"),
    AttrsAsDict(TimeSlot, "time_slot"),
)
