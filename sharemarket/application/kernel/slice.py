"""What a slice (one resource type) declares once, for the market and its views to derive from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Transcoding

from sharemarket.application.kernel.commands import Handlers
from sharemarket.domain.errors import ShareMarketError

if TYPE_CHECKING:
    from sharemarket.application.kernel.unit_of_work import UnitOfWork
    from sharemarket.application.projections.audit_summaries import SummaryRules
    from sharemarket.application.projections.journal import Asset, PostingRules
    from sharemarket.application.projections.parties import PartyRules


@attrs.frozen(kw_only=True)
class Slice:
    """One resource type's declaration: listed once in ``sharemarket.application.slices``.

    - ``name``: the attribute of the market its service is under (``market.park``);
    - ``service``: the façade's class, built with the market's unit of work;
    - ``aggregates``: its aggregate classes, each with its snapshot interval (None: no snapshots);
    - ``handlers``: its command handlers, by command class;
    - ``transcodings``: how its values are stored (names stored forever);
    - ``postings``, ``parties``, ``summaries``: what the journal and the audit trail make of
      each of its event classes;
    - ``assets``: what it posts besides money (hours worked, pieces delivered);
    - ``errors``: its error classes (codes unique across every slice);
    - ``old_topics``: topics its classes were stored under before they moved;
    - ``clearable``: its aggregates holding trade obligations between member firms that a park
      clearing run may net (each a ``sharemarket.domain.obligations.Clearable``).
    """

    name: str
    service: Callable[[UnitOfWork], Any]
    aggregates: Mapping[type[Aggregate], int | None]
    handlers: Handlers
    transcodings: tuple[Transcoding, ...]
    postings: PostingRules
    parties: PartyRules
    summaries: SummaryRules
    assets: tuple[Asset[Any], ...] = ()
    errors: tuple[type[ShareMarketError], ...] = ()
    old_topics: Mapping[str, type] = attrs.field(factory=dict)
    clearable: tuple[type[Aggregate], ...] = ()


def errors_of(module: object) -> tuple[type[ShareMarketError], ...]:
    """The error classes a slice's ``errors`` module defines (not those it imports)."""
    name = getattr(module, "__name__", "")
    return tuple(
        cls
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, ShareMarketError) and cls.__module__ == name
    )
