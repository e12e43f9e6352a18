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
