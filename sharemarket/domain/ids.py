"""The ids sharemarket derives itself: deterministic, so that a retried command makes the same."""

from __future__ import annotations

from hashlib import sha1
from uuid import UUID, SafeUUID

#: Namespace of the deterministic ids sharemarket derives (park, request receipts, ...).
SHAREMARKET_NAMESPACE = UUID("6b1f3c5e-2d8a-4f7e-9c1b-5a3e7d2f8b40")


def derived_id(kind: str, request_id: str) -> UUID:
    """The id of what a command creates, derived from its request id (stable across retries)."""
    return name_based_id(f"{kind}:{request_id}")


_NAMESPACE_BYTES = SHAREMARKET_NAMESPACE.bytes
_VARIANT_AND_VERSION_BITS = (0xC000 << 48) | (0xF000 << 64)
_RFC_4122_VERSION_5 = (0x8000 << 48) | (5 << 76)
_SETATTR = object.__setattr__


def name_based_id(name: str) -> UUID:
    """``uuid5(SHAREMARKET_NAMESPACE, name)``, the same UUID with less Python.

    Every command derives one or two (its receipt's key, the id of what it creates); ``uuid5``
    builds the UUID through ``UUID(bytes=..., version=5)``, whose checks and bit twiddling
    in Python cost more than the hash. This sets the same bits on the same SHA-1 digest
    (tests/domain/test_ids.py compares them).
    """
    digest = sha1(_NAMESPACE_BYTES + name.encode("utf-8")).digest()
    value = (int.from_bytes(digest[:16], "big") & ~_VARIANT_AND_VERSION_BITS) | _RFC_4122_VERSION_5
    return uuid_of_int(value)


def uuid_of_int(value: int) -> UUID:
    """``UUID(int=value)`` for a value known to fit in 128 bits, without ``UUID.__init__``'s
    Python-level argument checks: the two attributes it sets, set as it sets them (its slots
    are read-only to ``setattr``). For ids derived here and UUIDs read back from the store."""
    made = object.__new__(UUID)
    _SETATTR(made, "int", value)
    _SETATTR(made, "is_safe", SafeUUID.unknown)
    return made
