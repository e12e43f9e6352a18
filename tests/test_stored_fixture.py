"""The stored fixture store v1 still loads: old topics, transcodings and request receipts.

``tests/fixtures/store_v1/market.sqlite`` was made by ``tests/fixtures/make_store_v1.py`` with
the code as it stood before the slices refactor (modules moved, the public API grouped as
``market.park.*`` and ``market.labour.*``). Event topics, transcoding names and request receipts
are stored forever: whatever the code becomes, a market opened on that file must load every
aggregate, replay every request id to its recorded result, and rebuild the same views.

Each test works on a copy in ``tmp_path``; the committed file is only ever copied. Where the
public API is named, it is named once: the ``CALLS`` table below, which is what the refactor
updates (``"record_shift": lambda m: m.labour.record_shift``). Nothing here is skipped.
"""

from __future__ import annotations

import enum
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import attrs
import pytest
from eventsourcing.application import project_aggregate
from eventsourcing.utils import resolve_topic

from sharemarket import (
    Actor,
    DayType,
    FirmId,
    FirmSize,
    Minutes,
    Money,
    RequestIdReused,
    Role,
    ShareMarket,
    WorkingTimePolicy,
)
from sharemarket.park_views import ParkViews
from tests.fixtures.dump_views import dump_views
from tests.fixtures.store_files import transcoding_names

STORE = Path(__file__).parent / "fixtures" / "store_v1"
MARKET_FILE = STORE / "market.sqlite"
REQUESTS_FILE = STORE / "requests.json"
VIEWS_FILE = STORE / "views.json"
TOPICS_FILE = STORE / "topics.json"

#: The command each manifest entry names (its method name when the store was made), as the code
#: now calls it. After the slices refactor only this table changes.
CALLS: dict[str, Callable[[ShareMarket], Callable[..., Any]]] = {
    "establish_park": lambda m: m.park.establish,
    "appoint_administrator": lambda m: m.park.appoint_administrator,
    "dismiss_administrator": lambda m: m.park.dismiss_administrator,
    "admit_firm": lambda m: m.park.admit_firm,
    "suspend_firm": lambda m: m.park.suspend_firm,
    "reinstate_firm": lambda m: m.park.reinstate_firm,
    "record_departure": lambda m: m.park.record_departure,
    "appoint_representative": lambda m: m.park.appoint_representative,
    "remove_representative": lambda m: m.park.remove_representative,
    "set_working_time_policy": lambda m: m.labour.set_working_time_policy,
    "propose_labour_agreement": lambda m: m.labour.propose_agreement,
    "accept_labour_agreement": lambda m: m.labour.accept_agreement,
    "decline_labour_agreement": lambda m: m.labour.decline_agreement,
    "withdraw_labour_agreement": lambda m: m.labour.withdraw_agreement,
    "close_labour_agreement": lambda m: m.labour.close_agreement,
    "add_workers": lambda m: m.labour.add_workers,
    "remove_workers": lambda m: m.labour.remove_workers,
    "record_shift": lambda m: m.labour.record_shift,
    "confirm_shift": lambda m: m.labour.confirm_shift,
    "dispute_shift": lambda m: m.labour.dispute_shift,
    "withdraw_shift": lambda m: m.labour.withdraw_shift,
    "rerecord_shift": lambda m: m.labour.rerecord_shift,
    "reverse_shift": lambda m: m.labour.reverse_shift,
    "correct_shift": lambda m: m.labour.correct_shift,
    "declare_home_hours": lambda m: m.labour.declare_home_hours,
    "issue_settlement": lambda m: m.labour.issue_settlement,
    "record_payment": lambda m: m.labour.record_payment,
}

#: Requests replayed with one argument changed (request id, argument, new value): each must be
#: refused as RequestIdReused, recording nothing.
CHANGED: tuple[tuple[str, str, Any], ...] = (
    ("dehua-establish-park", "name", "另一个园区"),
    ("dehua-admit-91350526MA31HQ2D6G", "industry", "tableware"),
    ("shift-JM-W12-2026-04-20", "minutes", 8 * 60),
    ("pay-jiamei-week-17-part", "amount", "900.00"),
    ("close-jiamei-fettling", "reason", "another reason"),
)

# The manifest's JSON form of argument values -----------------------------------------------------

#: Enums stored by value, under a key naming the enum.
ENUMS: dict[str, type[enum.Enum]] = {"firm_size": FirmSize, "day_type": DayType}


def encode(value: Any) -> Any:
    """A command argument (or result) as a JSON value that :func:`decode` turns back exactly."""
    if value is None or type(value) in (bool, int, str):
        return value
    if isinstance(value, UUID):
        return {"uuid": value.hex}
    if type(value) is date:
        return {"date": value.isoformat()}
    if isinstance(value, Money):
        return {"money_fen": value.fen}
    if isinstance(value, Minutes):
        return {"minutes": value.value}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, FirmId):
        return {"firm_id": value.code}
    if isinstance(value, WorkingTimePolicy):
        fields = attrs.fields(WorkingTimePolicy)
        return {"policy": {f.name: encode(getattr(value, f.name)) for f in fields}}
    for key, enum_type in ENUMS.items():
        if isinstance(value, enum_type):
            return {key: value.value}
    if type(value) is list:
        return [encode(item) for item in value]
    if type(value) is tuple:
        return {"tuple": [encode(item) for item in value]}
    raise TypeError(f"no JSON form for {value!r} ({type(value).__name__})")


def decode(data: Any) -> Any:
    """The exact Python value :func:`encode` was given."""
    if data is None or type(data) in (bool, int, str):
        return data
    if type(data) is list:
        return [decode(item) for item in data]
    if type(data) is not dict or len(data) != 1:
        raise ValueError(f"not an encoded value: {data!r}")
    [(key, inner)] = data.items()
    if key == "uuid":
        return UUID(hex=inner)
    if key == "date":
        return date.fromisoformat(inner)
    if key == "money_fen":
        return Money(inner)
    if key == "minutes":
        return Minutes(inner)
    if key == "decimal":
        return Decimal(inner)
    if key == "firm_id":
        return FirmId(inner)
    if key == "policy":
        return WorkingTimePolicy(**{name: decode(v) for name, v in inner.items()})
    if key == "tuple":
        return tuple(decode(item) for item in inner)
    if key in ENUMS:
        return ENUMS[key](inner)
    raise ValueError(f"unknown encoded value {data!r}")


def encode_actor(actor: Actor) -> dict[str, Any]:
    return {
        "user": actor.user,
        "role": actor.role.value,
        "firm": None if actor.firm is None else actor.firm.code,
    }


def decode_actor(data: dict[str, Any]) -> Actor:
    firm = data["firm"]
    return Actor(data["user"], Role(data["role"]), None if firm is None else FirmId(firm))


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 is not True, a str is not a FirmId)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


# The store ---------------------------------------------------------------------------------------


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def requests() -> list[dict[str, Any]]:
    return load_json(REQUESTS_FILE)  # type: ignore[no-any-return]


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """The committed store copied to ``tmp_path``: the only file the tests open."""
    assert MARKET_FILE.is_file(), f"{MARKET_FILE} is missing: run tests/fixtures/make_store_v1.py"
    for suffix in ("-wal", "-shm", "-journal"):
        leftover = MARKET_FILE.with_name(MARKET_FILE.name + suffix)
        assert not leftover.exists(), f"{leftover} beside the committed store: it is incomplete"
    target = tmp_path / "market.sqlite"
    shutil.copyfile(MARKET_FILE, target)
    return target


@pytest.fixture
def market(store_copy: Path) -> Iterator[ShareMarket]:
    with ShareMarket.sqlite(store_copy) as opened:
        yield opened


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def head(market: ShareMarket) -> int:
    position = market._app.recorder.max_notification_id()
    assert position is not None
    return position


def stored_versions(market: ShareMarket) -> dict[UUID, int]:
    """How many events the notification log holds of each aggregate."""
    counts: dict[UUID, int] = {}
    notifications = market._app.recorder.select_notifications(start=None, limit=head(market) + 1)
    assert [n.id for n in notifications] == list(range(1, head(market) + 1))
    for notification in notifications:
        originator = UUID(str(notification.originator_id))
        counts[originator] = counts.get(originator, 0) + 1
        assert notification.originator_version == counts[originator], notification
    return counts


def state(aggregate: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


# a. Every aggregate loads ------------------------------------------------------------------------


def test_every_aggregate_loads_at_its_stored_version(market: ShareMarket, store_copy: Path) -> None:
    """Protects the stored event topics and transcodings: every aggregate the store holds is
    rebuilt by the current code (from its snapshot where it has one), at a version equal to the
    number of its stored events, whatever modules its classes now live in."""
    versions = stored_versions(market)
    by_table = dict(
        query(
            store_copy, "SELECT originator_id, COUNT(*) FROM stored_events GROUP BY originator_id"
        )
    )
    assert {UUID(k): v for k, v in by_table.items()} == versions
    problems, receipts = [], []
    for aggregate_id, count in versions.items():
        aggregate = market._app.repository.get(aggregate_id)
        if aggregate.version != count:
            problems.append(f"{type(aggregate).__name__} {aggregate_id}: v{aggregate.version}")
        if type(aggregate).__name__ == "RequestReceipt":
            receipts.append(aggregate.request_id)
    assert problems == []
    # One receipt per request of the manifest, and none for the refused commands.
    assert sorted(receipts) == sorted(e["request_id"] for e in requests())


def test_every_aggregate_replays_from_its_events_alone(
    market: ShareMarket, store_copy: Path
) -> None:
    """Protects replay without snapshots: each aggregate rebuilt from its events only reaches
    the same version, and where a snapshot exists (park, agreement, timesheet) the state it
    gives equals the state its events give, so a snapshot's stored attributes still fit."""
    assert market._app.snapshots is not None
    snapshotted = {
        UUID(row[0]) for row in query(store_copy, "SELECT originator_id FROM stored_snapshots")
    }
    assert len(snapshotted) >= 3, "the fixture holds snapshots of a park, agreement, timesheet"
    for aggregate_id, count in stored_versions(market).items():
        replayed = project_aggregate(None, market._app.events.get(aggregate_id))
        assert replayed is not None
        assert replayed.version == count
        if aggregate_id in snapshotted:
            from_snapshot = market._app.repository.get(aggregate_id)
            assert type(from_snapshot) is type(replayed)
            assert state(from_snapshot) == state(replayed), aggregate_id


# b. Every request id replays ---------------------------------------------------------------------


def test_manifest_covers_every_command_and_decodes_exactly() -> None:
    """Protects the manifest itself: every command it names has a CALLS entry (and every
    entry is used), and its JSON decodes to values that encode back to the same JSON."""
    entries = requests()
    assert {e["command"] for e in entries} == set(CALLS)
    assert len({e["request_id"] for e in entries}) == len(entries)
    for entry in entries:
        kwargs = entry["kwargs"]
        assert {name: encode(decode(value)) for name, value in kwargs.items()} == kwargs
        assert encode(decode(entry["result"])) == entry["result"]
        assert encode_actor(decode_actor(entry["actor"])) == entry["actor"]


def call(market: ShareMarket, entry: dict[str, Any], **changes: Any) -> Any:
    kwargs = {name: decode(value) for name, value in entry["kwargs"].items()}
    kwargs.update(changes)
    command = CALLS[entry["command"]](market)
    return command(decode_actor(entry["actor"]), request_id=entry["request_id"], **kwargs)


def test_every_request_id_replays_its_recorded_result(market: ShareMarket) -> None:
    """Protects the request receipts: each command called again with its request id, actor and
    arguments (as the code now spells the call) returns the result recorded when it first ran,
    and records nothing."""
    before = head(market)
    mismatches = []
    for entry in requests():
        result = call(market, entry)
        expected = decode(entry["result"])
        if not same(result, expected):
            mismatches.append(f"{entry['request_id']}: {result!r}, recorded {expected!r}")
    assert mismatches == []
    assert head(market) == before


def test_a_changed_argument_under_a_used_request_id_is_refused(market: ShareMarket) -> None:
    """Protects the request fingerprints: the same request id with one argument changed is
    RequestIdReused (not a new command, not a replay), and records nothing."""
    by_id = {e["request_id"]: e for e in requests()}
    before = head(market)
    for request_id, name, value in CHANGED:
        entry = by_id[request_id]
        assert name in entry["kwargs"]
        with pytest.raises(RequestIdReused):
            call(market, entry, **{name: value})
    assert head(market) == before


# c. The views rebuild the same -------------------------------------------------------------------


def test_views_rebuilt_from_the_store_equal_the_committed_dump(
    market: ShareMarket, tmp_path: Path
) -> None:
    """Protects the projections' reading of old events: the journal and the audit trail built
    by the current code from the stored events equal the committed dump row for row (postings,
    balances, parties, audit entries and their chained hashes, tracking), and verify() passes
    with the same head hash."""
    committed = load_json(VIEWS_FILE)
    folder = tmp_path / "views"
    with ParkViews.sqlite(folder) as views:
        assert views.catch_up(market) == head(market) == committed["position"]
        verification = views.verify(deep=True)
        assert verification.ok, verification
        assert attrs.asdict(views.verify()) == committed["verify"]
    assert dump_views(folder) == committed["files"]


# d. Schema-level facts ---------------------------------------------------------------------------


def test_every_stored_topic_and_transcoding_name_still_resolves(store_copy: Path) -> None:
    """Protects the names stored forever: the store's event and snapshot topics are those the
    manifest lists, each resolves to a class, and every transcoding name in the stored JSON is
    one the market still registers."""
    topics = load_json(TOPICS_FILE)
    stored = sorted(row[0] for row in query(store_copy, "SELECT DISTINCT topic FROM stored_events"))
    assert stored == topics["events"]
    snapshot_rows = query(store_copy, "SELECT topic, state FROM stored_snapshots")
    assert sorted({row[0] for row in snapshot_rows}) == topics["snapshots"]
    assert sorted({json.loads(row[1])["topic"] for row in snapshot_rows}) == topics["aggregates"]
    for topic in (*topics["events"], *topics["snapshots"], *topics["aggregates"]):
        assert isinstance(resolve_topic(topic), type), topic
    names: set[str] = set()
    for table in ("stored_events", "stored_snapshots"):
        for (blob,) in query(store_copy, f"SELECT state FROM {table}"):
            names |= transcoding_names(json.loads(blob))
    assert sorted(names) == topics["transcodings"]
    with ShareMarket.sqlite(store_copy) as market:
        registered = set(market._app.transcoder.names)
    assert names <= registered, names - registered
