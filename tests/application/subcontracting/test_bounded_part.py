"""A subcontract part's snapshot stays small at the caps (issue 20): its kept inspections are
bounded by their rejection lines as well as their number, an inspection that drops out is
refused a correction as before, and a snapshot stored before the bound loads as its events."""

from __future__ import annotations

import dataclasses
from typing import Any
from uuid import UUID

from sharemarket import (
    DefectReason,
    Disposition,
    InspectionNotCorrectable,
    Rejection,
    Rejections,
    ShareMarket,
)
from sharemarket.application.kernel.snapshots import stored_document
from sharemarket.domain.subcontracting.kept_inspections import REJECTION_LINES_KEPT
from sharemarket.domain.subcontracting.part import SubcontractPart
from tests.application.subcontracting.test_orders_and_parts import refused
from tests.subcontracting_support import DAY, ISSUER, JIAMEI, offer, open_park, order, rep

#: The caps' worst case: 20 rejection lines, each with a 200-character note.
LINES_AT_CAP = Rejections.of(
    *(
        Rejection(list(DefectReason)[k % len(DefectReason)], 1, Disposition.SCRAP, "釉" * 200)
        for k in range(20)
    )
)


def deliver(market: ShareMarket, part: UUID, key: str) -> UUID:
    found: UUID = market.subcontracting.deliver(
        rep(JIAMEI), request_id=f"d-{key}", part=part, pieces=100, delivered_on=DAY
    )
    return found


def inspect_at_cap(market: ShareMarket, part: UUID, delivery: UUID, key: str) -> None:
    market.subcontracting.inspect_delivery(
        rep(ISSUER),
        request_id=f"i-{key}",
        part=part,
        delivery=delivery,
        inspected_on=DAY,
        accepted=80,
        rejected=LINES_AT_CAP,
    )


def part_at_cap(market: ShareMarket, inspected: int, awaiting: int = 0) -> tuple[UUID, list[UUID]]:
    """A part with ``inspected`` deliveries inspected at the caps, then ``awaiting`` more."""
    open_park(market)
    part = offer(market, order(market, "p", quantity=100_000), "p", quantity=100_000)
    market.subcontracting.accept_part(rep(JIAMEI), request_id="accept", part=part)
    deliveries = []
    for n in range(inspected):
        deliveries.append(deliver(market, part, str(n)))
        inspect_at_cap(market, part, deliveries[-1], str(n))
    for n in range(awaiting):
        deliver(market, part, f"w{n}")
    return part, deliveries


def stored_snapshot(market: ShareMarket, part: UUID) -> Any:
    """The part's snapshot, taken now, as the store holds it."""
    app: Any = market._app
    app.take_snapshot(part)
    return app.snapshots.recorder.select_events(part, desc=True, limit=1)[0]


def test_a_part_at_the_caps_snapshots_under_64_kb(market):
    """25 inspections of 20 rejection lines with 200-character notes, and 50 deliveries awaiting
    inspection (the caps' worst case): the snapshot stays under 64 kB (about 38 kB; 340 kB when
    the part kept its last 20 inspections whatever their lines)."""
    part, _ = part_at_cap(market, inspected=25, awaiting=50)
    stored = stored_snapshot(market, part).state
    assert len(stored_document(market._app.snapshots.mapper, stored)) < 64 * 1024
    kept = market._app.repository.get(part)
    assert REJECTION_LINES_KEPT // 20 == len(kept.inspections)


def test_an_inspection_dropped_by_the_line_bound_is_refused_a_correction(market):
    """At the caps the part keeps its two newest inspections: they can be corrected, the third
    newest is refused as ``inspection_not_correctable`` and nothing is recorded."""
    part, deliveries = part_at_cap(market, inspected=3)
    error = refused(
        market,
        InspectionNotCorrectable,
        market.subcontracting.correct_inspection,
        actor=rep(ISSUER),
        part=part,
        delivery=deliveries[0],
        corrected_on=DAY,
        accepted=100,
        reason="no defect after all",
    )
    assert "inspection_not_correctable" == error.code
    assert 80 * 3 == market.subcontracting.part(part, as_of=DAY).accepted
    fixed = market.subcontracting.correct_inspection(
        rep(ISSUER),
        request_id="fix",
        part=part,
        delivery=deliveries[1],
        corrected_on=DAY,
        accepted=100,
        reason="no defect after all",
    )
    assert 100 == fixed.accepted
    assert 80 * 2 + 100 == market.subcontracting.part(part, as_of=DAY).accepted


def test_a_snapshot_stored_before_the_line_bound_loads_as_its_events(market):
    """A snapshot of class version 1, keeping 20 inspections at the caps, is upcast on load to
    the part its events make: the two newest inspections kept, the others refused."""
    part, deliveries = part_at_cap(market, inspected=20)
    app: Any = market._app
    events = list(app.events.get(part))
    replayed = None
    for event in events:
        replayed = event.mutate(replayed)
    assert isinstance(replayed, SubcontractPart)
    taken = SubcontractPart.Snapshot.take(replayed)
    old_state = {k: v for k, v in taken.state.items() if k != "class_version"}
    # What version 1 kept: the last 20 inspections, whatever their lines.
    inspected = [e.inspection for e in events if isinstance(e, SubcontractPart.Inspected)]
    old_state["inspections"] = {str(i.delivery_id): i for i in inspected[-20:]}
    assert 20 == len(old_state["inspections"])
    app.snapshots.put([dataclasses.replace(taken, state=old_state)])
    stored = stored_snapshot_row(market, part).state
    assert b'"class_version"' not in stored_document(app.snapshots.mapper, stored)

    loaded = app.repository.get(part)
    assert {k: v for k, v in vars(replayed).items() if k != "_pending_events"} == {
        k: v for k, v in vars(loaded).items() if k != "_pending_events"
    }
    refused(
        market,
        InspectionNotCorrectable,
        market.subcontracting.correct_inspection,
        actor=rep(ISSUER),
        part=part,
        delivery=deliveries[-3],
        corrected_on=DAY,
        accepted=100,
        reason="no defect after all",
    )


def stored_snapshot_row(market: ShareMarket, part: UUID) -> Any:
    app: Any = market._app
    return app.snapshots.recorder.select_events(part, desc=True, limit=1)[0]
