"""The park's snapshot stays small (issue 20): a park the size of Dehua's, on every store, and a
park whose snapshot was stored before members became rows still loads and refuses as before."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from sharemarket import Actor, FirmAlreadyAdmitted, FirmId, FirmSize, Member, ShareMarket
from sharemarket.application.kernel.snapshots import stored_document
from sharemarket.domain.firm_id import check_character
from sharemarket.domain.park.membership import PARK_ID, Park

ADMIN = Actor.administrator("cd-admin-01")


def code(n: int) -> FirmId:
    first = f"91350526MA{n:07d}X"[:17]
    return FirmId(first + check_character(first))


def admit(market: ShareMarket, n: int, request_id: str = "") -> None:
    """A firm as Dehua's are admitted: a Chinese name, an industry, two representatives."""
    market.park.admit_firm(
        ADMIN,
        request_id=request_id or f"admit-{n}",
        firm=code(n),
        name=f"德化县第{n}号陶瓷有限公司",
        industry="陶瓷制造 ceramics",
        size=FirmSize.SMALL,
        representatives=[f"rep-{n}-1", f"rep-{n}-2"],
    )


def stored_snapshot(market: ShareMarket) -> Any:
    """The park's snapshot, taken now, as the store holds it."""
    app: Any = market._app
    app.take_snapshot(PARK_ID)
    return app.snapshots.recorder.select_events(PARK_ID, desc=True, limit=1)[0]


def test_a_park_of_300_firms_snapshots_under_64_kb(market):
    """A park of 300 member firms (Dehua's ceramics park has 297), some suspended or gone,
    stores a snapshot under 64 kB (about 39 kB; 100 kB when each member was a typed value)."""
    market.park.establish(ADMIN, request_id="park", name="德化县城东陶瓷产业园")
    with market.batch():
        for n in range(300):
            admit(market, n)
    for n in range(0, 300, 30):
        market.park.record_departure(
            ADMIN, request_id=f"leave-{n}", firm=code(n), reason="迁出园区"
        )
        market.park.suspend_firm(ADMIN, request_id=f"susp-{n}", firm=code(n + 1), reason="年检")
    snapshot = stored_snapshot(market)
    assert len(stored_document(market._app.snapshots.mapper, snapshot.state)) < 64 * 1024
    assert 300 == len(market.park.members())


def test_a_park_snapshot_of_member_values_loads_and_refuses_as_before(
    market: ShareMarket,
) -> None:
    """A snapshot stored when the park kept ``Member`` values (class version 1) loads as the
    park its events make: the same members, and re-admitting a firm that left is refused with
    the same error and message, recording nothing."""
    market.park.establish(ADMIN, request_id="park", name="德化县城东陶瓷产业园")
    for n in range(3):
        admit(market, n)
    market.park.record_departure(ADMIN, request_id="leave", firm=code(1), reason="迁出园区")
    market.park.appoint_representative(ADMIN, request_id="rep", firm=code(2), user="rep-2-0")
    before = market.park.members()

    app: Any = market._app
    park = app.repository.get(PARK_ID)
    taken = Park.Snapshot.take(park)
    old_state = {k: v for k, v in taken.state.items() if k != "class_version"}
    # Version 1 held each of the park's members as a value; the firm that left is not the
    # park's any more (its record holds it).
    old_state["members"] = {m.firm.code: m for m in park.members_by_code()}
    assert code(1).code not in old_state["members"]
    app.snapshots.put([dataclasses.replace(taken, state=old_state)])
    stored = app.snapshots.recorder.select_events(PARK_ID, desc=True, limit=1)[0]
    assert b'"class_version"' not in stored_document(app.snapshots.mapper, stored.state)

    loaded = app.repository.get(PARK_ID)
    assert {k: v for k, v in vars(park).items() if k != "_pending_events"} == {
        k: v for k, v in vars(loaded).items() if k != "_pending_events"
    }
    assert before == market.park.members()
    assert Member(
        code(1),
        "德化县第1号陶瓷有限公司",
        "陶瓷制造 ceramics",
        FirmSize.SMALL,
        before[1].status,
        ("rep-1-1", "rep-1-2"),
    ) == market.park.member(code(1))
    end = app.recorder.max_notification_id()
    with pytest.raises(FirmAlreadyAdmitted, match="as '德化县第1号陶瓷有限公司' \\(left\\)"):
        admit(market, 1, request_id="admit-again")
    assert end == app.recorder.max_notification_id()
    assert before == market.park.members()
