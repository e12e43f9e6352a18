"""The ids sharemarket derives itself: deterministic, so that a retried command makes the same."""

from __future__ import annotations

from uuid import UUID, uuid5

#: Namespace of the deterministic ids sharemarket derives (park, request receipts, ...).
SHAREMARKET_NAMESPACE = UUID("6b1f3c5e-2d8a-4f7e-9c1b-5a3e7d2f8b40")


def derived_id(kind: str, request_id: str) -> UUID:
    """The id of what a command creates, derived from its request id (stable across retries)."""
    return uuid5(SHAREMARKET_NAMESPACE, f"{kind}:{request_id}")
