"""A receipt's stored state (``ReceiptCodec``) gives back the receipt it was made from, whatever
the command returned and however the store is set (compressed, encrypted, both, neither)."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.cryptography import AESCipher
from hypothesis import given

from sharemarket import Actor, Money, ShareMarket
from sharemarket.application.kernel.receipts import ReceiptCodec
from sharemarket.application.slices import handlers
from sharemarket.application.stores import encryption_env
from sharemarket.domain.requests import Receipt
from tests.strategies import receipts
from tests.strategies.requests import result_types

KEY = AESCipher.create_key(num_bytes=32)
SETTINGS = {
    "plain": {},
    "compressed": encryption_env(None, compress=True),
    "encrypted": encryption_env(KEY, compress=False),
    "compressed and encrypted": encryption_env(KEY, compress=True),
}


@pytest.fixture(scope="module", params=list(SETTINGS), ids=list(SETTINGS))
def codec(request: pytest.FixtureRequest) -> Iterator[ReceiptCodec]:
    """The codec of a market opened with each setting the application offers."""
    market = ShareMarket.in_memory(**SETTINGS[request.param])
    yield market._app.receipt_codec
    market.close()


def same(expected: Any, actual: Any) -> bool:
    """Equal, and of the same type all the way down (True is not 1, a list is not a tuple)."""
    if type(expected) is not type(actual):
        return False
    if isinstance(expected, list):
        return len(expected) == len(actual) and all(map(same, expected, actual))
    return bool(expected == actual)


@given(receipt=receipts())
def test_a_receipt_survives_its_stored_state(codec: ReceiptCodec, receipt: Receipt) -> None:
    """encode -> decode is the identity for every receipt: its request id (kept by the table's
    key, given back to decode), command, fingerprint, actor, and a result of the same type."""
    state = codec.encode(receipt)
    decoded = codec.decode(receipt.request_id, state)
    assert receipt == decoded
    assert same(receipt.result, decoded.result)


@given(receipt=receipts())
def test_a_decoded_receipt_replays_its_result(codec: ReceiptCodec, receipt: Receipt) -> None:
    """What a retry gets from a stored receipt is the first call's result, exactly."""
    decoded = codec.decode(receipt.request_id, codec.encode(receipt))
    assert same(receipt.result, decoded.replay(receipt.command, receipt.fingerprint))


def test_the_stored_state_of_a_receipt_is_its_fields_as_the_events_transcoder_writes_them() -> None:
    """The bytes a plain store keeps for a receipt, pinned: receipts already stored must read
    back, and a receipt must not change how it is written (it became a frozen attrs value with
    these bytes unchanged)."""
    market = ShareMarket.in_memory()
    receipt = Receipt(
        "req-1",
        "admit_firm",
        "ffffffff",
        [UUID(int=5), Money(12), None, 3],
        Actor.administrator("admin-1"),
    )
    stored = (
        b'{"command":"admit_firm","fingerprint":"ffffffff","result":[{"_type_":"uuid_hex",'
        b'"_data_":"00000000000000000000000000000005"},{"_type_":"money","_data_":12},null,3],'
        b'"actor":{"_type_":"actor","_data_":{"user":"admin-1","role":{"_type_":"role",'
        b'"_data_":"administrator"},"firm":null}}}'
    )
    assert stored == market._app.receipt_codec.encode(receipt)
    assert receipt == market._app.receipt_codec.decode("req-1", stored)
    market.close()


@pytest.mark.parametrize("setting", ["encrypted", "compressed and encrypted"])
def test_an_encrypted_receipt_shows_nothing_of_its_fields(setting: str) -> None:
    """With a key, a receipt's row is as private as an event: no field is readable in it."""
    market = ShareMarket.in_memory(**SETTINGS[setting])
    receipt = Receipt("req-1", "admit_firm", "fingerprint-1", "德化同鑫", Actor.administrator("ad"))
    state = market._app.receipt_codec.encode(receipt)
    for text in ("admit_firm", "fingerprint-1", "德化同鑫", "administrator"):
        assert text.encode() not in state
    market.close()


def leaves(hint: Any) -> Iterator[Any]:
    """The types a declared result is made of, and each container's origin."""
    origin = typing.get_origin(hint)
    if origin is None:
        yield type(None) if hint is None else hint
        return
    if origin not in (typing.Union, types.UnionType):
        yield origin
    for arg in typing.get_args(hint):
        yield from leaves(arg)


def declared_results() -> dict[str, Any]:
    """Each command's result type, as its handler declares it."""
    return {
        cls.__name__: typing.get_args(typing.get_type_hints(handler)["return"])[1]
        for cls, handler in handlers().items()
    }


def test_every_result_a_command_declares_is_one_the_strategy_draws() -> None:
    """The receipt strategy covers every command's result: each type a handler declares its
    result of is drawn by ``command_results()``, in lists; no handler returns a tuple or a
    dict, which its stored receipt would give back as something else (a list; maybe a
    transcoded value)."""
    drawn = {*result_types(), list}
    undrawn = {
        name: hint
        for name, hint in declared_results().items()
        if any(t not in drawn for t in leaves(hint))
    }
    assert {} == undrawn
