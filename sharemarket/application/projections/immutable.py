"""Which decoded values may be shared: immutable, and of the kind a history repeats.

One object can stand for every equal stored form of a value only if nobody can change it. It is
worth keeping only if it comes back: firms, actors, dates, amounts, kinds of day do; instants and
ids (timestamps, shift ids) do not, and keeping them would only fill memory (and slow Python's
garbage collector, which walks every object kept).
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import attrs

_REPEATING = (str, int, float, bool, bytes, type(None), Decimal, date, time, timedelta, enum.Enum)
_FROZEN: dict[type, bool] = {}


def shareable(value: Any) -> bool:
    """Atoms that repeat, and tuples and frozen attrs values made only of them.

    Not datetimes (each event has its own instant) nor UUIDs (ids are unique by design).
    """
    if type(value) is datetime:
        return False
    if isinstance(value, _REPEATING):
        return True
    if type(value) is tuple or type(value) is frozenset:
        return all(shareable(v) for v in value)
    cls = type(value)
    if attrs.has(cls) and _is_frozen(cls, value):
        return all(shareable(getattr(value, f.name)) for f in attrs.fields(cls))
    return False


def _is_frozen(cls: type, sample: Any) -> bool:
    """Whether an attrs class is frozen: tried once per class, on a copy of a sample."""
    frozen = _FROZEN.get(cls)
    if frozen is None:
        fields = attrs.fields(cls)
        frozen = True
        if fields:
            copy = attrs.evolve(sample)
            name = fields[0].name
            try:
                setattr(copy, name, getattr(copy, name))
                frozen = False
            except attrs.exceptions.FrozenInstanceError:
                frozen = True
        _FROZEN[cls] = frozen
    return frozen
