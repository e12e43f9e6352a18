"""Strategies of request receipts (``Receipt``): what a command's receipt holds, its result any
value a command returns.

A receipt is not a transcoded value (its stored state is written field by field by
``ReceiptCodec``), so its strategy is registered for ``st.from_type`` only, not in
``REGISTERED`` (the stored value types).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from hypothesis import strategies as st

from sharemarket.application.slices import handlers, transcodings
from sharemarket.domain.requests import Receipt
from tests.strategies.kernel import actors, request_ids

#: Any text but lone surrogates (which no text the market accepts holds, and UTF-8 cannot
#: write): control characters, NUL, quotes, backslashes, right-to-left marks, emoji, CJK.
odd_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)

#: The plain values a command's result may be besides the transcoded ones.
PLAIN_RESULTS: tuple[type[Any], ...] = (type(None), bool, int, str, UUID)


def result_types() -> tuple[type[Any], ...]:
    """Every type a result may hold: the plain ones and every transcoded value type (each
    slice's values, enums and dates included)."""
    return (*PLAIN_RESULTS, *(t.type for t in transcodings()))


def _values_of(cls: type[Any]) -> st.SearchStrategy[Any]:
    if cls is type(None):
        return st.none()
    if cls is str:
        return odd_texts
    return st.from_type(cls)


def command_results() -> st.SearchStrategy[Any]:
    """A command's result: None, an int, text, a UUID, any stored value type (money, a firm, a
    bill, an enum, ...), or a list of them, nested.

    Not a tuple (the stored form is JSON, which gives a list back; no handler returns one:
    tests/application/kernel/test_receipt_codec.py checks), nor a dict (a dict of exactly
    ``_type_`` and ``_data_`` reads back as a transcoded value; no handler returns one)."""
    leaves = st.sampled_from(result_types()).flatmap(_values_of)
    # One value alone as often as nested ones: st.recursive alone draws lists two times in three.
    return leaves | st.recursive(leaves, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


def command_names() -> st.SearchStrategy[str]:
    """A command's stored name: one a command has, or any text."""
    stored = sorted(cls.stored_as for cls in handlers())
    return st.sampled_from(stored) | odd_texts


def receipts(*, results: st.SearchStrategy[Any] | None = None) -> st.SearchStrategy[Receipt]:
    """A request receipt: a valid request id, any command name and fingerprint text, any
    result a command can return, any actor."""
    return st.builds(
        Receipt,
        request_id=request_ids(),
        command=command_names(),
        fingerprint=odd_texts,
        result=results if results is not None else command_results(),
        actor=actors(),
    )


st.register_type_strategy(Receipt, receipts())
