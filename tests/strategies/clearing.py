"""Strategies for the clearing slice: debts between a few firms, obligations, net payments."""

from __future__ import annotations

from hypothesis import strategies as st

from sharemarket.domain.clearing.netting import Debt, NetPayment
from sharemarket.domain.clearing.run import Included, ObligationRef
from sharemarket.domain.firm_id import FirmId
from tests.strategies.kernel import firm_ids, money, names, register_strategy

#: Up to a month's trade in one park: far above real sums, small enough to read.
DEBT_FEN_BOUND = 10**12


@st.composite
def debts(draw: st.DrawFn, *, firms: list[FirmId] | None = None, max_size: int = 25) -> list[Debt]:
    """Debts among a handful of firms (so that cycles and shared relations are common)."""
    pool = firms or draw(st.lists(firm_ids(), min_size=2, max_size=7, unique=True))
    pairs = st.tuples(st.sampled_from(pool), st.sampled_from(pool)).filter(lambda p: p[0] != p[1])
    drawn = draw(
        st.lists(st.tuples(pairs, money(bound=DEBT_FEN_BOUND, min_fen=1)), max_size=max_size)
    )
    return [Debt(debtor, creditor, amount) for (debtor, creditor), amount in drawn]


register_strategy(Debt, debts(max_size=1).filter(bool).map(lambda d: d[0]))
register_strategy(
    NetPayment,
    st.builds(NetPayment, firm_ids(), firm_ids(), money(bound=DEBT_FEN_BOUND, min_fen=1)),
)


def obligation_refs(slices: tuple[str, ...] = ("labour",)) -> st.SearchStrategy[ObligationRef]:
    return st.builds(ObligationRef, st.sampled_from(slices), st.uuids(), st.uuids())


register_strategy(ObligationRef, obligation_refs())
register_strategy(
    Included,
    st.builds(
        Included,
        obligation_refs(),
        firm_ids(),
        firm_ids(),
        money(bound=DEBT_FEN_BOUND, min_fen=1),
        names(),
    ),
)
