"""Encryption at rest: what an encrypted market hides, what stays readable, and the wrong key.

``ShareMarket.sqlite / .postgres(..., encryption_key=..., compress=...)`` pass eventsourcing's
AES-GCM cipher and zlib compressor to the market: the state of every event and snapshot is
sealed; topics, ids and versions are not; the views are the host's own tables, in clear.
"""

from __future__ import annotations

import base64
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.cryptography import AESCipher
from hypothesis import given, settings
from hypothesis import strategies as st

from sharemarket import LABOUR_MINUTES, InvalidInput, Minutes, Money, ShareMarket, StoreError
from sharemarket.park_views import ParkViews
from tests.adapters.conftest import Schemas
from tests.park_scene import BORROWER, LENDER, THIRD, dehua_month, establish

#: What the scene writes into events: the park's and a firm's name, a task, a worker reference.
SECRETS = (b"Dehua ceramics park", b"ceramics firm 0", b"fettling", b"W-17")
KEY = AESCipher.create_key(num_bytes=32)
OTHER_KEY = AESCipher.create_key(num_bytes=32)


class Store:
    """A market's store (SQLite file or PostgreSQL schema) read raw, and views beside it."""

    def __init__(self, kind: str, tmp_path: Path, schemas: Schemas | None) -> None:
        self.kind = kind
        self.tmp_path = tmp_path
        self.schemas = schemas
        self.schema = schemas.new() if schemas is not None else ""

    def open(self, **options: Any) -> ShareMarket:
        if self.kind == "sqlite":
            return ShareMarket.sqlite(self.tmp_path / "market.sqlite", **options)
        assert self.schemas is not None
        return ShareMarket.postgres(
            self.schemas.dsn, schema=self.schema, connect_timeout_s=2, **options
        )

    def views(self) -> ParkViews:
        if self.kind == "sqlite":
            return ParkViews.sqlite(self.tmp_path / "views")
        assert self.schemas is not None
        return ParkViews.postgres(self.schemas.dsn, schema=self.schema, prefix="v_")

    def raw(self) -> bytes:
        """Every byte the store holds: the SQLite files, or the state column of every table."""
        if self.kind == "sqlite":
            return b"".join(p.read_bytes() for p in self.tmp_path.glob("market.sqlite*"))
        assert self.schemas is not None
        tables = self.schemas.query(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = %s AND column_name = 'state'",
            self.schema,
        )
        return b"".join(
            bytes(state)
            for (table,) in tables
            for (state,) in self.schemas.query(f"SELECT state FROM {self.schema}.{table}")
        )

    def topics(self) -> set[str]:
        if self.kind == "sqlite":
            with sqlite3.connect(self.tmp_path / "market.sqlite") as raw:
                return {row[0] for row in raw.execute("SELECT topic FROM stored_events")}
        assert self.schemas is not None
        rows = self.schemas.query(f"SELECT topic FROM {self.schema}.sharemarket_events")
        return {row[0] for row in rows}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """The market's store; on PostgreSQL the views share the market's schema."""
    postgres = request.param == "postgres"
    return Store(request.param, tmp_path, request.getfixturevalue("schemas") if postgres else None)


SEALED = [
    pytest.param({}, False, id="control: no key, not compressed"),
    pytest.param({"encryption_key": KEY}, True, id="encrypted"),
    pytest.param({"encryption_key": KEY, "compress": True}, True, id="compressed, encrypted"),
]


@pytest.mark.parametrize(("options", "sealed"), SEALED)
def test_an_encrypted_market_hides_its_events_and_its_views_still_balance(store, options, sealed):
    """No name, task or worker reference is left in the store's bytes once encrypted (the
    control shows they would be); topics stay readable; the views catch up and balance."""
    with store.open(**options) as market:
        dehua_month(market)
        head = market.event_log.head()
        with store.views() as views:
            assert head == views.catch_up(market)
            assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
            assert Minutes.parse("17h30") == views.totals().shared(LABOUR_MINUTES)
            assert Minutes(120) == views.balances(THIRD).received(LABOUR_MINUTES)
            assert views.verify().ok
    raw = store.raw()
    assert dict.fromkeys(SECRETS, not sealed) == {s: s in raw for s in SECRETS}
    assert "sharemarket.domain.park.membership:Park.Established" in store.topics()
    with store.open(**options) as reopened:
        assert "Dehua ceramics park" == reopened.park.name()
        assert head == reopened.event_log.head()


REFUSED = [
    pytest.param(
        {"encryption_key": KEY}, {"encryption_key": OTHER_KEY}, "key is wrong", id="wrong key"
    ),
    pytest.param({"encryption_key": KEY}, {}, "key is missing", id="no key"),
    pytest.param({}, {"encryption_key": KEY}, "not encrypted", id="key for a clear market"),
    pytest.param(
        {"encryption_key": KEY, "compress": True},
        {"encryption_key": KEY},
        "compress=True",
        id="compression forgotten",
    ),
    pytest.param(
        {"encryption_key": KEY},
        {"encryption_key": KEY, "compress": True},
        "not compressed",
        id="compression added",
    ),
]


@pytest.mark.parametrize(("created", "reopened", "says"), REFUSED)
def test_a_market_reopened_with_other_settings_is_refused_at_once(store, created, reopened, says):
    """The wrong key, a missing key, or another compression is a StoreError when the market
    opens, saying which, not a raw decoding error at the first load; and nothing is written."""
    with store.open(**created) as market:
        dehua_month(market)
        head = market.event_log.head()
    with pytest.raises(StoreError, match=says) as refused:
        store.open(**reopened)
    for key in (KEY, OTHER_KEY):
        assert key not in str(refused.value)
    with store.open(**created) as market:
        assert head == market.event_log.head()
        assert "Dehua ceramics park" == market.park.name()


@pytest.mark.parametrize("num_bytes", [16, 24, 32])
def test_every_key_size_eventsourcing_makes_opens_a_market(tmp_path, num_bytes):
    key = AESCipher.create_key(num_bytes=num_bytes)
    with ShareMarket.sqlite(tmp_path / "m.sqlite", encryption_key=key) as market:
        dehua_month(market)
    with ShareMarket.sqlite(tmp_path / "m.sqlite", encryption_key=key) as market:
        assert "Dehua ceramics park" == market.park.name()


def _is_aes_key(text: str) -> bool:
    try:
        return len(base64.b64decode(text, validate=True)) in (16, 24, 32)
    except ValueError:
        return False


bad_keys = st.one_of(
    st.text(max_size=60),
    st.binary(max_size=64)
    .filter(lambda b: len(b) not in (16, 24, 32))
    .map(lambda b: base64.b64encode(b).decode()),
).filter(lambda text: not _is_aes_key(text))


@settings(max_examples=50)
@given(key=bad_keys)
def test_a_key_that_is_not_an_aes_key_is_refused_before_anything_opens(key):
    """Text that is not 16, 24 or 32 bytes in base64 is InvalidInput saying how to make a key,
    before any file is touched; the message is the same whatever was given, so it never
    repeats it (it may be a real key mistyped)."""
    with pytest.raises(InvalidInput, match="create_key") as refused:
        ShareMarket.sqlite(f"/nonexistent-{uuid.uuid4().hex}/m.sqlite", encryption_key=key)
    with pytest.raises(InvalidInput) as other:
        ShareMarket.sqlite("/nonexistent/m.sqlite", encryption_key="not a key")
    assert str(other.value) == str(refused.value)


@pytest.mark.parametrize(
    ("options", "names"),
    [
        ({"encryption_key": base64.b64decode(KEY)}, "encryption_key"),
        ({"encryption_key": 32}, "encryption_key"),
        ({"compress": "yes"}, "compress"),
        ({"compress": 1}, "compress"),
    ],
)
def test_options_of_the_wrong_type_are_type_errors(tmp_path, options, names):
    with pytest.raises(TypeError, match=names):
        ShareMarket.sqlite(tmp_path / "m.sqlite", **options)
    assert not (tmp_path / "m.sqlite").exists()


@pytest.mark.postgres
def test_live_runners_read_an_encrypted_market(schemas):
    """``views.run(market)`` opens its own reader from the market's settings: key included."""
    schema = schemas.new()
    with (
        ShareMarket.postgres(schemas.dsn, schema=schema, encryption_key=KEY) as market,
        ParkViews.postgres(schemas.dsn, schema=schema, prefix="v_") as views,
    ):
        establish(market)
        with views.run(market) as live:
            dehua_month(market, established=True)
            live.wait(market.event_log.head(), timeout_s=20)
            assert Money.of("265.00") == views.between(BORROWER, LENDER).owes
