"""The guarantee network: cycles (互保链), exposure through chains, the limit per guarantor."""

from __future__ import annotations

from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import FirmId, GuaranteeClosesCycle, GuaranteeLimitExceeded, Money
from sharemarket.domain.funds.network import (
    CyclePolicy,
    GuaranteeNetwork,
    HeldGuarantee,
    cycles,
    report,
)
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, domain_park

A, B, C, D = TONGXIN, JIAMEI, SHUNMEI, GUANFU
BANK = FirmId("91110000802100433B")


def held(n: int, guarantor: FirmId, borrower: FirmId, limit: int = 100) -> HeldGuarantee:
    return HeldGuarantee(UUID(int=n), guarantor, borrower, BANK, Money(limit))


def test_mutual_guarantees_and_longer_circles_are_reported_once_each():
    found = cycles([(A, B), (B, A), (B, C), (C, A), (C, D)])
    assert {frozenset({A.code, B.code}), frozenset({A.code, B.code, C.code})} == {
        frozenset(f.code for f in c) for c in found
    }
    assert 2 == len(found)
    assert () == cycles([(A, B), (B, C), (A, C)])


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=8))
def test_every_reported_cycle_is_a_closed_path_of_the_graph(pairs):
    firms = (A, B, C, D)
    edges = [(firms[g], firms[b]) for g, b in pairs if g != b]
    arcs = {(g.code, b.code) for g, b in edges}
    for cycle in cycles(edges):
        codes = [f.code for f in cycle]
        assert len(set(codes)) == len(codes)
        assert all((codes[i], codes[(i + 1) % len(codes)]) in arcs for i in range(len(codes)))
    # A graph with a 2-cycle always reports one.
    if any((b, g) in arcs for g, b in arcs):
        assert cycles(edges)


def test_exposure_through_chains_adds_what_the_guaranteed_firms_guarantee():
    """A guarantees B for 100; B guarantees C for 40; C guarantees D for 7."""
    guarantees = [held(1, A, B), held(2, B, C, 40), held(3, C, D, 7)]
    r = report(guarantees, {g.key: g.limit for g in guarantees})
    by = {p.firm: (p.direct, p.through_chains) for p in r.positions}
    assert {A: (Money(100), Money(47)), B: (Money(40), Money(7)), C: (Money(7), Money(0))} == by
    assert () == r.cycles


def test_the_limit_per_guarantor_and_the_cycle_rule_refuse_a_guarantee():
    park = domain_park()
    network = GuaranteeNetwork.start(ADMIN)
    network.set_rules(park, ADMIN, Money(150), CyclePolicy.REFUSE)
    network.hold(ADMIN, held(1, A, B), {})
    network.hold(ADMIN, held(2, B, C), {})
    with pytest.raises(GuaranteeLimitExceeded, match=r"¥1\.50"):
        network.hold(ADMIN, held(3, A, D, limit=51), {})
    with pytest.raises(GuaranteeClosesCycle):
        network.hold(ADMIN, held(4, C, A), {})
    network.release(ADMIN, UUID(int=2))
    network.hold(ADMIN, held(4, C, A), {})  # the chain B -> C is gone: no cycle any more
    assert {UUID(int=1), UUID(int=4)} == {g.loan for g in network.guarantees}


def test_the_limit_per_guarantor_counts_current_exposure_not_limits():
    """A guarantees B's loan for 100, of which 30 is still exposed: 120 more fits under 150,
    121 does not; a guarantee whose exposure is not given counts its whole limit."""
    park = domain_park()
    network = GuaranteeNetwork.start(ADMIN)
    network.set_rules(park, ADMIN, Money(150), CyclePolicy.REPORT)
    first = held(1, A, B)
    network.hold(ADMIN, first, {})
    with pytest.raises(GuaranteeLimitExceeded):
        network.hold(ADMIN, held(2, A, C, limit=121), {first.key: Money(30)})
    with pytest.raises(GuaranteeLimitExceeded):
        network.hold(ADMIN, held(2, A, C, limit=51), {})
    network.hold(ADMIN, held(2, A, C, limit=120), {first.key: Money(30)})
    assert Money(150) == network.exposure_of(A, {first.key: Money(30)})
