"""A firm that left the park, on every store (issue 20): its row leaves the park for its own
record, and the market answers about it exactly as when the park kept it: queries, refusals,
its representatives settling what it owes, an administrator changing them, its return."""

from __future__ import annotations

from datetime import date
from typing import Any

from sharemarket import (
    Actor,
    FirmAlreadyAdmitted,
    FirmId,
    FirmNotActive,
    FirmSize,
    FirmStatus,
    InvalidTransition,
    Member,
    ShareMarket,
)
from sharemarket.application.kernel.snapshots import stored_document
from sharemarket.domain.firm_id import check_character
from sharemarket.domain.park.former import FormerMember, former_member_id
from sharemarket.domain.park.membership import PARK_ID
from tests.application.park.test_membership import assert_refused

LENDER = FirmId("91350100M000100Y43")
BORROWER = FirmId("91110000802100433B")
ADMIN = Actor.administrator("admin-1")
LENDER_REP = Actor.for_firm("l-rep", LENDER)
BORROWER_REP = Actor.for_firm("b-rep", BORROWER)


def code(n: int) -> FirmId:
    first = f"9135052600003{n:03d}C"
    return FirmId(first + check_character(first))


def park_with_two(market: ShareMarket) -> None:
    market.park.establish(ADMIN, request_id="park", name="德化县城东陶瓷产业园")
    for firm, name, rep in ((LENDER, "同鑫陶瓷", "l-rep"), (BORROWER, "佳美陶瓷", "b-rep")):
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{firm}",
            firm=firm,
            name=name,
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=[rep],
        )


def stored_park(market: ShareMarket) -> Any:
    """The park as the store gives it, its state as a snapshot would hold it."""
    return market._app.repository.get(PARK_ID)


def snapshot_now(market: ShareMarket) -> Any:
    """The park's snapshot at its current version (taken now unless its save took it)."""
    app: Any = market._app
    latest = app.snapshots.recorder.select_events(PARK_ID, desc=True, limit=1)
    if not latest or latest[0].originator_version != stored_park(market).version:
        app.take_snapshot(PARK_ID)
    return app.snapshots.recorder.select_events(PARK_ID, desc=True, limit=1)[0]


def document(market: ShareMarket, snapshot: Any) -> bytes:
    """A stored snapshot's JSON document (the store keeps it compressed)."""
    return stored_document(market._app.snapshots.mapper, snapshot.state)  # type: ignore[union-attr]


def test_a_firm_that_left_is_answered_as_before(market: ShareMarket) -> None:
    """The firm's own representative records its departure: the park's state no longer holds
    it, but every query answers about it as before, and what it may not do is refused with the
    same error, recording nothing."""
    park_with_two(market)
    market.park.record_departure(BORROWER_REP, request_id="leave", firm=BORROWER, reason="迁往泉州")
    assert BORROWER.code not in stored_park(market).members
    gone = Member(BORROWER, "佳美陶瓷", "ceramics", FirmSize.SMALL, FirmStatus.LEFT, ("b-rep",))
    assert gone == market.park.member(BORROWER)
    assert [BORROWER, LENDER] == [m.firm for m in market.park.members()]  # by credit code
    assert gone in market.park.members()
    refused = assert_refused(
        market,
        FirmAlreadyAdmitted,
        lambda: market.park.admit_firm(
            ADMIN,
            request_id="again",
            firm=BORROWER,
            name="佳美",
            industry="x",
            size="micro",
            representatives=["x-1"],
        ),
    )
    assert "as '佳美陶瓷' (left)" in str(refused)
    assert_refused(
        market,
        FirmNotActive,
        lambda: market.park.appoint_representative(
            BORROWER_REP, request_id="rep", firm=BORROWER, user="b-rep-2"
        ),
    )
    assert_refused(
        market,
        InvalidTransition,
        lambda: market.park.record_departure(
            ADMIN, request_id="leave-2", firm=BORROWER, reason="x"
        ),
    )
    assert_refused(
        market,
        InvalidTransition,
        lambda: market.park.suspend_firm(ADMIN, request_id="susp", firm=BORROWER, reason="x"),
    )


def test_an_administrator_changes_its_representatives_and_it_returns_with_them(
    market: ShareMarket,
) -> None:
    """While the firm is away its record takes the changes of its representatives; a
    reinstatement brings its row back into the park, active, with them; it may leave again."""
    park_with_two(market)
    market.park.record_departure(ADMIN, request_id="leave", firm=BORROWER, reason="停产")
    market.park.appoint_representative(ADMIN, request_id="rep+", firm=BORROWER, user="b-rep-2")
    market.park.remove_representative(ADMIN, request_id="rep-", firm=BORROWER, user="b-rep")
    assert ("b-rep-2",) == market.park.member(BORROWER).representatives
    assert BORROWER.code not in stored_park(market).members
    market.park.reinstate_firm(ADMIN, request_id="back", firm=BORROWER)
    back = Member(BORROWER, "佳美陶瓷", "ceramics", FirmSize.SMALL, FirmStatus.ACTIVE, ("b-rep-2",))
    assert back == market.park.member(BORROWER)
    assert back == market.park.members()[0]
    record = market._app.repository.get(former_member_id(BORROWER))
    assert isinstance(record, FormerMember)
    assert not record.away
    # Its new representative acts for it, and it leaves a second time: the same record.
    market.park.record_departure(
        Actor.for_firm("b-rep-2", BORROWER), request_id="leave-2", firm=BORROWER, reason="迁出"
    )
    assert FirmStatus.LEFT is market.park.member(BORROWER).status
    record = market._app.repository.get(former_member_id(BORROWER))
    assert record.away
    assert 5 == record.version


def test_a_firm_that_left_still_pays_what_it_owes(market: ShareMarket) -> None:
    """A labour agreement's borrower leaves with a settlement unpaid: its representative still
    pays it (read from the firm's record), but it can borrow no one new."""
    park_with_two(market)
    agreement = market.labour.propose_agreement(
        BORROWER_REP,
        request_id="propose",
        lender=LENDER,
        work="上釉 glazing",
        rate_per_hour="24.00",
        first_day=date(2026, 4, 13),
        last_day=date(2026, 4, 30),
        workers=["TX-W03"],
    )
    market.labour.accept_agreement(LENDER_REP, request_id="accept", agreement=agreement)
    shift = market.labour.record_shift(
        BORROWER_REP,
        request_id="shift",
        agreement=agreement,
        worker="TX-W03",
        work_date=date(2026, 4, 14),
        minutes=480,
    )
    market.labour.confirm_shift(LENDER_REP, request_id="confirm", agreement=agreement, shift=shift)
    settlement = market.labour.issue_settlement(
        LENDER_REP,
        request_id="settle",
        agreement=agreement,
        first_day=date(2026, 4, 13),
        last_day=date(2026, 4, 30),
    )
    market.park.record_departure(BORROWER_REP, request_id="leave", firm=BORROWER, reason="停产")
    assert_refused(
        market,
        FirmNotActive,
        lambda: market.labour.propose_agreement(
            BORROWER_REP,
            request_id="propose-2",
            lender=LENDER,
            work="上釉 glazing",
            rate_per_hour="24.00",
            first_day=date(2026, 5, 4),
            last_day=date(2026, 5, 29),
            workers=["TX-W04"],
        ),
    )
    owed = market.labour.settlement(agreement, settlement).amount
    market.labour.record_payment(
        BORROWER_REP, request_id="pay", agreement=agreement, settlement=settlement, amount=owed
    )
    last = next(iter(market._app.events.get(agreement, desc=True, limit=1)))
    assert "PaymentRecorded" == type(last).__name__


def test_the_park_holds_its_current_members_only(market: ShareMarket) -> None:
    """A park that admitted 60 firms of which 15 remain (the others left, some of them after
    returning once) stores the snapshot a park of those 15 stores: the same members, the same
    size within a few bytes of its longer name history."""
    park_with_two(market)
    with market.batch():
        for n in range(60):
            market.park.admit_firm(
                ADMIN,
                request_id=f"admit-{n}",
                firm=code(n),
                name=f"德化县第{n}号陶瓷有限公司",
                industry="陶瓷制造 ceramics",
                size=FirmSize.SMALL,
                representatives=[f"rep-{n}-1", f"rep-{n}-2"],
            )
    with market.batch():
        for n in range(45):
            market.park.record_departure(
                ADMIN, request_id=f"leave-{n}", firm=code(n), reason="迁出"
            )
        for n in range(10):
            market.park.reinstate_firm(ADMIN, request_id=f"back-{n}", firm=code(n))
            market.park.record_departure(
                ADMIN, request_id=f"leave-again-{n}", firm=code(n), reason="迁出"
            )
    snapshot = snapshot_now(market)
    park = stored_park(market)
    assert {LENDER.code, BORROWER.code} | {code(n).code for n in range(45, 60)} == set(park.members)
    assert 62 == len(market.park.members())

    small = ShareMarket.in_memory()
    try:
        park_with_two(small)
        for n in range(45, 60):
            small.park.admit_firm(
                ADMIN,
                request_id=f"admit-{n}",
                firm=code(n),
                name=f"德化县第{n}号陶瓷有限公司",
                industry="陶瓷制造 ceramics",
                size=FirmSize.SMALL,
                representatives=[f"rep-{n}-1", f"rep-{n}-2"],
            )
        fresh = snapshot_now(small)
        assert park.members == stored_park(small).members
    finally:
        small.close()
    # The same state but its version and times: the same length, give or take a few digits.
    # (As JSON: compressed, equal states need not take equal bytes.)
    assert abs(len(document(market, snapshot)) - len(document(small, fresh))) < 16
