"""Stored forms: every value type survives the trip into the store and back, and snapshots of the
park load the same park as its events."""

from __future__ import annotations

import enum
import json
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import Snapshot
from eventsourcing.persistence import JSONTranscoder, TranscodingNotRegisteredError
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import Actor, FirmId, FirmSize, ShareMarket
from sharemarket.application.kernel.transcoder import MarketTranscoder
from sharemarket.application.kernel.transcodings import StoredAttrsAsDict
from sharemarket.application.projections.projection import market_transcoder
from sharemarket.application.slices import transcodings
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import check_character, stored_firm_id
from sharemarket.domain.labour.settlement import Settlement
from sharemarket.domain.labour.shift import Shift
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


# Decoding ---------------------------------------------------------------------------------------


def same(expected: Any, actual: Any) -> None:
    """Equal, and of the same types all the way down (1 is not True, a list is not a tuple)."""
    assert type(expected) is type(actual)
    assert expected == actual
    if isinstance(expected, dict):
        assert list(expected) == list(actual)
        for key in expected:
            same(expected[key], actual[key])
    elif isinstance(expected, list):
        for left, right in zip(expected, actual, strict=True):
            same(left, right)


def plain_decode(data: bytes) -> Any:
    """eventsourcing's own decoding of stored bytes, with every transcoding of the market."""
    return JSONTranscoder.decode(market_transcoder(), data)


# Transcoded values of every kind the market stores, and eventsourcing's own.
def stored_values() -> st.SearchStrategy[Any]:
    return st.one_of(
        [st.from_type(t.type) for t in TRANSCODINGS if covered(t.type)]
        + [st.uuids(), st.decimals(allow_nan=False, allow_infinity=False), st.datetimes()]
    )


# Text that looks like the transcoded form, or is simply odd.
ODD_TEXT = st.one_of(
    st.sampled_from(["_type_", "_data_", "firm_id", "actor", "", "{}", "\\", "\u0000"]),
    st.text(),
)


def documents() -> st.SearchStrategy[Any]:
    """JSON documents holding transcoded values anywhere, beside plain values and dicts that
    merely resemble a transcoded value (a "_type_" key without "_data_", or with a third key)."""
    leaves = st.one_of(
        stored_values(),
        ODD_TEXT,
        st.integers(),
        st.booleans(),
        st.none(),
        st.floats(allow_nan=False),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            # Never exactly "_type_" and "_data_": that is a transcoded value's form.
            st.dictionaries(ODD_TEXT, inner, max_size=4).filter(
                lambda d: d.keys() != {"_type_", "_data_"}
            ),
            st.fixed_dictionaries({"_type_": ODD_TEXT}),
            st.fixed_dictionaries({"_type_": ODD_TEXT, "_data_": inner, "other": inner}),
        ),
        max_leaves=12,
    )


@given(documents())
def test_the_market_transcoder_decodes_exactly_what_eventsourcing_decodes(transcoder, document):
    """The faster decoding (its memo warm from earlier examples) gives the very values
    eventsourcing's decoder gives for the same bytes, and decoding what was encoded gives the
    document back."""
    assert isinstance(transcoder, MarketTranscoder)
    stored = transcoder.encode(document)
    decoded = transcoder.decode(stored)
    same(plain_decode(stored), decoded)
    same(plain_decode(stored), transcoder.decode(stored))  # again, from the memo
    assert document == decoded
    assert stored == transcoder.encode(decoded)


@pytest.mark.parametrize("name", [*sorted(t.name for t in TRANSCODINGS), "uuid_hex"])
@given(
    data=st.one_of(
        st.integers(),
        st.booleans(),
        st.none(),
        st.floats(allow_nan=False),
        ODD_TEXT,
        st.uuids().map(lambda u: u.hex),
        st.text("0123456789abcdefx_ ", min_size=32, max_size=32),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(ODD_TEXT, st.integers() | st.booleans() | ODD_TEXT, max_size=3),
    )
)
def test_odd_stored_forms_decode_or_fail_as_eventsourcing_decodes_them(transcoder, name, data):
    """Whatever a stored form holds, the market transcoder answers as eventsourcing's decoder
    does: the same value, or an error of the same type (a memo never answers 1 for True)."""
    stored = json.dumps([{"_type_": name, "_data_": data}] * 2).encode()
    try:
        expected = plain_decode(stored)
    except Exception as error:
        with pytest.raises(type(error)):
            transcoder.decode(stored)
        return
    same(expected, transcoder.decode(stored))
    same(expected, transcoder.decode(stored))


def test_an_unregistered_name_is_refused_as_eventsourcing_refuses_it(transcoder):
    with pytest.raises(TranscodingNotRegisteredError, match="register"):
        transcoder.decode(b'{"v":{"_type_":"no_such_name","_data_":1}}')
    with pytest.raises(json.JSONDecodeError):
        transcoder.decode(b'{"v":1} x')
    same({"v": 1}, transcoder.decode(b' {"v":1} '))


class SmallMemo(MarketTranscoder):
    decode_memo_max = 8


def test_the_decoding_memo_is_bounded():
    """However many distinct firms and actors are read, each name remembers at most
    ``decode_memo_max`` of their stored forms, and every value still decodes right."""
    transcoder = SmallMemo()
    for transcoding in TRANSCODINGS:
        transcoder.register(transcoding)
    codes = [f"9135052600000{i:03d}A" for i in range(40)]
    for firm in [FirmId(code + check_character(code)) for code in codes]:
        values = [firm, Actor.for_firm("u", firm), firm]
        same(values, transcoder.decode(transcoder.encode(values)))
    sizes = [len(memo) for _, memo in transcoder._decodings.values() if memo is not None]
    assert 0 < max(sizes) <= 8


def test_a_stored_firm_id_is_an_ordinary_firm_id_not_verified_again():
    """A code read back from the store was verified when it was recorded: it is not verified
    again, and makes a FirmId equal (and hashed alike) to one built from input, which still
    verifies."""
    stored = stored_firm_id(TONGXIN.code)
    assert FirmId is type(stored)
    assert TONGXIN == stored
    assert hash(TONGXIN) == hash(stored)
    assert TONGXIN.region == stored.region
    mistyped = TONGXIN.code[:-1] + "0"
    assert mistyped == stored_firm_id(mistyped).code
    with pytest.raises(InvalidInput):
        FirmId(mistyped)
    with pytest.raises(TypeError):
        stored_firm_id(18)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [uuid4().hex, "0x" + "f" * 30, "A" * 32, "{" + "a" * 30 + "}"])
def test_stored_uuids_decode_as_uuid_does(transcoder, text):
    """UUIDs are read without UUID's own parsing when stored as 32 letters and digits: the
    same UUID (or the same refusal) as ``UUID(text)``."""
    stored = json.dumps({"_type_": "uuid_hex", "_data_": text}).encode()
    try:
        expected = UUID(text)
    except ValueError as error:
        with pytest.raises(ValueError, match=str(error)):
            transcoder.decode(stored)
        return
    decoded = transcoder.decode(stored)
    same(expected, decoded)
    assert (expected.hex, expected.version, expected.is_safe) == (
        decoded.hex,
        decoded.version,
        decoded.is_safe,
    )


@given(st.from_type(Shift))
def test_a_stored_shift_is_built_without_its_checks_equal_to_one_built_with_them(shift):
    """Shifts are read without running their validators again (StoredAttrsAsDict): the value
    is of the same class, equal and hashed alike, to the shift its fields make."""
    transcoding = StoredAttrsAsDict(Shift, "labour_shift")
    data = transcoding.encode(shift)
    stored = transcoding.decode(data)
    assert Shift is type(stored)
    assert Shift(**data) == stored
    assert hash(Shift(**data)) == hash(stored)


def test_a_stored_form_without_exactly_its_fields_is_decoded_with_its_checks():
    transcoding = StoredAttrsAsDict(Shift, "labour_shift")
    with pytest.raises(TypeError, match="shift_id"):
        transcoding.decode({"worker": "W-1"})


def test_a_class_whose_fields_convert_cannot_skip_its_checks():
    """A converter turns the stored form into what the value holds: skipping it would not
    give back the value recorded."""
    with pytest.raises(TypeError, match="shift_ids"):
        StoredAttrsAsDict(Settlement, "labour_settlement")


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
