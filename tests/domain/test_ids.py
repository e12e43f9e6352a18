"""Derived ids are stored forever (a receipt's key, a created aggregate's id): the faster
derivation must give exactly ``uuid5``'s UUID."""

from __future__ import annotations

from uuid import UUID, uuid5

from hypothesis import given
from hypothesis import strategies as st

from sharemarket.domain.ids import SHAREMARKET_NAMESPACE, derived_id, name_based_id
from sharemarket.domain.requests import RequestReceipt


@given(st.text())
def test_a_name_based_id_is_uuid5s(name):
    made = name_based_id(name)
    expected = uuid5(SHAREMARKET_NAMESPACE, name)
    assert expected == made
    assert type(made) is UUID
    assert (expected.int, expected.version, expected.variant) == (
        made.int,
        made.version,
        made.variant,
    )
    assert expected.is_safe == made.is_safe
    assert hash(expected) == hash(made)
    assert str(expected) == str(made)


@given(st.text(min_size=1), st.text(min_size=1))
def test_derived_ids_and_receipt_ids_are_uuid5s(kind, request_id):
    assert uuid5(SHAREMARKET_NAMESPACE, f"{kind}:{request_id}") == derived_id(kind, request_id)
    expected = uuid5(SHAREMARKET_NAMESPACE, f"request:{request_id}")
    assert expected == RequestReceipt.id_for(request_id)
