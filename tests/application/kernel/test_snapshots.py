"""Snapshots are stored compressed (kernel.snapshots): they round-trip, a snapshot stored before
(plain JSON) still loads beside new ones, and a cipher or the store's own compressor keeps its
behaviour."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.cryptography import AESCipher
from eventsourcing.domain import Snapshot
from eventsourcing.persistence import MapperDeserialisationError
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import Actor, FirmId, FirmSize, Money, ShareMarket
from sharemarket.application.kernel.snapshots import (
    SnapshotCompressor,
    snapshot_mapper,
    stored_document,
)
from sharemarket.domain.firm_id import check_character
from sharemarket.domain.park.membership import PARK_ID

FIXTURE = Path(__file__).parents[2] / "fixtures" / "store_v1" / "market.sqlite"
ADMIN = Actor.administrator("snap-admin")
KEY = AESCipher.create_key(num_bytes=32)
#: The first byte of a zlib stream at any level, with the default window.
ZLIB = 0x78


def code(n: int) -> FirmId:
    first = f"91350526MA{n:07d}X"[:17]
    return FirmId(first + check_character(first))


def park_of(market: ShareMarket, firms: int) -> None:
    market.park.establish(ADMIN, request_id="park", name="德化县城东陶瓷产业园")
    for n in range(firms):
        admit(market, n)


def state(aggregate: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


def latest_row(market: ShareMarket, aggregate_id: UUID) -> Any:
    snapshots = market._app.snapshots
    assert snapshots is not None
    return snapshots.recorder.select_events(aggregate_id, desc=True, limit=1)[0]


def replayed(market: ShareMarket, aggregate_id: UUID) -> Any:
    aggregate = None
    for event in market._app.events.get(aggregate_id):
        aggregate = event.mutate(aggregate)  # type: ignore[attr-defined]
    return aggregate


# What a snapshot's state holds: the aggregate's attributes, as JSON values and the values the
# market transcodes (money, dates, firm ids, ids), nested in rows and mappings.
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.text(),
    st.builds(Money, st.integers(min_value=0, max_value=10**12)),
    st.dates(),
    st.uuids(),
    st.sampled_from([code(n) for n in range(5)]),
)
values = st.recursive(
    leaves,
    # Keys other than the transcoder's own ("_type_" beside "_data_" marks a transcoded value).
    lambda inner: (
        st.lists(inner, max_size=8)
        | st.dictionaries(st.text(max_size=12).filter(lambda k: k != "_type_"), inner)
    ),
    max_leaves=40,
)
states = st.dictionaries(st.text(min_size=1, max_size=16), values, max_size=12)


@given(st.binary() | states.map(lambda s: json.dumps(s, default=str).encode()))
def test_the_compressor_round_trips_and_never_writes_what_reads_as_plain_json(data):
    """Whatever it compresses it gives back, and what it writes never starts as a JSON object
    does, which is how an older plain snapshot is told apart."""
    compressor = SnapshotCompressor()
    compressed = compressor.compress(data)
    assert data == compressor.decompress(compressed)
    assert ZLIB == compressed[0]


@given(states)
def test_a_snapshot_state_round_trips_through_the_snapshot_mapper(snapshot_state):
    """A snapshot of any state the market stores is written compressed by the snapshot store's
    mapper and read back equal; its stored document is the events' mapper's JSON."""
    with ShareMarket.in_memory() as market:
        mapper = snapshot_mapper(market._app.mapper)
        taken = Snapshot(
            originator_id=uuid4(),
            originator_version=7,
            timestamp=datetime(2026, 11, 30, 8, tzinfo=UTC),
            topic="sharemarket.domain.park.membership:Park",
            state=snapshot_state,
        )
        stored = mapper.to_stored_event(taken)
        assert ZLIB == stored.state[0]
        assert market._app.mapper.to_stored_event(taken).state == stored_document(
            mapper, stored.state
        )
        assert vars(taken) == vars(mapper.to_domain_event(stored))


def test_snapshots_are_stored_compressed_and_load_as_the_events_make_the_aggregate(market):
    """On every store: the snapshot a save takes (the park's every 50 events) is stored as zlib
    and a fraction of its JSON, and the park it loads equals the park its events make."""
    park_of(market, 60)
    row = latest_row(market, PARK_ID)
    assert 50 == row.originator_version
    document = stored_document(market._app.snapshots.mapper, row.state)  # type: ignore[union-attr]
    assert ZLIB == row.state[0]
    assert document == zlib.decompress(row.state)
    assert b'"topic":"sharemarket.domain.park.membership:Park"' in document
    assert len(row.state) < len(document) / 2
    assert state(replayed(market, PARK_ID)) == state(market._app.repository.get(PARK_ID))


def test_a_plain_snapshot_stored_before_loads_beside_compressed_ones(market):
    """On every store: a snapshot written as plain JSON, as every snapshot was before, loads as
    the aggregate its events make, and so does a compressed one taken after it."""
    park_of(market, 10)
    app = market._app
    assert app.snapshots is not None
    park = app.repository.get(PARK_ID)
    plain = app.mapper.to_stored_event(type(park).Snapshot.take(park))
    assert plain.state.startswith(b"{")
    app.snapshots.recorder.insert_events([plain])
    assert plain.state == latest_row(market, PARK_ID).state
    assert state(park) == state(app.repository.get(PARK_ID))

    market.park.admit_firm(
        ADMIN,
        request_id="admit-late",
        firm=code(99),
        name="德化县后来陶瓷有限公司",
        industry="陶瓷制造 ceramics",
        size=FirmSize.SMALL,
        representatives=["rep-late"],
    )
    app.take_snapshot(PARK_ID)
    assert ZLIB == latest_row(market, PARK_ID).state[0]
    versions = [s.originator_version for s in app.snapshots.get(PARK_ID)]
    assert [11, 12] == versions
    assert state(replayed(market, PARK_ID)) == state(app.repository.get(PARK_ID))


def test_the_events_mapper_that_older_versions_use_cannot_read_a_compressed_snapshot(market):
    """Why docs/stores.md tells a park going back to an older version to delete its snapshots
    first: that version reads snapshots with the events' mapper, which refuses a compressed
    one."""
    park_of(market, 55)
    row = latest_row(market, PARK_ID)
    with pytest.raises(MapperDeserialisationError):
        market._app.mapper.to_domain_event(row)


def test_the_stored_fixture_s_plain_snapshots_still_load(tmp_path):
    """The committed store of version 1 holds plain JSON snapshots (a park, an agreement, a
    timesheet): each loads from its snapshot as its events make it, and a snapshot taken now
    is compressed beside them."""
    path = tmp_path / "market.sqlite"
    shutil.copyfile(FIXTURE, path)
    with sqlite3.connect(path) as raw:
        rows = raw.execute("SELECT originator_id, state FROM stored_snapshots").fetchall()
    assert len(rows) >= 3
    assert all(bytes(stored).startswith(b"{") for _, stored in rows)
    with ShareMarket.sqlite(path) as market:
        for originator_id, _ in rows:
            aggregate_id = UUID(originator_id)
            loaded = market._app.repository.get(aggregate_id)
            assert state(replayed(market, aggregate_id)) == state(loaded)
        first = UUID(rows[0][0])
        market._app.take_snapshot(first)
        assert ZLIB == latest_row(market, first).state[0]
        assert state(replayed(market, first)) == state(market._app.repository.get(first))


@pytest.mark.parametrize("compress", [False, True], ids=["cipher", "cipher and compressor"])
def test_a_cipher_still_seals_snapshots_and_a_store_s_compressor_is_not_doubled(tmp_path, compress):
    """With a cipher, a snapshot is compressed and then encrypted (no name is left in its bytes)
    and loads; a plain snapshot stored before under that cipher loads too. A market that
    compresses everything compresses its snapshots once, with its own compressor."""
    with ShareMarket.sqlite(tmp_path / "m.sqlite", encryption_key=KEY, compress=compress) as m:
        park_of(m, 50)
        app = m._app
        assert app.snapshots is not None
        mapper = app.snapshots.mapper
        assert (mapper is app.mapper) == compress
        row = latest_row(m, PARK_ID)
        assert "德化".encode() not in row.state
        assert b"Park" not in row.state
        decrypted = AESCipher({"CIPHER_KEY": KEY}).decrypt(row.state)
        assert ZLIB == decrypted[0]
        assert zlib.decompress(decrypted).startswith(b'{"timestamp"')
        assert state(replayed(m, PARK_ID)) == state(app.repository.get(PARK_ID))

        park = app.repository.get(PARK_ID)
        sealed_plain = app.mapper.to_stored_event(type(park).Snapshot.take(park))
        if not compress:
            old = AESCipher({"CIPHER_KEY": KEY}).decrypt(sealed_plain.state)
            assert old.startswith(b"{")
        app.snapshots.recorder.insert_events(
            [dataclasses.replace(sealed_plain, originator_version=park.version)]
        )
        assert state(park) == state(app.repository.get(PARK_ID))


def admit(market: ShareMarket, n: int) -> FirmId:
    admitted: FirmId = market.park.admit_firm(
        ADMIN,
        request_id=f"admit-{n}",
        firm=code(n),
        name=f"德化县第{n}号陶瓷有限公司",
        industry="陶瓷制造 ceramics",
        size=FirmSize.SMALL,
        representatives=[f"rep-{n}"],
    )
    return admitted
