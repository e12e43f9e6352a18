"""Stored forms: every value type survives the trip into the store and back, and snapshots of the
park load the same park as its events."""

from __future__ import annotations

import enum
import json
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.domain import Snapshot
from eventsourcing.persistence import JSONTranscoder, TranscodingNotRegisteredError
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import Actor, FirmId, FirmSize, ShareMarket
from sharemarket.application.kernel.transcoder import MarketTranscoder
from sharemarket.application.projections.projection import market_transcoder
from sharemarket.application.slices import transcodings
from sharemarket.domain.firm_id import check_character
from sharemarket.domain.park.member import row_of
from sharemarket.domain.park.membership import PARK_ID, Park
from tests.strategies import REGISTERED, firm_ids, members, names, user_ids

# Built-in types hypothesis already knows how to generate.
NATIVE = (date,)
# Every transcoding of the market: the kernel's and every slice's.
TRANSCODINGS = transcodings()
# Names eventsourcing's own transcodings use: ours must not take them.
EVENTSOURCING_NAMES = {"uuid_hex", "decimal_str", "datetime_iso"}


@pytest.fixture(scope="module")
def transcoder() -> Any:
    """The transcoder the application really stores with."""
    market = ShareMarket.in_memory()
    yield market._app.transcoder
    market.close()


def covered(cls: type[Any]) -> bool:
    return cls in REGISTERED or cls in NATIVE or issubclass(cls, enum.Enum)


def test_transcoding_names_and_types_are_unique():
    """Each value type is stored under one name, and no two types share a name (names are
    stored forever; a clash would decode one type as another)."""
    names_ = [t.name for t in TRANSCODINGS]
    types = [t.type for t in TRANSCODINGS]
    assert len(set(names_)) == len(names_)
    assert len(set(types)) == len(types)
    assert set() == set(names_) & EVENTSOURCING_NAMES


def test_every_transcoded_type_has_a_strategy():
    """The round-trip property covers every stored type: each has a strategy in
    tests/strategies.py (register_strategy), or is an enum or a date."""
    missing = sorted(t.type.__name__ for t in TRANSCODINGS if not covered(t.type))
    assert [] == missing, "add these to tests/strategies.py with register_strategy()"


@pytest.mark.parametrize(
    "transcoding",
    [t for t in TRANSCODINGS if covered(t.type)],
    ids=lambda t: t.name,
)
@given(data=st.data())
def test_round_trip_is_the_identity(transcoder, transcoding, data):
    """value -> stored JSON -> value gives back an equal value of the same type, stored under
    the transcoding's name, alone or inside lists and dicts."""
    value = data.draw(st.from_type(transcoding.type), label="value")
    encoded = transcoder.encode(value)
    assert transcoding.name == json.loads(encoded)["_type_"]
    decoded = transcoder.decode(encoded)
    assert value == decoded
    assert type(value) is type(decoded)
    nested = {"values": [value, value], "one": value}
    assert nested == transcoder.decode(transcoder.encode(nested))


@pytest.mark.parametrize(
    "transcoding",
    [t for t in TRANSCODINGS if covered(t.type)],
    ids=lambda t: t.name,
)
@given(data=st.data())
def test_the_market_transcoder_writes_exactly_the_bytes_eventsourcing_writes(
    transcoder, transcoding, data
):
    """Stored bytes are a contract (request fingerprints are hashes of them): the faster
    encoder must not change a byte, inside any document."""
    assert isinstance(transcoder, MarketTranscoder)
    value = data.draw(st.from_type(transcoding.type), label="value")
    document = {
        "value": value,
        "values": [value, {"nested": value}, (value, 2)],
        "text": data.draw(names(), label="text"),
        "number": data.draw(st.integers() | st.floats(allow_nan=False), label="number"),
        "none": None,
        "flag": True,
        "id": uuid4(),
        "at": datetime(2026, 11, 21, 9, 30, tzinfo=UTC),
    }
    assert market_transcoder().encode(document) == transcoder.encode(document)


def test_the_market_transcoder_refuses_an_unregistered_type_as_eventsourcing_does(transcoder):
    with pytest.raises(TranscodingNotRegisteredError, match="register"):
        transcoder.encode({"value": object()})


@given(st.none() | st.integers() | user_ids())
def test_plain_json_values_are_untouched(value):
    """Values JSON holds natively are stored as themselves."""
    transcoder = JSONTranscoder()
    assert value == transcoder.decode(transcoder.encode(value))


# Snapshots --------------------------------------------------------------------------------------

ADMIN = Actor.administrator("admin-1")
TONGXIN = FirmId("91350100M000100Y43")
OTHER = FirmId("91110000802100433B")
THIRD = FirmId("9135052600000001A" + check_character("9135052600000001A"))


def state(park: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(park).items() if k != "_pending_events"}


def from_events_only(market: ShareMarket) -> Park:
    """The park rebuilt from every one of its stored events, without any snapshot."""
    park = None
    for event in market._app.events.get(PARK_ID):
        park = event.mutate(park)
    assert isinstance(park, Park)
    return park


def test_a_park_loaded_from_its_snapshot_equals_the_park_from_its_events(market):
    """Past 50 events the park is snapshotted; loading it (snapshot plus later events) gives
    exactly the park its events alone give."""
    market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park")
    for firm, reps in ((TONGXIN, ["t-1"]), (OTHER, ["o-1", "o-2"]), (THIRD, ["x-1"])):
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{firm}",
            firm=firm,
            name="陶瓷",
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=reps,
        )
    market.park.suspend_firm(ADMIN, request_id="suspend", firm=THIRD, reason="inspection")
    for i in range(26):  # 52 more events: past the snapshot at version 50
        market.park.appoint_representative(ADMIN, request_id=f"a{i}", firm=TONGXIN, user=f"u-{i}")
        market.park.remove_representative(ADMIN, request_id=f"r{i}", firm=TONGXIN, user=f"u-{i}")
    market.park.appoint_representative(ADMIN, request_id="last", firm=OTHER, user="o-3")

    snapshots = list(market._app.snapshots.get(PARK_ID))
    assert [50] == [s.originator_version for s in snapshots]
    loaded = market._app.repository.get(PARK_ID)
    rebuilt = from_events_only(market)
    assert 58 == rebuilt.version
    assert state(rebuilt) == state(loaded)


@given(firm_ids(), st.lists(members(), max_size=5), st.lists(user_ids(), min_size=1, max_size=3))
def test_any_park_survives_a_stored_snapshot(firm, member_list, admins):
    """Whatever the park holds (members of any size and status, several administrators), a
    snapshot taken, stored and loaded again gives back an equal park."""
    market = ShareMarket.in_memory()
    try:
        park = Park.establish(name="Dehua ceramics park", administrator=admins[0])
        park.administrators = sorted(set(admins))
        park.members = {m.firm.code: row_of(m) for m in member_list}
        stored = market._app.mapper.to_stored_event(Snapshot.take(park))
        restored = market._app.mapper.to_domain_event(stored).mutate(None)
        assert state(park) == state(restored)
    finally:
        market.close()


@given(names())
def test_unicode_names_are_stored_as_written(name):
    """Chinese firm and park names are stored as written (UTF-8, not escaped away)."""
    market = ShareMarket.in_memory()
    try:
        market.park.establish(ADMIN, request_id="park", name=name)
        assert name == market.park.name()
    finally:
        market.close()
