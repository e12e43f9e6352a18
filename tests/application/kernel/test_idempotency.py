"""Idempotent commands: a request id is used once, retries replay, and races record once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import (
    Actor,
    ConcurrentUpdate,
    FirmId,
    FirmSize,
    FirmStatus,
    InvalidTransition,
    RequestIdReused,
    ShareMarket,
)
from sharemarket.domain.firm_id import check_character
from tests.strategies import request_ids

TONGXIN = FirmId("91350100M000100Y43")
OTHER = FirmId("91110000802100433B")
KILN = FirmId("9135052600000001A" + check_character("9135052600000001A"))
ADMIN = Actor.administrator("admin-1")
DURABLE = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def establish(market: ShareMarket) -> None:
    market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park")


def admit(
    market: ShareMarket,
    request_id: str,
    firm: FirmId | str = TONGXIN,
    *,
    name: str = "同鑫陶瓷",
    reps: list[str] | None = None,
    actor: Actor = ADMIN,
) -> FirmId:
    return market.park.admit_firm(
        actor,
        request_id=request_id,
        firm=firm,
        name=name,
        industry="ceramics",
        size=FirmSize.SMALL,
        representatives=reps if reps is not None else ["rep-1"],
    )


def observe(market: ShareMarket) -> tuple[Any, ...]:
    """What a user can see: the end of the notification log, the members, the administrators."""
    return (
        market._app.recorder.max_notification_id(),
        market.park.members(),
        market.park.administrators(),
    )


def stored_events(market: ShareMarket) -> int:
    """How many events the store holds. (PostgreSQL may skip notification ids when a write
    fails, so after a lost race the count, not the last id, says what was recorded.)"""
    return len(market._app.recorder.select_notifications(start=None, limit=100_000))


def assert_records_nothing(market: ShareMarket, command: Callable[[], object]) -> object:
    before = observe(market)
    result = command()
    assert before == observe(market)
    return result


# Replays ------------------------------------------------------------------------------------


def test_the_same_request_again_returns_the_first_result_and_records_nothing(market):
    """A retried admission returns the FirmId it returned first, and adds no event."""
    establish(market)
    first = admit(market, "admit-1")
    assert first == assert_records_nothing(market, lambda: admit(market, "admit-1"))
    assert "Dehua ceramics park" == assert_records_nothing(
        market,
        lambda: market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park"),
    )


@pytest.mark.parametrize(
    "command",
    [
        lambda m: m.park.appoint_administrator(ADMIN, request_id="r", user="admin-2"),
        lambda m: m.park.appoint_representative(ADMIN, request_id="r", firm=TONGXIN, user="rep-2"),
        lambda m: m.park.suspend_firm(ADMIN, request_id="r", firm=TONGXIN, reason="inspection"),
        lambda m: m.park.record_departure(ADMIN, request_id="r", firm=TONGXIN, reason="moving"),
    ],
    ids=["appoint_administrator", "appoint_representative", "suspend_firm", "record_departure"],
)
def test_every_command_replays(market, command):
    """Commands that would be refused if run twice (already appointed, already suspended) are
    replayed instead: the retry succeeds and records nothing."""
    establish(market)
    admit(market, "admit")
    first = command(market)
    assert first == assert_records_nothing(market, lambda: command(market))


def test_a_replay_answers_even_after_later_changes(market):
    """A retry returns the first result although the state moved on since (no 'already
    admitted' error for the caller's own retry)."""
    establish(market)
    first = admit(market, "admit-1")
    market.park.suspend_firm(ADMIN, request_id="suspend", firm=TONGXIN, reason="inspection")
    assert first == assert_records_nothing(market, lambda: admit(market, "admit-1"))
    assert FirmStatus.SUSPENDED == market.park.member(TONGXIN).status


def test_the_same_arguments_written_differently_replay(market):
    """A retry may spell the same arguments differently (code in lower case, representatives
    in another order, repeated): it is still the same request."""
    establish(market)
    first = admit(market, "admit-1", reps=["rep-1", "rep-2"])
    assert first == assert_records_nothing(
        market, lambda: admit(market, "admit-1", TONGXIN.code.lower(), reps=["rep-2", "rep-1"])
    )


# Reuse of a request id for something else -----------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"name": "Another name"}, id="other-name"),
        pytest.param({"firm": OTHER}, id="other-firm"),
        pytest.param({"reps": ["rep-9"]}, id="other-representatives"),
        pytest.param({"actor": Actor.administrator("admin-2")}, id="other-actor"),
    ],
)
def test_the_same_request_id_with_other_arguments_is_refused(market, change):
    """A request id reused with different arguments (or by another person) raises
    RequestIdReused, which says so, and records nothing."""
    establish(market)
    market.park.appoint_administrator(ADMIN, request_id="admin-2", user="admin-2")
    admit(market, "admit-1")
    before = observe(market)
    with pytest.raises(RequestIdReused, match="different arguments"):
        admit(market, "admit-1", **change)
    assert before == observe(market)


def test_the_same_request_id_for_another_command_is_refused(market):
    """A request id used for an admission cannot carry a suspension; nothing is recorded."""
    establish(market)
    admit(market, "req-1")
    before = observe(market)
    with pytest.raises(RequestIdReused, match="already used for admit_firm, not suspend_firm"):
        market.park.suspend_firm(ADMIN, request_id="req-1", firm=TONGXIN, reason="inspection")
    assert before == observe(market)
    assert FirmStatus.ACTIVE == market.park.member(TONGXIN).status


USERS = ("admin-2", "admin-3", "admin-4")


@given(
    st.lists(
        st.tuples(st.sampled_from(["r1", "r2", "r3", "r4"]), st.sampled_from(USERS)),
        max_size=12,
    )
)
def test_request_ids_behave_like_a_write_once_map(calls):
    """Over any sequence of appointments with repeated request ids: the first use of an id
    records, the same id and user replays without recording, the same id with another user is
    refused; a refused first use leaves the id free."""
    market = ShareMarket.in_memory()
    try:
        establish(market)
        used: dict[str, str] = {}
        admins = {"admin-1"}
        for request_id, user in calls:
            before = market._app.recorder.max_notification_id()

            def appoint(request_id: str = request_id, user: str = user) -> None:
                market.park.appoint_administrator(ADMIN, request_id=request_id, user=user)

            if request_id in used:
                if used[request_id] == user:
                    appoint()
                else:
                    with pytest.raises(RequestIdReused):
                        appoint()
                assert before == market._app.recorder.max_notification_id()
            elif user in admins:
                with pytest.raises(InvalidTransition, match="already an administrator"):
                    appoint()
                assert before == market._app.recorder.max_notification_id()
            else:
                appoint()
                used[request_id] = user
                admins.add(user)
                # One event; the receipt is a row of the store's receipts table.
                assert before + 1 == market._app.recorder.max_notification_id()
                assert market._uow.receipt(request_id) is not None
        assert tuple(sorted(admins)) == market.park.administrators()
    finally:
        market.close()


@given(request_ids())
def test_any_valid_request_id_is_stored_and_replayed(request_id):
    """Any 1-128 character printable request id (UUIDs, Chinese text, ...) works and replays."""
    market = ShareMarket.in_memory()
    try:
        establish(market)
        first = admit(market, request_id)
        assert first == assert_records_nothing(market, lambda: admit(market, request_id))
    finally:
        market.close()


# Stored, not held in memory --------------------------------------------------------------------


@pytest.mark.parametrize("kind", DURABLE)
def test_replays_and_refusals_hold_after_close_and_reopen(store_factory, kind):
    """The request receipts are stored: after the market is closed and opened again, a retry
    still replays without recording, and other arguments are still refused."""
    store = store_factory(kind)
    market = store.open()
    establish(market)
    first = admit(market, "admit-1")
    market.close()

    reopened = store.open()
    before = observe(reopened)
    assert first == admit(reopened, "admit-1")
    assert before == observe(reopened)
    with pytest.raises(RequestIdReused):
        admit(reopened, "admit-1", name="Another name")
    with pytest.raises(RequestIdReused):
        reopened.park.suspend_firm(ADMIN, request_id="admit-1", firm=TONGXIN, reason="x")
    assert before == observe(reopened)
    assert isinstance(admit(reopened, "admit-1"), FirmId)


# Races ------------------------------------------------------------------------------------------


def saves_after_both_decided(markets: list[ShareMarket], monkeypatch: pytest.MonkeyPatch) -> None:
    """Make each thread's first save wait until both threads have decided: a real race."""
    barrier = threading.Barrier(2, timeout=20)
    local = threading.local()
    for market in {id(m): m for m in markets}.values():
        real_save = market._app.save

        def save(*args: Any, _real: Any = real_save, **kwargs: Any) -> Any:
            if not getattr(local, "waited", False):
                local.waited = True
                barrier.wait()
            return _real(*args, **kwargs)

        monkeypatch.setattr(market._app, "save", save)


def test_two_writers_racing_one_request_id_record_once(store, monkeypatch):
    """Two writers (two market instances on durable stores) send the same request at the same
    moment: one records, the other replays its result; the firm is admitted once."""
    first, second = store.open(), store.open()
    establish(first)
    before = stored_events(first)
    saves_after_both_decided([first, second], monkeypatch)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda m: admit(m, "admit-1"), [first, second]))
    assert [TONGXIN, TONGXIN] == results
    assert before + 1 == stored_events(first)  # the admission, once
    assert first._uow.receipt("admit-1") is not None  # and its receipt
    assert [TONGXIN] == [m.firm for m in second.park.members()]


def test_two_writers_admitting_different_firms_both_succeed(store, monkeypatch):
    """Two writers change the park at the same moment with different requests: the loser's
    save fails, it is decided again on fresh state, and both admissions are recorded."""
    first, second = store.open(), store.open()
    establish(first)
    before = stored_events(first)
    saves_after_both_decided([first, second], monkeypatch)
    jobs = [(first, "admit-tongxin", TONGXIN), (second, "admit-other", OTHER)]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda job: admit(job[0], job[1], job[2]), jobs))
    assert [TONGXIN, OTHER] == results
    assert before + 2 == stored_events(first)
    assert sorted([TONGXIN, OTHER]) == [m.firm for m in first.park.members()]


def lose_races(
    market: ShareMarket, competitor: ShareMarket, times: int, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Before each of ``market``'s next ``times`` saves, a competing writer changes the park
    first, so that save loses the optimistic-concurrency race. Returns the competitors' users."""
    real_save = market._app.save
    landed: list[str] = []
    busy = threading.local()

    def save(*args: Any, **kwargs: Any) -> Any:
        if len(landed) < times and not getattr(busy, "on", False):
            busy.on = True  # the competitor may be the same market instance (memory store)
            try:
                user = f"competitor-{len(landed)}"
                competitor.park.appoint_representative(
                    ADMIN, request_id=f"race-{user}", firm=TONGXIN, user=user
                )
                landed.append(user)
            finally:
                busy.on = False
        return real_save(*args, **kwargs)

    monkeypatch.setattr(market._app, "save", save)
    return landed


def test_a_lost_race_is_retried_and_succeeds(store, monkeypatch):
    """A command whose save loses the race is decided again on the new state and succeeds;
    the competing change is kept too."""
    market, competitor = store.open(), store.open()
    establish(market)
    admit(market, "admit")
    landed = lose_races(market, competitor, 2, monkeypatch)
    market.park.suspend_firm(ADMIN, request_id="suspend", firm=TONGXIN, reason="inspection")
    assert ["competitor-0", "competitor-1"] == landed
    member = market.park.member(TONGXIN)
    assert FirmStatus.SUSPENDED == member.status
    assert ("competitor-0", "competitor-1", "rep-1") == member.representatives


def test_after_max_attempts_lost_races_concurrent_update_is_raised(store, monkeypatch):
    """A command that loses every one of its max_attempts races raises ConcurrentUpdate and
    records nothing of its own: only the competitors' changes are stored, and its request id
    stays free for the retry the error message asks for."""
    market, competitor = store.open(), store.open()
    establish(market)
    admit(market, "admit")
    before = stored_events(market)
    attempts = market._app.max_attempts
    landed = lose_races(market, competitor, attempts, monkeypatch)
    with pytest.raises(ConcurrentUpdate, match="same request id"):
        market.park.suspend_firm(ADMIN, request_id="suspend", firm=TONGXIN, reason="inspection")
    assert attempts == len(landed)
    assert before + attempts == stored_events(market)  # the competitors' events only
    assert market._uow.receipt("suspend") is None
    assert FirmStatus.ACTIVE == market.park.member(TONGXIN).status
    market.park.suspend_firm(ADMIN, request_id="suspend", firm=TONGXIN, reason="inspection")
    assert FirmStatus.SUSPENDED == market.park.member(TONGXIN).status
