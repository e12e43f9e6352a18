"""Park membership through the application, on every store: the permission matrix and refusals.

Every refusal is checked twice: the error it raises, and that the market recorded nothing (the
notification log ends where it did, and every query answers as before).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sharemarket import (
    Actor,
    FirmAlreadyAdmitted,
    FirmId,
    FirmNotActive,
    FirmSize,
    FirmStatus,
    InvalidInput,
    InvalidTransition,
    LastAdministrator,
    LastRepresentative,
    Member,
    NotFound,
    ParkAlreadyEstablished,
    PermissionDenied,
    ShareMarket,
    ShareMarketError,
)
from sharemarket.domain.firm_id import check_character
from sharemarket.domain.park.membership import PARK_ID
from tests.conftest import STORES, Store

TONGXIN = FirmId("91350100M000100Y43")  # the firm the actors act on
OTHER = FirmId("91110000802100433B")
SUSPENDED = FirmId("9135052600000001A" + check_character("9135052600000001A"))
NEW = FirmId("9135052600000002B" + check_character("9135052600000002B"))  # never admitted
ADMIN = Actor.administrator("admin-1")


def populate(market: ShareMarket) -> None:
    """A park with two administrators (and one dismissed), an active firm with a removed
    representative, another active firm, and a suspended firm."""
    market.park.establish(ADMIN, request_id="setup-park", name="Dehua ceramics park")
    for user in ("admin-2", "admin-gone"):
        market.park.appoint_administrator(ADMIN, request_id=f"setup-{user}", user=user)
    market.park.dismiss_administrator(ADMIN, request_id="setup-dismiss", user="admin-gone")
    for firm, name, reps in (
        (TONGXIN, "同鑫陶瓷", ["t-rep-1", "t-rep-2", "t-gone"]),
        (OTHER, "德化陶瓷厂", ["o-rep"]),
        (SUSPENDED, "彩绘工坊", ["s-rep", "s-rep-2"]),
    ):
        market.park.admit_firm(
            ADMIN,
            request_id=f"setup-{firm}",
            firm=firm,
            name=name,
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=reps,
        )
    market.park.remove_representative(ADMIN, request_id="setup-remove", firm=TONGXIN, user="t-gone")
    market.park.suspend_firm(ADMIN, request_id="setup-suspend", firm=SUSPENDED, reason="inspection")


def observe(market: ShareMarket) -> tuple[Any, ...]:
    """What a user can see: the end of the notification log and every query's answer."""
    try:
        park = (market.park.name(), market.park.administrators(), market.park.members())
    except NotFound:
        park = None
    return market._app.recorder.max_notification_id(), park


def assert_refused(
    market: ShareMarket, error: type[ShareMarketError], command: Callable[[], object]
) -> ShareMarketError:
    """The command raises ``error`` and the market records nothing."""
    before = observe(market)
    with pytest.raises(error) as caught:
        command()
    assert type(caught.value) is error
    assert before == observe(market)
    return caught.value


def last_event(market: ShareMarket) -> Any:
    return next(iter(market._app.events.get(PARK_ID, desc=True, limit=1)))


@pytest.fixture(scope="module", params=STORES)
def populated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ShareMarket]:
    """One populated market per store, shared by the refusal tests: a refusal changes nothing,
    and each test checks that, so sharing is safe and keeps the matrix fast."""
    if request.param == "postgres":
        request.applymarker(pytest.mark.postgres)
    store = Store(request.param, tmp_path_factory.mktemp(request.param))
    try:
        market = store.open()
        populate(market)
        yield market
    finally:
        store.close()


# The permission matrix ------------------------------------------------------------------------

ACTORS = {
    "administrator": ADMIN,
    "own-representative": Actor.for_firm("t-rep-1", TONGXIN),
    "other-firm-rep-claiming-this-firm": Actor.for_firm("o-rep", TONGXIN),
    "other-firm-rep-for-own-firm": Actor.for_firm("o-rep", OTHER),
    "non-admin-claiming-admin": Actor.administrator("t-rep-1"),
    "dismissed-administrator": Actor.administrator("admin-gone"),
    "removed-representative": Actor.for_firm("t-gone", TONGXIN),
    "unknown-person": Actor.for_firm("nobody", TONGXIN),
    "suspended-firm-representative": Actor.for_firm("s-rep", SUSPENDED),
}


def target(actor: Actor) -> FirmId:
    """The firm a firm-level command acts on: the suspended firm for its own representative."""
    return SUSPENDED if actor.firm == SUSPENDED else TONGXIN


def second_rep(firm: FirmId) -> str:
    return {TONGXIN: "t-rep-2", SUSPENDED: "s-rep-2"}[firm]


COMMANDS: dict[str, Callable[[ShareMarket, Actor, str], object]] = {
    "establish_park": lambda m, a, r: m.park.establish(a, request_id=r, name="Another park"),
    "appoint_administrator": lambda m, a, r: m.park.appoint_administrator(
        a, request_id=r, user="new-admin"
    ),
    "dismiss_administrator": lambda m, a, r: m.park.dismiss_administrator(
        a, request_id=r, user="admin-2"
    ),
    "admit_firm": lambda m, a, r: m.park.admit_firm(
        a,
        request_id=r,
        firm=NEW,
        name="New kiln",
        industry="ceramics",
        size="micro",
        representatives=["n-rep"],
    ),
    "suspend_firm": lambda m, a, r: m.park.suspend_firm(
        a, request_id=r, firm=target(a), reason="inspection"
    ),
    "reinstate_firm": lambda m, a, r: m.park.reinstate_firm(a, request_id=r, firm=SUSPENDED),
    "record_departure": lambda m, a, r: m.park.record_departure(
        a, request_id=r, firm=target(a), reason="moving out"
    ),
    "appoint_representative": lambda m, a, r: m.park.appoint_representative(
        a, request_id=r, firm=target(a), user="new-rep"
    ),
    "remove_representative": lambda m, a, r: m.park.remove_representative(
        a, request_id=r, firm=target(a), user=second_rep(target(a))
    ),
}
ADMIN_COMMANDS = (
    "appoint_administrator",
    "dismiss_administrator",
    "admit_firm",
    "suspend_firm",
    "reinstate_firm",
)
FIRM_COMMANDS = ("record_departure", "appoint_representative", "remove_representative")


def expected_outcome(actor_name: str, command: str) -> type[ShareMarketError] | None:
    """Who may do what. None: allowed."""
    if command == "establish_park":
        # On an empty market anyone acting as an administrator may found the park; this market
        # holds one, so its administrators are told so and everyone else is refused.
        return ParkAlreadyEstablished if actor_name == "administrator" else PermissionDenied
    if actor_name == "administrator":
        return None
    if command in ADMIN_COMMANDS:
        return PermissionDenied
    if actor_name == "own-representative":
        return None
    if actor_name == "suspended-firm-representative":
        return FirmNotActive
    return PermissionDenied


MATRIX = [
    (actor, command, expected_outcome(actor, command)) for actor in ACTORS for command in COMMANDS
]
REFUSALS = [
    pytest.param(actor, command, error, id=f"{command}-by-{actor}")
    for actor, command, error in MATRIX
    if error is not None
]
ALLOWED = [(actor, command) for actor, command, error in MATRIX if error is None]


def test_the_matrix_allows_only_administrators_and_a_firms_own_representatives():
    """The matrix itself: exactly the administrator's commands and the own representative's
    firm-level commands are allowed."""
    expected = {("administrator", c) for c in COMMANDS if c != "establish_park"} | {
        ("own-representative", c) for c in FIRM_COMMANDS
    }
    assert expected == set(ALLOWED)


@pytest.mark.parametrize(("actor_name", "command", "error"), REFUSALS)
def test_refused_commands_raise_and_record_nothing(populated, actor_name, command, error):
    """Each refusal in the matrix raises its error and records nothing at all."""
    actor = ACTORS[actor_name]
    assert_refused(
        populated, error, lambda: COMMANDS[command](populated, actor, f"{command}-{actor_name}")
    )


def run_allowed(market: ShareMarket, actor_name: str, command: str) -> Any:
    """Run one allowed cell of the matrix and return the event it recorded."""
    assert (actor_name, command) in ALLOWED
    actor = ACTORS[actor_name]
    before = market._app.recorder.max_notification_id()
    COMMANDS[command](market, actor, f"allowed-{command}-{actor_name}")
    event = last_event(market)
    assert actor == event.actor
    assert before < market._app.recorder.max_notification_id()
    return event


def test_the_administrator_may_do_everything(market):
    """Every administrator cell of the matrix succeeds, shows in the queries, and its event
    names the administrator."""
    populate(market)
    run_allowed(market, "administrator", "appoint_representative")
    assert ("new-rep", "t-rep-1", "t-rep-2") == market.park.member(TONGXIN).representatives
    run_allowed(market, "administrator", "remove_representative")
    assert ("new-rep", "t-rep-1") == market.park.member(TONGXIN).representatives
    run_allowed(market, "administrator", "appoint_administrator")
    run_allowed(market, "administrator", "dismiss_administrator")
    assert ("admin-1", "new-admin") == market.park.administrators()
    run_allowed(market, "administrator", "admit_firm")
    expected = Member(NEW, "New kiln", "ceramics", FirmSize.MICRO, FirmStatus.ACTIVE, ("n-rep",))
    assert expected == market.park.member(NEW)
    run_allowed(market, "administrator", "reinstate_firm")
    assert FirmStatus.ACTIVE == market.park.member(SUSPENDED).status
    run_allowed(market, "administrator", "suspend_firm")
    assert FirmStatus.SUSPENDED == market.park.member(TONGXIN).status
    run_allowed(market, "administrator", "record_departure")
    assert FirmStatus.LEFT == market.park.member(TONGXIN).status


def test_the_own_representative_may_manage_its_firm(market):
    """A firm's own representative may appoint and remove its representatives and record its
    departure; each event names that representative."""
    populate(market)
    run_allowed(market, "own-representative", "appoint_representative")
    assert ("new-rep", "t-rep-1", "t-rep-2") == market.park.member(TONGXIN).representatives
    run_allowed(market, "own-representative", "remove_representative")
    assert ("new-rep", "t-rep-1") == market.park.member(TONGXIN).representatives
    run_allowed(market, "own-representative", "record_departure")
    assert FirmStatus.LEFT == market.park.member(TONGXIN).status


def test_a_reinstated_firm_may_act_again(market):
    """Once reinstated, the suspended firm's representative can act for it again."""
    populate(market)
    rep = ACTORS["suspended-firm-representative"]
    assert_refused(
        market, FirmNotActive, lambda: COMMANDS["appoint_representative"](market, rep, "r1")
    )
    market.park.reinstate_firm(ADMIN, request_id="reinstate", firm=SUSPENDED)
    COMMANDS["appoint_representative"](market, rep, "r2")
    assert ("new-rep", "s-rep", "s-rep-2") == market.park.member(SUSPENDED).representatives


# Rule refusals of every kind record nothing ---------------------------------------------------

RULE_REFUSALS: dict[str, tuple[type[ShareMarketError], Callable[[ShareMarket], object]]] = {
    "admit-twice": (
        FirmAlreadyAdmitted,
        lambda m: m.park.admit_firm(
            ADMIN,
            request_id="r",
            firm=OTHER,
            name="x",
            industry="x",
            size="small",
            representatives=["x"],
        ),
    ),
    "admit-without-representatives": (
        InvalidInput,
        lambda m: m.park.admit_firm(
            ADMIN,
            request_id="r",
            firm=NEW,
            name="x",
            industry="x",
            size="small",
            representatives=[],
        ),
    ),
    "admit-with-unknown-size": (
        InvalidInput,
        lambda m: m.park.admit_firm(
            ADMIN,
            request_id="r",
            firm=NEW,
            name="x",
            industry="x",
            size="huge",
            representatives=["x"],
        ),
    ),
    "admit-with-invalid-code": (
        InvalidInput,
        lambda m: m.park.admit_firm(
            ADMIN,
            request_id="r",
            firm="91350100M000100Y44",
            name="x",
            industry="x",
            size="small",
            representatives=["x"],
        ),
    ),
    "admit-with-empty-name": (
        InvalidInput,
        lambda m: m.park.admit_firm(
            ADMIN,
            request_id="r",
            firm=NEW,
            name=" ",
            industry="x",
            size="small",
            representatives=["x"],
        ),
    ),
    "establish-again": (
        ParkAlreadyEstablished,
        lambda m: m.park.establish(ADMIN, request_id="r", name="Second park"),
    ),
    "dismiss-unknown-administrator": (
        NotFound,
        lambda m: m.park.dismiss_administrator(ADMIN, request_id="r", user="nobody"),
    ),
    "appoint-existing-administrator": (
        InvalidTransition,
        lambda m: m.park.appoint_administrator(ADMIN, request_id="r", user="admin-2"),
    ),
    "appoint-invalid-user-id": (
        InvalidInput,
        lambda m: m.park.appoint_administrator(ADMIN, request_id="r", user="has space"),
    ),
    "suspend-unknown-firm": (
        NotFound,
        lambda m: m.park.suspend_firm(ADMIN, request_id="r", firm=NEW, reason="x"),
    ),
    "suspend-suspended-firm": (
        InvalidTransition,
        lambda m: m.park.suspend_firm(ADMIN, request_id="r", firm=SUSPENDED, reason="x"),
    ),
    "reinstate-active-firm": (
        InvalidTransition,
        lambda m: m.park.reinstate_firm(ADMIN, request_id="r", firm=TONGXIN),
    ),
    "remove-last-representative": (
        LastRepresentative,
        lambda m: m.park.remove_representative(ADMIN, request_id="r", firm=OTHER, user="o-rep"),
    ),
    "remove-unknown-representative": (
        NotFound,
        lambda m: m.park.remove_representative(ADMIN, request_id="r", firm=TONGXIN, user="t-gone"),
    ),
    "appoint-existing-representative": (
        InvalidTransition,
        lambda m: m.park.appoint_representative(
            ADMIN, request_id="r", firm=TONGXIN, user="t-rep-1"
        ),
    ),
    "empty-request-id": (
        InvalidInput,
        lambda m: m.park.appoint_administrator(ADMIN, request_id="", user="new-admin"),
    ),
    "request-id-with-spaces": (
        InvalidInput,
        lambda m: m.park.appoint_administrator(ADMIN, request_id="a b", user="new-admin"),
    ),
}


@pytest.mark.parametrize(("error", "command"), RULE_REFUSALS.values(), ids=RULE_REFUSALS.keys())
def test_rule_refusals_raise_and_record_nothing(populated, error, command):
    """A command that breaks a rule or gives bad input raises its error and records nothing."""
    assert_refused(populated, error, lambda: command(populated))


def test_representatives_given_as_one_string_are_refused(populated):
    """representatives="n-rep" is refused (TypeError) rather than read as five one-letter
    representatives, and nothing is recorded."""
    before = observe(populated)
    with pytest.raises(TypeError, match=r"write \['n-rep'\]"):
        populated.park.admit_firm(
            ADMIN,
            request_id="r",
            firm=NEW,
            name="x",
            industry="x",
            size="small",
            representatives="n-rep",
        )
    assert before == observe(populated)


def test_the_last_administrator_cannot_be_dismissed(market):
    """The park keeps an administrator: dismissing the last one is refused and records nothing."""
    market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park")
    assert_refused(
        market,
        LastAdministrator,
        lambda: market.park.dismiss_administrator(ADMIN, request_id="r", user="admin-1"),
    )


def test_nothing_works_before_the_park_is_established(market):
    """Before a park exists, commands and queries raise NotFound and record nothing."""
    assert_refused(
        market, NotFound, lambda: market.park.appoint_administrator(ADMIN, request_id="r", user="u")
    )
    assert_refused(market, NotFound, market.park.members)
    assert_refused(market, NotFound, lambda: market.park.member(TONGXIN))
    assert None is market._app.recorder.max_notification_id()


def test_a_refused_request_id_stays_free(market):
    """A refused command keeps no receipt: its request id can carry the corrected command."""
    populate(market)
    assert_refused(
        market,
        PermissionDenied,
        lambda: market.park.appoint_representative(
            ACTORS["other-firm-rep-claiming-this-firm"],
            request_id="fix-me",
            firm=TONGXIN,
            user="new-rep",
        ),
    )
    market.park.appoint_representative(ADMIN, request_id="fix-me", firm=TONGXIN, user="new-rep")
    assert "new-rep" in market.park.member(TONGXIN).representatives


def test_queries_list_members_in_code_order_and_refuse_unknown_firms(populated):
    """members() lists every admitted firm in credit-code order; member(unknown) is NotFound."""
    assert sorted([TONGXIN, OTHER, SUSPENDED]) == [m.firm for m in populated.park.members()]
    assert "Dehua ceramics park" == populated.park.name()
    assert ("admin-1", "admin-2") == populated.park.administrators()
    assert TONGXIN == populated.park.member(TONGXIN.code.lower()).firm
    with pytest.raises(NotFound, match="not a member"):
        populated.park.member(NEW)
