"""Firms that left before the park kept its current members only (issue 20): their stored
``FirmLeft`` kept their rows in the park. The next departure recorded moves those rows into
records of their own, and the market answers about those firms exactly as before."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from sharemarket import Actor, FirmAlreadyAdmitted, FirmId, FirmSize, FirmStatus, ShareMarket
from sharemarket.domain.park.former import FormerMember, former_member_id
from sharemarket.domain.park.membership import PARK_ID, Park
from tests.domain.park.records import consulting, leave, records_of
from tests.test_stored_fixture import MARKET_FILE

ADMIN = Actor.administrator("cd-admin-01")  # the stored fixture's administrator
GUANFU = FirmId("913505261543981209")  # left in the stored fixture (a stored FirmLeft)
SHUNMEI = FirmId("91350526705481326F")  # a member in the stored fixture


def test_a_departure_moves_the_rows_of_firms_that_left_before_into_records() -> None:
    """A park whose events say a firm left the old way (``FirmLeft``) holds its row; the next
    departure takes both rows out, each into its own record, and every answer stays."""
    park = consulting(Park.establish(name="德化", administrator=ADMIN.user))
    for firm in (GUANFU, SHUNMEI):
        park.admit_firm(
            ADMIN,
            firm=firm,
            name=f"firm {firm.short}",
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=["rep-1"],
        )
    park.trigger_event(Park.FirmLeft, firm=GUANFU, reason="old", actor=ADMIN)  # as stored
    before = park.member(GUANFU)
    assert FirmStatus.LEFT is before.status
    assert {GUANFU.code, SHUNMEI.code} == set(park.members)

    leave(park, ADMIN, SHUNMEI, "迁出")
    assert {} == park.members
    assert ["FirmDeparted", "LeftRowsMovedOut"] == [
        type(e).__name__ for e in park.pending_events[-2:]
    ]
    assert before == park.member(GUANFU)
    assert records_of(park).held[GUANFU].away
    with pytest.raises(FirmAlreadyAdmitted, match=r"\(left\)"):
        park.admit_firm(
            ADMIN,
            firm=GUANFU,
            name="again",
            industry="x",
            size=FirmSize.MICRO,
            representatives=["x-1"],
        )


def test_the_stored_fixture_park_sheds_its_departed_row_and_answers_the_same(
    tmp_path: Path,
) -> None:
    """The committed store (version 1) holds a park whose firm left with a stored FirmLeft.
    A new departure recorded on a copy leaves the park with its current members only; the firm
    that left before reads as it did, and is listed, and its record holds it."""
    copy = tmp_path / "market.sqlite"
    shutil.copyfile(MARKET_FILE, copy)
    with ShareMarket.sqlite(copy) as market:
        before = {m.firm: m for m in market.park.members()}
        assert FirmStatus.LEFT is before[GUANFU].status
        market.park.record_departure(
            ADMIN, request_id="parkgrowth-shunmei-leaves", firm=SHUNMEI, reason="迁出"
        )
        app: Any = market._app
        park = app.repository.get(PARK_ID)
        assert all(row[3] != "left" for row in park.members.values())
        assert GUANFU.code not in park.members
        assert before[GUANFU] == market.park.member(GUANFU)
        after = {m.firm: m for m in market.park.members()}
        assert before.keys() == after.keys()
        assert FirmStatus.LEFT is after[SHUNMEI].status
        assert {f: m for f, m in before.items() if f != SHUNMEI} == {
            f: m for f, m in after.items() if f != SHUNMEI
        }
        record = app.repository.get(former_member_id(GUANFU))
        assert isinstance(record, FormerMember)
        assert record.away
