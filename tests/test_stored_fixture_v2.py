"""The stored fixture stores from v2 on still load: topics, transcodings, receipts and views.

Each store under ``tests/fixtures/store_vN/`` (N >= 2) was made once by
``tests/fixtures/make_store_vN.py`` with the code of its day and committed; a market opened on a
copy with the code of today must load every aggregate, replay every request id to its recorded
result, refuse a used request id with changed arguments, and rebuild the same views. Store v1
(the code before the slices refactor) has its own test, ``test_stored_fixture.py``.

The manifest names each command by its path on the market (``"venues.book"``); a command
renamed later is mapped in ``RENAMED``. Nothing here is skipped.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import attrs
import pytest
from eventsourcing.application import project_aggregate
from eventsourcing.utils import get_topic, resolve_topic
from hypothesis import given, settings
from hypothesis import strategies as st

from sharemarket import FundsTerms, Money, RequestIdReused, ShareMarket
from sharemarket.adapters.sqlite_receipts import RECEIPT_TOPIC
from sharemarket.application.kernel.receipts import OLD_RECEIPTS_MARK
from sharemarket.domain.requests import RequestReceipt
from sharemarket.park_views import ParkViews
from tests.fixtures.dump_views import dump_views
from tests.fixtures.manifest import (
    command_of,
    decode,
    decode_actor,
    encode,
    encode_actor,
    same,
)
from tests.fixtures.store_files import receipts_by_command, schema_facts
from tests.strategies import REGISTERED

FIXTURES = Path(__file__).parent / "fixtures"
STORES = ("store_v2", "store_v3", "store_v4")

#: Commands whose path on the market changed since a store was made: old path -> the command now.
RENAMED: dict[str, Callable[[ShareMarket], Callable[..., Any]]] = {
    # The park's calendar of days moved from the venues slice to the park's; the command kept
    # its stored name, so its receipts replay.
    "venues.set_park_day": lambda market: market.park.set_park_day,
}

#: Per store, requests replayed with one argument changed (request id, argument, new value):
#: each must be refused as RequestIdReused, recording nothing.
CHANGED: dict[str, tuple[tuple[str, str, Any], ...]] = {
    "store_v2": (
        ("v2-establish-park", "name", "另一个园区"),
        ("v2-run-1-jiamei", "reason", "another reason"),
        ("v2-f-guarantee-rules", "max_per_guarantor", "1000000.00"),
        ("v2-s-order", "quantity", 50_000),
        ("v2-v-open-room", "name", "another room"),
        ("v2-m-glaze-m-guanfu-no", "reason", "another reason"),
    ),
    # v3: the receipts in a table of their own (keyed by hex text), snapshots compressed.
    "store_v3": (
        ("v2-establish-park", "name", "另一个园区"),
        ("v2-f-guarantee-rules", "max_per_guarantor", "1000000.00"),
        ("v3-f-txp-jiamei-pays", "amount", "9000.00"),
        ("v3-v-leave-ciyun", "day", date(2026, 4, 25)),
        ("v2-m-glaze-m-guanfu-no", "reason", "another reason"),
    ),
    # v4: the receipts as rows of the events table, outside the notification log.
    "store_v4": (
        ("v2-establish-park", "name", "另一个园区"),
        ("v2-run-1-jiamei", "reason", "another reason"),
        ("v3-f-txp-jiamei-pays", "amount", "9000.00"),
        ("v2-s-order", "quantity", 50_000),
        ("v3-v-leave-ciyun", "day", date(2026, 4, 25)),
    ),
}


@attrs.frozen
class Store:
    name: str

    @property
    def folder(self) -> Path:
        return FIXTURES / self.name

    @property
    def market_file(self) -> Path:
        return self.folder / "market.sqlite"

    def json(self, file: str) -> Any:
        return json.loads((self.folder / file).read_text(encoding="utf-8"))

    def requests(self) -> list[dict[str, Any]]:
        return self.json("requests.json")  # type: ignore[no-any-return]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> Store:
    return Store(request.param)


@pytest.fixture
def store_copy(store: Store, tmp_path: Path) -> Path:
    """The committed store copied to ``tmp_path``: the only file the tests open."""
    assert store.market_file.is_file(), f"{store.market_file} is missing"
    for suffix in ("-wal", "-shm", "-journal"):
        leftover = store.market_file.with_name(store.market_file.name + suffix)
        assert not leftover.exists(), f"{leftover} beside the committed store: it is incomplete"
    target = tmp_path / "market.sqlite"
    shutil.copyfile(store.market_file, target)
    return target


@pytest.fixture
def market(store_copy: Path) -> Iterator[ShareMarket]:
    with ShareMarket.sqlite(store_copy) as opened:
        yield opened


def head(market: ShareMarket) -> int:
    position = market.event_log.head()
    assert position is not None
    return position


def stored_versions(store_copy: Path) -> dict[UUID, int]:
    connection = sqlite3.connect(store_copy)
    try:
        rows = connection.execute(  # the aggregates' events, not the receipts' rows (v4 on)
            "SELECT originator_id, MAX(originator_version), COUNT(*) FROM stored_events "
            "WHERE topic <> ? GROUP BY originator_id",
            (RECEIPT_TOPIC,),
        ).fetchall()
    finally:
        connection.close()
    assert all(top == count for _, top, count in rows), "an aggregate's versions have a gap"
    return {UUID(originator): count for originator, _, count in rows}


def state(aggregate: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


def call(market: ShareMarket, entry: dict[str, Any], **changes: Any) -> Any:
    kwargs = {name: decode(value) for name, value in entry["kwargs"].items()}
    kwargs.update(changes)
    name = entry["command"]
    command = RENAMED[name](market) if name in RENAMED else command_of(market, name)
    return command(decode_actor(entry["actor"]), request_id=entry["request_id"], **kwargs)


def test_every_aggregate_loads_and_replays_from_its_events_alone(
    market: ShareMarket, store_copy: Path, store: Store
) -> None:
    """Protects the stored topics, transcodings and snapshots: every aggregate is rebuilt by the
    current code at its stored version, from its snapshot where it has one, and the state its
    events alone give equals the state the snapshot gives."""
    versions = stored_versions(store_copy)
    receipts, problems = [], []
    for aggregate_id, count in versions.items():
        loaded = market._app.repository.get(aggregate_id)
        replayed = project_aggregate(None, market._app.events.get(aggregate_id))
        assert replayed is not None
        if loaded.version != count or replayed.version != count:
            problems.append(f"{type(loaded).__name__} {aggregate_id}: v{loaded.version}")
        elif state(loaded) != state(replayed):
            problems.append(f"{type(loaded).__name__} {aggregate_id}: snapshot differs")
        if type(loaded).__name__ == "RequestReceipt":
            receipts.append(loaded.request_id)
    assert problems == []
    keyed = {RequestReceipt.id_for(e["request_id"]): e["request_id"] for e in store.requests()}
    receipts += [keyed.get(key, f"no request has the receipt {key}") for key in table(store_copy)]
    assert sorted(receipts) == sorted(keyed.values())


def table(store_copy: Path) -> list[UUID]:
    """The keys of the receipts table of a store made after receipts left the events (the
    mark of a store that had events before it aside); none in a store made before."""
    connection = sqlite3.connect(store_copy)
    try:
        if not connection.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'stored_events_receipts'"
        ).fetchone():
            return []
        rows = connection.execute("SELECT receipt_id FROM stored_events_receipts").fetchall()
    finally:
        connection.close()
    keys = [UUID(bytes=key) if isinstance(key, bytes) else UUID(key) for (key,) in rows]
    return [key for key in keys if key != OLD_RECEIPTS_MARK]


def moved_topics(data: Any) -> Any:
    """The manifest's JSON as today's classes encode it: a class that moved (the park's
    calendar of days, once the venues slice's) registered its old topic, which decodes to the
    class and encodes under its new topic; a field added later with a default (a quota's
    venue) decodes to the default and encodes with it."""
    if isinstance(data, list):
        return [moved_topics(item) for item in data]
    if not isinstance(data, dict):
        return data
    found = {k: moved_topics(v) for k, v in data.items()}
    if "enum" in data:
        topic, value = data["enum"]
        found["enum"] = [get_topic(resolve_topic(topic)), value]
    if "attrs" in data:
        topic, fields = data["attrs"]
        cls = resolve_topic(topic)
        now = moved_topics(fields)
        for field in attrs.fields(cls):
            if field.init and field.alias not in now and field.default is not attrs.NOTHING:
                now[field.alias] = encode(field.default)
        found["attrs"] = [get_topic(cls), now]
    return found


def test_manifest_decodes_exactly_and_names_commands_that_exist(
    market: ShareMarket, store: Store, store_copy: Path
) -> None:
    entries = store.requests()
    assert len({e["request_id"] for e in entries}) == len(entries)
    for entry in entries:
        kwargs = {k: encode(decode(v)) for k, v in entry["kwargs"].items()}
        assert kwargs == moved_topics(entry["kwargs"])
        assert encode(decode(entry["result"])) == moved_topics(entry["result"])
        assert encode_actor(decode_actor(entry["actor"])) == entry["actor"]
        name = entry["command"]
        assert name in RENAMED or callable(command_of(market, name)), name
    assert receipts_by_command(store_copy) == store.json("topics.json")["commands"]


def test_every_request_id_replays_its_recorded_result(market: ShareMarket, store: Store) -> None:
    """Protects the request receipts and fingerprints: each command called again as recorded
    returns its recorded result and records nothing."""
    before = head(market)
    mismatches = []
    for entry in store.requests():
        result = call(market, entry)
        expected = decode(entry["result"])
        if not same(result, expected):
            mismatches.append(f"{entry['request_id']}: {result!r}, recorded {expected!r}")
    assert mismatches == []
    assert head(market) == before


def test_a_changed_argument_under_a_used_request_id_is_refused(
    market: ShareMarket, store: Store
) -> None:
    by_id = {e["request_id"]: e for e in store.requests()}
    before = head(market)
    for request_id, name, value in CHANGED[store.name]:
        entry = by_id[request_id]
        assert name in entry["kwargs"]
        with pytest.raises(RequestIdReused):
            call(market, entry, **{name: value})
    assert head(market) == before


def test_views_rebuilt_from_the_store_equal_the_committed_dump(
    market: ShareMarket, store: Store, tmp_path: Path
) -> None:
    committed = store.json("views.json")
    folder = tmp_path / "views"
    with ParkViews.sqlite(folder) as views:
        assert views.catch_up(market) == head(market) == committed["position"]
        verification = views.verify(deep=True)
        assert verification.ok, verification
        assert attrs.asdict(views.verify()) == committed["verify"]
    assert dump_views(folder) == committed["files"]


def test_every_stored_topic_and_transcoding_name_still_resolves(
    store: Store, store_copy: Path
) -> None:
    facts = store.json("topics.json")
    assert schema_facts(store_copy) == {k: v for k, v in facts.items() if k != "commands"}
    for topic in (*facts["events"], *facts["snapshots"], *facts["aggregates"]):
        assert isinstance(resolve_topic(topic), type), topic
    with ShareMarket.sqlite(store_copy) as opened:
        registered = set(opened._app.transcoder.names)
    assert set(facts["transcodings"]) <= registered, set(facts["transcodings"]) - registered


# The manifest's codec ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls", sorted(REGISTERED, key=lambda c: c.__name__), ids=lambda c: c.__name__
)
@settings(max_examples=20)
@given(data=st.data())
def test_manifest_codec_gives_back_every_value_type_exactly(cls: type, data: st.DataObject) -> None:
    """Every value type a slice registers a strategy for (every stored value type) survives the
    manifest's JSON form, so a new slice's scenes can record any argument without a new case."""
    value = data.draw(REGISTERED[cls])
    text = json.dumps(encode(value), ensure_ascii=False)
    assert same(decode(json.loads(text)), value)


def test_a_field_added_since_decodes_to_its_default_and_nothing_else_is_forgiven() -> None:
    """Funds terms recorded before their annual rate existed decode with no rate and compare
    equal to the recording once the default is filled in; a recorded field that decodes to
    another value is still caught."""
    recorded = encode(FundsTerms(amount=Money(10_000), term_days=30))
    del recorded["attrs"][1]["annual_rate"]
    assert decode(recorded) == FundsTerms(amount=Money(10_000), term_days=30)
    assert encode(decode(recorded)) == moved_topics(recorded)
    decoded_otherwise = encode(FundsTerms(amount=Money(10_000), term_days=31))
    assert decoded_otherwise != moved_topics(recorded)


def test_store_v4_keeps_its_receipts_in_its_events_table() -> None:
    """v4 is the layout it claims: receipts as rows of the events table, outside the log, the
    receipts table's name a view of them (``adapters.sqlite_receipts``)."""
    path = Store("store_v4").market_file
    connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        (kind,) = connection.execute(
            "SELECT type FROM sqlite_master WHERE name = 'stored_events_receipts'"
        ).fetchone()
        (rows,) = connection.execute(
            "SELECT COUNT(*) FROM stored_events WHERE topic = ?", (RECEIPT_TOPIC,)
        ).fetchone()
    finally:
        connection.close()
    assert "view" == kind
    assert rows == sum(receipts_by_command(path).values()) > 0
