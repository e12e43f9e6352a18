"""The netting of a clearing run: its invariants, as properties over random debts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sharemarket.domain.clearing.netting import Debt, net_payments, positions
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money
from tests.strategies.clearing import debts
from tests.strategies.kernel import firm_ids, money


def groups(debt_list: list[Debt]) -> int:
    """How many groups of related firms the debts make (connected components)."""
    leader: dict[FirmId, FirmId] = {}

    def find(f: FirmId) -> FirmId:
        leader.setdefault(f, f)
        while leader[f] != f:
            f = leader[f]
        return f

    for d in debt_list:
        a, b = find(d.debtor), find(d.creditor)
        if a != b:
            leader[a] = b
    return len({find(f) for f in leader})


@given(debts())
def test_positions_sum_to_zero(debt_list: list[Debt]) -> None:
    assert sum(p.fen for p in positions(debt_list).values()) == 0


@given(debts())
def test_payments_settle_exactly_each_firms_position(debt_list: list[Debt]) -> None:
    """After the net payments, each firm has received (net) exactly its position."""
    moved: dict[FirmId, int] = {}
    for p in net_payments(debt_list):
        moved[p.payee] = moved.get(p.payee, 0) + p.amount.fen
        moved[p.payer] = moved.get(p.payer, 0) - p.amount.fen
    for firm, position in positions(debt_list).items():
        assert moved.get(firm, 0) == position.fen


@given(debts())
def test_at_most_one_payment_fewer_than_firms_in_each_group(debt_list: list[Debt]) -> None:
    firms = {f for d in debt_list for f in (d.debtor, d.creditor)}
    payments = net_payments(debt_list)
    assert len(payments) <= len(firms) - groups(debt_list)
    assert len(payments) <= max(len(firms) - 1, 0)


@given(debts())
def test_payments_run_only_between_firms_that_traded(debt_list: list[Debt]) -> None:
    related = {frozenset((d.debtor, d.creditor)) for d in debt_list}
    for p in net_payments(debt_list):
        assert p.payer != p.payee
        assert p.amount.fen > 0
        assert frozenset((p.payer, p.payee)) in related


@given(debts(), st.randoms())
def test_the_result_does_not_depend_on_the_order_of_the_debts(debt_list: list[Debt], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(debt_list)
    rnd.shuffle(shuffled)
    assert net_payments(shuffled) == net_payments(debt_list)
    assert positions(shuffled) == positions(debt_list)


@given(st.lists(firm_ids(), min_size=2, max_size=8, unique=True), money(bound=10**12, min_fen=1))
def test_a_pure_cycle_produces_no_payment(ring: list[FirmId], amount: Money) -> None:
    """Each firm owes the next the same amount, the last owes the first: nothing moves."""
    cycle = [Debt(a, b, amount) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]
    assert net_payments(cycle) == ()
    assert all(p == Money(0) for p in positions(cycle).values())


def test_the_ring_of_three_from_the_issue() -> None:
    """A owes B, B owes C, C owes A ¥100,000 each; and C also owes A ¥50,000 more."""
    a, b, c = (
        FirmId(x) for x in ("91350526MA2YB7LX39", "91350526MA31HQ2D6G", "913505261543981209")
    )
    ring = [Debt(a, b, Money.of("100000")), Debt(b, c, Money.of("100000")),
            Debt(c, a, Money.of("100000")), Debt(c, a, Money.of("50000"))]  # fmt: skip
    [payment] = net_payments(ring)
    assert (payment.payer, payment.payee, payment.amount) == (c, a, Money.of("50000"))
