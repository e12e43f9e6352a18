"""Catch-up decoding: the market's own mapper, with repeated immutable values decoded once."""

from __future__ import annotations

import json

import pytest
from eventsourcing.persistence import JSONTranscoder, Mapper, TranscodingNotRegisteredError

from sharemarket import FirmId, ShareMarket
from sharemarket.application.projections.decoding import MemoizingTranscoder, catch_up_mapper
from tests.park_scene import LENDER, dehua_month


def test_events_decode_exactly_as_the_markets_mapper_decodes_them():
    with ShareMarket.in_memory() as market:
        dehua_month(market)
        fast = catch_up_mapper(market._app.mapper)
        notifications = market._app.recorder.select_notifications(start=None, limit=1_000)
        expected = [market._app.mapper.to_domain_event(n) for n in notifications]
        found = [fast.to_domain_event(n) for n in notifications]

    assert fast is not market._app.mapper
    assert [(type(e), vars(e)) for e in expected] == [(type(e), vars(e)) for e in found]


def test_repeated_immutable_values_are_decoded_once_and_shared():
    with ShareMarket.in_memory() as market:
        dehua_month(market)
        fast = catch_up_mapper(market._app.mapper)
        events = [
            fast.to_domain_event(n)
            for n in market._app.recorder.select_notifications(start=None, limit=1_000)
        ]
    lenders = [e.actor for e in events if e.actor.firm == FirmId(LENDER)]
    assert len(lenders) > 5
    assert all(actor is lenders[0] for actor in lenders)
    stamps = [e.timestamp for e in events]
    assert len({id(t) for t in stamps}) == len(stamps)  # unique values are not kept


def test_the_catch_up_mapper_is_made_once_per_market_mapper():
    with ShareMarket.in_memory() as market:
        assert catch_up_mapper(market._app.mapper) is catch_up_mapper(market._app.mapper)


def test_a_compressed_store_decodes_the_same():
    with ShareMarket.in_memory(COMPRESSOR_TOPIC="eventsourcing.compressor:ZlibCompressor") as m:
        dehua_month(m)
        fast = catch_up_mapper(m._app.mapper)
        notifications = m._app.recorder.select_notifications(start=None, limit=1_000)
        assert [vars(m._app.mapper.to_domain_event(n)) for n in notifications] == [
            vars(fast.to_domain_event(n)) for n in notifications
        ]


def test_another_kind_of_mapper_is_used_as_it_is():
    class OwnMapper(Mapper):  # type: ignore[type-arg]
        pass

    mapper = OwnMapper(transcoder=JSONTranscoder())
    assert mapper is catch_up_mapper(mapper)


def test_an_unknown_stored_type_is_refused_as_the_transcoder_refuses_it():
    with pytest.raises(TranscodingNotRegisteredError, match="'nope'"):
        MemoizingTranscoder(JSONTranscoder()).decode(b'{"_type_":"nope","_data_":1}')


def test_whitespace_around_a_stored_state_decodes_and_bad_json_is_refused_as_json_refuses_it():
    memoizing = MemoizingTranscoder(JSONTranscoder())
    assert {"a": [1, 2]} == memoizing.decode(b' {"a": [1, 2]} \n')
    for bad in (b"", b'{"a": 1} x', b'{"a": }'):
        with pytest.raises(json.JSONDecodeError) as refused:
            memoizing.decode(bad)
        with pytest.raises(json.JSONDecodeError) as expected:
            json.loads(bad)
        assert str(expected.value) == str(refused.value)
