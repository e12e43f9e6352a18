"""A request's fingerprint (kernel.fingerprints) and its receipt's stored state
(kernel.receipts) are written in pieces for speed: their bytes must stay exactly those of the
whole document as eventsourcing's own transcoder writes it (every stored receipt holds a hash of
the first, and older readers decode the second)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any
from uuid import UUID

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import Actor, ShareMarket
from sharemarket.application.kernel.commands import Command, Part
from sharemarket.application.kernel.fingerprints import HEADS_MAX, Fingerprints, description
from sharemarket.application.kernel.receipts import ReceiptCodec
from sharemarket.application.kernel.transcoder import MarketTranscoder
from sharemarket.application.projections.projection import market_transcoder
from sharemarket.application.slices import transcodings
from sharemarket.domain.requests import Receipt
from tests.strategies import REGISTERED, names


@attrs.frozen(kw_only=True)
class Terms(Part):
    first: Any
    second: Any = None


@attrs.frozen(kw_only=True)
class Probe(Command[None]):
    stored_as = "probe"

    value: Any
    terms: Terms
    also: Any = None


@attrs.frozen(kw_only=True)
class Other(Command[None]):
    stored_as = 'other \u00e9"quoted"'

    value: Any


@pytest.fixture(scope="module")
def transcoder() -> Any:
    """The transcoder the application really stores with."""
    market = ShareMarket.in_memory()
    yield market._app.transcoder
    market.close()


def values() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        names(),
        st.text(),
        st.uuids(),
        st.dates(),
        *(st.from_type(t.type) for t in transcodings() if t.type in REGISTERED),
    )
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=6,
    )


def whole(command: Command[Any]) -> str:
    """The fingerprint as eventsourcing's own transcoder writes the whole document."""
    return hashlib.sha256(market_transcoder().encode(description(command))).hexdigest()


@given(
    actor=st.from_type(Actor),
    value=values(),
    first=values(),
    second=values(),
    request_id=st.sampled_from(["r-1", "r-2"]),
)
def test_a_fingerprint_written_in_pieces_is_the_hash_of_the_whole_document(
    transcoder, actor, value, first, second, request_id
):
    assert isinstance(transcoder, MarketTranscoder)
    fingerprints = Fingerprints(transcoder)
    probe = Probe(
        actor=actor, request_id=request_id, value=value, terms=Terms(first=first, second=second)
    )
    other = Other(actor=actor, request_id=request_id, value=value)
    for command in (probe, other, probe):  # the second time from the kept head
        assert whole(command) == fingerprints.of(command)


def test_the_kept_heads_follow_the_actor_object_and_stay_bounded(transcoder):
    fingerprints = Fingerprints(transcoder)
    for n in range(HEADS_MAX + 5):
        actor = Actor.administrator(f"admin-{n}")
        command = Other(actor=actor, request_id="r", value=[UUID(int=n), date(2026, 1, 1)])
        assert whole(command) == fingerprints.of(command)
        assert whole(command) == fingerprints.of(command)
    assert len(fingerprints._heads) <= HEADS_MAX


def test_another_transcoder_fingerprints_the_whole_document():
    """With a transcoder that is not the market's, nothing is written in pieces."""
    plain = market_transcoder()
    fingerprints = Fingerprints(plain)
    command = Other(actor=Actor.administrator("admin"), request_id="r", value={"a": [1, None]})
    assert whole(command) == fingerprints.of(command)
    assert {} == fingerprints._heads


@given(
    actor=st.from_type(Actor),
    result=values(),
    command=st.sampled_from(["record_shift", Other.stored_as]),
    fingerprint=st.text(),
)
def test_a_receipt_written_in_pieces_is_the_whole_document(actor, result, command, fingerprint):
    market = ShareMarket.in_memory()
    try:
        codec = market._app.receipt_codec
        assert codec._market is not None
        receipt = Receipt("r-1", command, fingerprint, result, actor)
        whole_state = market_transcoder().encode(
            {"command": command, "fingerprint": fingerprint, "result": result, "actor": actor}
        )
        assert whole_state == codec.encode(receipt)
        assert whole_state == codec.encode(receipt)  # the actor's kept text
        back = codec.decode("r-1", codec.encode(receipt))
        assert (command, fingerprint, actor) == (back.command, back.fingerprint, back.actor)
    finally:
        market.close()


def test_a_receipt_with_another_transcoder_is_the_whole_document():
    mapper = ShareMarket.in_memory()._app.mapper
    plain = market_transcoder()
    mapper.transcoder = plain
    codec = ReceiptCodec(mapper)
    assert codec._market is None
    receipt = Receipt("r", "probe", "ab", [1, None], Actor.administrator("admin"))
    expected = plain.encode(
        {"command": "probe", "fingerprint": "ab", "result": [1, None], "actor": receipt.actor}
    )
    assert expected == codec.encode(receipt)


@pytest.mark.parametrize(
    "result", [None, UUID(int=0), UUID("85774623-2780-53b9-9305-769c46076a1d"), [UUID(int=7)]]
)
def test_a_receipt_whose_result_is_none_or_a_uuid_is_the_whole_document(result):
    """The results most commands give (None, the id of what they created) are spliced in
    without the encoder: the bytes are still the whole document's."""
    market = ShareMarket.in_memory()
    try:
        codec = market._app.receipt_codec
        assert codec._uuid_text is not None
        receipt = Receipt("r-1", "record_shift", "ab", result, Actor.administrator("a"))
        assert market_transcoder().encode(
            {
                "command": "record_shift",
                "fingerprint": "ab",
                "result": result,
                "actor": receipt.actor,
            }
        ) == codec.encode(receipt)
        assert result == codec.decode("r-1", codec.encode(receipt)).result
    finally:
        market.close()
