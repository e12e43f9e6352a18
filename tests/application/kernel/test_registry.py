"""The slice registry: what the market and its views derive from each slice's declaration."""

from __future__ import annotations

import inspect

import attrs
import pytest
from eventsourcing.domain import Aggregate

from sharemarket import ShareMarket
from sharemarket.application import slices
from sharemarket.application.kernel.commands import Command, Handlers
from sharemarket.application.market import ShareMarketApplication
from sharemarket.application.projections import catalogue
from sharemarket.application.projections.journal import CNY


def event_classes(aggregate: type[Aggregate]) -> set[type]:
    """The event classes the domain declares on ``aggregate`` (not eventsourcing's default
    ``Created``, which an aggregate with a created event of its own never triggers)."""
    return {
        value
        for value in vars(aggregate).values()
        if isinstance(value, type)
        and issubclass(value, Aggregate.Event)
        and value.__qualname__.startswith(aggregate.__qualname__ + ".")
        and not issubclass(value, Aggregate.Snapshot)
        and (inspect.get_annotations(value) or "apply" in value.__dict__)
    }


def test_every_command_has_one_handler_and_a_unique_stored_name() -> None:
    """A receipt names its command by ``stored_as``: two commands under one name would replay
    each other's results."""
    table = slices.handlers()
    names = [command.stored_as for command in table]
    assert len(names) == len(set(names))
    declared = {c for s in slices.SLICES for c in s.handlers}
    assert declared == set(table)


def test_merging_refuses_a_stored_name_used_twice() -> None:
    """Handlers.merge is what stops a new slice from reusing another's command name."""

    @attrs.frozen(kw_only=True)
    class Again(Command[None]):
        stored_as = "record_shift"

    clash = Handlers()
    clash.handles(Again)(lambda loader, command: ([], None))
    with pytest.raises(ValueError, match="record_shift"):
        Handlers.merge([*(s.handlers for s in slices.SLICES), clash])


def test_every_command_is_a_frozen_value() -> None:
    """Commands are values: a handler cannot change what was fingerprinted."""
    for command_class in slices.handlers():
        assert attrs.has(command_class), command_class
        assert command_class.__setattr__ is not object.__setattr__, command_class


def test_the_application_takes_its_snapshot_intervals_and_transcodings_from_the_slices() -> None:
    expected = {
        cls: interval
        for s in slices.SLICES
        for cls, interval in s.aggregates.items()
        if interval is not None
    }
    assert expected == ShareMarketApplication.snapshotting_intervals
    names = [t.name for t in ShareMarketApplication.slice_transcodings]
    assert len(names) == len(set(names))
    for s in slices.SLICES:
        assert {t.name for t in s.transcodings} <= set(names)


def test_the_views_know_every_event_class_of_every_declared_aggregate() -> None:
    """A new event class without a posting or summary rule is noticed, whatever slice adds it."""
    for s in slices.SLICES:
        for aggregate in s.aggregates:
            for event_class in event_classes(aggregate):
                assert catalogue.POSTING_RULES.knows(event_class), event_class
                assert catalogue.SUMMARY_RULES.knows(event_class), event_class


def test_the_journal_holds_money_and_each_slice_s_assets() -> None:
    assert {CNY.code, *(a.code for s in slices.SLICES for a in s.assets)} == set(catalogue.ASSETS)
    for code, asset in catalogue.ASSETS.items():
        assert asset is catalogue.asset(code)
    with pytest.raises(LookupError, match="no slice"):
        catalogue.asset("PIECES_OF_EIGHT")


def test_a_market_has_one_service_per_slice() -> None:
    with ShareMarket.in_memory() as market:
        for s in slices.SLICES:
            assert isinstance(getattr(market, s.name), s.service)  # type: ignore[arg-type]
