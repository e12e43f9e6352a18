"""Every park the library loads reads the records of firms that left (``Park.consult``, attached
by ``application.park.access``), on every store: commands, queries, batches, other slices'
checks, a park loaded cold or from its snapshot."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import sharemarket
import tests.application.park.test_departures as departures
from sharemarket import (
    FirmAlreadyAdmitted,
    FirmSize,
    FirmStatus,
    ParkAlreadyEstablished,
    ShareMarket,
)
from sharemarket.application.kernel.loader import Loader
from sharemarket.application.park.access import FormerMembers
from sharemarket.domain.park.membership import PARK_ID, Park
from tests.application.park.test_departures import ADMIN, BORROWER, BORROWER_REP, park_with_two
from tests.application.park.test_membership import assert_refused
from tests.conftest import Store

DURABLE = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture
def handed_out(monkeypatch: pytest.MonkeyPatch) -> list[Park]:
    """Every park a loader gives out (``find`` or ``read_only``, in any thread)."""
    seen: list[Park] = []
    for name in ("find", "read_only"):
        original = getattr(Loader, name)

        def spy(self: Loader, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            found = _original(self, *args, **kwargs)
            if isinstance(found, Park):
                seen.append(found)
            return found

        monkeypatch.setattr(Loader, name, spy)
    return seen


def consulted(parks: list[Park]) -> list[bool]:
    return [isinstance(getattr(p, "_formers", None), FormerMembers) for p in parks]


def readmitted(market: ShareMarket, request_id: str = "readmit") -> None:
    """The firm that left asks to be admitted again: refused, as a firm admitted once."""
    assert_refused(
        market,
        FirmAlreadyAdmitted,
        lambda: market.park.admit_firm(
            ADMIN,
            request_id=request_id,
            firm=BORROWER,
            name="佳美陶瓷",
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=["b-rep"],
        ),
    )


def established_twice(market: ShareMarket) -> None:
    park_with_two(market)
    assert_refused(
        market,
        ParkAlreadyEstablished,
        lambda: market.park.establish(ADMIN, request_id="again", name="another park"),
    )


def in_one_batch(market: ShareMarket) -> None:
    """A park established in a batch is handed, within it, to later commands: one firm leaves
    and an administrator changes its representatives, read from the record made in the batch."""
    with market.batch():
        park_with_two(market)
        market.park.record_departure(BORROWER_REP, request_id="leave", firm=BORROWER, reason="x")
        market.park.appoint_representative(ADMIN, request_id="rep", firm=BORROWER, user="b-rep-2")
    assert ("b-rep", "b-rep-2") == market.park.member(BORROWER).representatives
    readmitted(market)


SCENARIOS: dict[str, Callable[[ShareMarket], None]] = {
    "queries and refusals": departures.test_a_firm_that_left_is_answered_as_before,
    "record changes and return": (
        departures.test_an_administrator_changes_its_representatives_and_it_returns_with_them
    ),
    "another slice's checks": departures.test_a_firm_that_left_still_pays_what_it_owes,
    "batches": departures.test_the_park_holds_its_current_members_only,
    "establishment": established_twice,
    "established in a batch": in_one_batch,
}


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_every_park_a_command_or_query_is_given_reads_former_members(
    market: ShareMarket, handed_out: list[Park], scenario: Callable[[ShareMarket], None]
) -> None:
    """Whichever path loaded it (a fresh load, a warm or read-only copy, the unit of work's
    own), the park every handler and query was given had the lookup."""
    scenario(market)
    assert handed_out
    assert all(consulted(handed_out))


@pytest.mark.parametrize("kind", DURABLE)
def test_a_park_loaded_cold_from_its_snapshot_reads_former_members(
    store_factory: Callable[[str], Store], kind: str, handed_out: list[Park]
) -> None:
    """A market opened afresh on the store loads the park from its snapshot, and still refuses
    the firm that left a second admission."""
    store = store_factory(kind)
    market = store.open()
    park_with_two(market)
    market.park.record_departure(BORROWER_REP, request_id="leave", firm=BORROWER, reason="x")
    market._app.take_snapshot(PARK_ID)
    market.close()
    market = store.open()
    handed_out.clear()
    assert FirmStatus.LEFT is market.park.member(BORROWER).status
    readmitted(market)
    assert handed_out
    assert all(consulted(handed_out))


def library_modules() -> Iterator[Path]:
    yield from Path(sharemarket.__file__).parent.rglob("*.py")


def test_only_the_park_access_module_loads_the_park() -> None:
    """Outside the park's own domain, the park's id is used by ``application.park.access``
    alone: every other module reaches the park through its functions, which attach the lookup."""
    root = Path(sharemarket.__file__).parent
    allowed = {root / "application/park/access.py"}
    users = {
        path.relative_to(root).as_posix()
        for path in library_modules()
        if re.search(r"\bPARK_ID\b", path.read_text(encoding="utf-8"))
        and path not in allowed
        and path.parent != root / "domain/park"
    }
    assert set() == users
