"""Which aggregates of which slice hold trade obligations a clearing run may include.

Each slice declares its clearable aggregate classes in its ``Slice`` (``clearable=``); the
registry (``application/slices.py``) records them here when it is imported, as it registers old
topics, so that the clearing slice can load an obligation's holder by the slice's name without
importing the registry that imports it.
"""

from __future__ import annotations

from eventsourcing.domain import Aggregate

_HOLDERS: dict[str, tuple[type[Aggregate], ...]] = {}


def register(slice_name: str, classes: tuple[type[Aggregate], ...]) -> None:
    _HOLDERS[slice_name] = classes


def holder_classes(slice_name: str) -> tuple[type[Aggregate], ...]:
    """The aggregate classes of ``slice_name`` that hold trade obligations (none: empty)."""
    return _HOLDERS.get(slice_name, ())


def clearable_slices() -> tuple[str, ...]:
    return tuple(sorted(_HOLDERS))
