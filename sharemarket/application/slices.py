"""The slice registry: every resource type of the market, listed once.

The market's services (``market.park``, ``market.labour``), its snapshot intervals, the
transcoder, the handlers, the views' posting, party and summary rules, the journal's assets and
the error catalogue all derive from ``SLICES``. Adding a resource type is a new
``domain/<slice>/`` and ``application/<slice>/`` (see CONTRIBUTING.md), one entry in ``SLICES``
and its service's annotation in ``SliceServices``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Transcoding
from eventsourcing.utils import register_topic

from sharemarket.application.clearing.service import ClearingService
from sharemarket.application.clearing.slice import SLICE as CLEARING
from sharemarket.application.funds.service import FundsService
from sharemarket.application.funds.slice import SLICE as FUNDS
from sharemarket.application.kernel import clearable
from sharemarket.application.kernel.commands import Command, Handler, Handlers
from sharemarket.application.kernel.slice import Slice
from sharemarket.application.kernel.transcodings import KERNEL_TRANSCODINGS
from sharemarket.application.labour.service import LabourService
from sharemarket.application.labour.slice import SLICE as LABOUR
from sharemarket.application.matching.service import MatchingService
from sharemarket.application.matching.slice import SLICE as MATCHING
from sharemarket.application.park.service import ParkService
from sharemarket.application.park.slice import SLICE as PARK
from sharemarket.application.subcontracting.service import SubcontractingService
from sharemarket.application.subcontracting.slice import SLICE as SUBCONTRACTING
from sharemarket.application.venues.service import VenuesService
from sharemarket.application.venues.slice import SLICE as VENUES
from sharemarket.domain.errors import ShareMarketError

SLICES: tuple[Slice, ...] = (PARK, LABOUR, SUBCONTRACTING, VENUES, FUNDS, MATCHING, CLEARING)

# Topics of classes that moved: stored events and snapshots still name them, so they resolve
# to the classes' new homes in every process that imports the registry.
for _slice in SLICES:
    for _topic, _cls in _slice.old_topics.items():
        register_topic(_topic, _cls)
    if _slice.clearable:
        clearable.register(_slice.name, _slice.clearable)


class SliceServices:
    """The typed services of the slices: one attribute a slice, named as in ``SLICES``."""

    park: ParkService
    labour: LabourService
    clearing: ClearingService
    funds: FundsService
    venues: VenuesService
    subcontracting: SubcontractingService
    matching: MatchingService


def snapshot_intervals() -> dict[type[Aggregate], int]:
    return {
        cls: interval
        for s in SLICES
        for cls, interval in s.aggregates.items()
        if interval is not None
    }


def transcodings() -> tuple[Transcoding, ...]:
    """Every transcoding of the market; a name used twice is refused (it is stored forever)."""
    every = (*KERNEL_TRANSCODINGS, *(t for s in SLICES for t in s.transcodings))
    seen: dict[str, str] = {}
    for t in every:
        if t.name in seen:
            raise ValueError(f"transcoding name {t.name!r} is declared twice")
        seen[t.name] = type(t).__name__
    return every


def handlers() -> Mapping[type[Command[Any]], Handler]:
    return Handlers.merge(s.handlers for s in SLICES)


def errors() -> tuple[type[ShareMarketError], ...]:
    return tuple(cls for s in SLICES for cls in s.errors)
