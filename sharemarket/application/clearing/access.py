"""Loading what a clearing run reads: the run, and the aggregates holding its obligations."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from eventsourcing.domain import Aggregate

from sharemarket.application.kernel.clearable import clearable_slices, holder_classes
from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.clearing.errors import ObligationNotClearable
from sharemarket.domain.clearing.run import ClearingRun, ObligationRef
from sharemarket.domain.errors import NotFound
from sharemarket.domain.obligations import Clearable


def run(loader: Loader, run_id: UUID) -> ClearingRun:
    return loader.get(ClearingRun, run_id, f"clearing run {run_id}")


def holders(loader: Loader, refs: Iterable[ObligationRef]) -> dict[ObligationRef, Clearable]:
    """The aggregate holding each obligation, loaded once each (the unit keeps one copy)."""
    return {ref: holder(loader, ref) for ref in refs}


def holder(loader: Loader, ref: ObligationRef) -> Clearable:
    classes = holder_classes(ref.slice)
    if not classes:
        raise ObligationNotClearable(
            f"obligations: slice {ref.slice[:40]!r} holds no trade obligations a clearing run "
            f"may include (loans, interest and guarantees stay bilateral); those that do: "
            f"{list(clearable_slices())}"
        )
    found = loader.find(Aggregate, ref.holder)
    if found is None:
        raise NotFound(f"obligations: {ref.slice} holds nothing under {ref.holder} in this market")
    if not isinstance(found, classes) or not isinstance(found, Clearable):
        raise ObligationNotClearable(
            f"obligations: {ref.holder} is a {type(found).__name__}, which holds no "
            f"{ref.slice} obligation"
        )
    return found
