"""Strategies of the park slice's values: firm sizes and statuses, members."""

from __future__ import annotations

from hypothesis import strategies as st

from sharemarket import FirmSize, FirmStatus, Member
from tests.strategies.kernel import firm_ids, names, register_strategy, user_ids


def firm_sizes() -> st.SearchStrategy[FirmSize]:
    return st.sampled_from(FirmSize)


def firm_statuses() -> st.SearchStrategy[FirmStatus]:
    return st.sampled_from(FirmStatus)


def representative_lists(*, max_size: int = 4) -> st.SearchStrategy[tuple[str, ...]]:
    """The representatives of one firm as the park holds them: distinct and sorted."""
    return st.lists(user_ids(), min_size=1, max_size=max_size, unique=True).map(
        lambda users: tuple(sorted(users))
    )


def members(*, statuses: st.SearchStrategy[FirmStatus] | None = None) -> st.SearchStrategy[Member]:
    """What the park holds about one member firm."""
    return st.builds(
        Member,
        firm=firm_ids(),
        name=names(),
        industry=names(max_size=20),
        size=firm_sizes(),
        status=statuses if statuses is not None else firm_statuses(),
        representatives=representative_lists(),
    )


register_strategy(Member, members())
