"""Each aggregate's events are built once: declared on the aggregate's own ``Event``.

eventsourcing makes every event class of an aggregate a subclass of the aggregate's base event
class; one declared on ``Aggregate.Event`` is therefore defined a second time (a frozen
dataclass each time, about 1.5 ms of every start of the library and of every ``sharemarket``
command). The classes eventsourcing leaves in place are the classes written in the module, so
their topics, fields and docstrings are those of the source.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eventsourcing.domain import BaseAggregate, CanMutateAggregate

import sharemarket.application.market  # noqa: F401  (every slice's aggregates)


def subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


AGGREGATES = sorted(
    {c for c in subclasses(BaseAggregate) if c.__module__.startswith("sharemarket.")},
    key=lambda c: f"{c.__module__}.{c.__qualname__}",
)


def test_the_aggregates_are_found() -> None:
    """The check below looks at every aggregate of the market (at least one per slice)."""
    names = {c.__name__ for c in AGGREGATES}
    assert {"Park", "LabourAgreement", "Loan", "Booking", "Listing", "ClearingRun"} <= names


@pytest.mark.parametrize("aggregate", AGGREGATES, ids=lambda c: c.__qualname__)
def test_no_event_class_is_defined_twice(aggregate: type) -> None:
    """The aggregate declares its ``Event``, each event in its body is a subclass of it (so
    eventsourcing does not define it again on top of the written class), and the class the
    aggregate holds under each event's name is the one written in the module."""
    assert "Event" in vars(aggregate), f"{aggregate.__qualname__} does not declare its Event"
    base = vars(aggregate)["Event"]
    redefined = []
    for name, value in vars(aggregate).items():
        if isinstance(value, type) and issubclass(value, CanMutateAggregate) and name != "Event":
            assert issubclass(value, base), f"{aggregate.__qualname__}.{name}"
            if any(b.__qualname__ == value.__qualname__ for b in value.__bases__):
                redefined.append(name)
    assert [] == redefined
