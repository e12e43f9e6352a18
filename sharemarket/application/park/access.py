"""Loading the park: every slice's handlers check membership and permissions against it."""

from __future__ import annotations

from sharemarket.application.kernel.loader import Loader
from sharemarket.domain.errors import NotFound
from sharemarket.domain.park.membership import PARK_ID, Park

NOT_ESTABLISHED = "the park is not established yet; call market.park.establish() first"


def read_park(loader: Loader) -> Park:
    """The park as a shared read-only copy, for permission and membership checks."""
    park = loader.read_only(Park, PARK_ID)
    if park is None:
        raise NotFound(NOT_ESTABLISHED)
    return park


def park_for_update(loader: Loader) -> Park:
    """The park, to change (membership commands)."""
    park = loader.find(Park, PARK_ID)
    if park is None:
        raise NotFound(NOT_ESTABLISHED)
    return park
