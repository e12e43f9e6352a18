"""Strategies of the fund-loans slice's values (资金池 / 拆借 / 互相担保): rates, LPR figures, pool
rules, loan terms, schedules, what is owed, allocations and guarantees."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from sharemarket.domain.funds.allocation import Allocated, Allocation, Owed, allocate
from sharemarket.domain.funds.groups import JointGroup
from sharemarket.domain.funds.guarantees import Guarantee, GuaranteeKind, GuaranteeStatus
from sharemarket.domain.funds.loan import PenaltyCharge
from sharemarket.domain.funds.network import CyclePolicy, HeldGuarantee
from sharemarket.domain.funds.pool_rules import PoolRules
from sharemarket.domain.funds.prepayment import InterestChange
from sharemarket.domain.funds.rates import PUBLISHED_LPR, LprFigure
from sharemarket.domain.funds.schedule import (
    PERIODS_MAX,
    PRINCIPAL_PER_PERIOD_MIN,
    Instalment,
    LoanTerms,
    ScheduleType,
    add_months,
    build_schedule,
)
from sharemarket.domain.money import Money
from tests.strategies.kernel import firm_ids, money, register_strategy

#: The real loans of a park: up to ¥50,000,000 (the park's bank loans were ¥45,000,000 in all).
PRINCIPAL_MAX_FEN = 5_000_000_000


def rates(*, max_value: Decimal = Decimal(100)) -> st.SearchStrategy[Decimal]:
    """An annual rate in percent, 0 to ``max_value``, with up to four decimal places."""
    top = int(max_value * 10_000)
    return st.integers(0, top).map(lambda n: Decimal(n).scaleb(-4))


def lpr_figures() -> st.SearchStrategy[LprFigure]:
    return st.builds(
        LprFigure,
        st.dates(date(2019, 8, 20), date(2099, 12, 31)),
        rates(max_value=Decimal(25)),
    )


def contract_dates() -> st.SearchStrategy[date]:
    """A contract date the published LPR table covers."""
    return st.dates(PUBLISHED_LPR[0].effective_from, date(2030, 12, 31))


def schedule_types() -> st.SearchStrategy[ScheduleType]:
    return st.sampled_from(ScheduleType)


@st.composite
def loan_terms(
    draw: st.DrawFn, *, periods_max: int = 36, rate_max: Decimal = Decimal(24)
) -> LoanTerms:
    """Terms a park might agree: any schedule, 1 to ``periods_max`` months, a first due date
    10 to 60 days after the contract date (so broken first periods come up)."""
    periods = draw(st.integers(1, min(periods_max, PERIODS_MAX)))
    least = PRINCIPAL_PER_PERIOD_MIN.fen * periods
    principal = Money(draw(st.integers(least, max(least, PRINCIPAL_MAX_FEN))))
    contract = draw(contract_dates())
    first_due = draw(
        st.one_of(
            st.just(add_months(contract, 1)),
            st.integers(10, 60).map(lambda d: contract + timedelta(days=d)),
        )
    )
    return LoanTerms(
        principal,
        draw(rates(max_value=rate_max)),
        draw(rates(max_value=Decimal(12))),
        contract,
        first_due,
        periods,
        draw(schedule_types()),
    )


@st.composite
def schedules(draw: st.DrawFn) -> tuple[LoanTerms, date, tuple[Instalment, ...]]:
    """Terms, a disbursal date before the first due date, and the loan's schedule."""
    terms = draw(loan_terms())
    span = (terms.first_due_date - terms.contract_date).days - 1
    disbursed = terms.contract_date + timedelta(days=draw(st.integers(0, span)))
    return terms, disbursed, build_schedule(terms, disbursed)


def instalments() -> st.SearchStrategy[Instalment]:
    return schedules().flatmap(lambda s: st.sampled_from(s[2]))


@st.composite
def owed_rows(draw: st.DrawFn) -> tuple[Owed, ...]:
    """What remains owed on a schedule, some of it paid already, penalties on some rows."""
    _, _, schedule = draw(schedules())
    rows = []
    for i in schedule:
        paid = draw(st.integers(0, i.principal.fen))
        penalty = draw(st.sampled_from([0, 0, 1, 12_345]))
        rows.append(Owed(i.number, i.due_on, i.principal - Money(paid), i.interest, Money(penalty)))
    return tuple(rows)


def owed() -> st.SearchStrategy[Owed]:
    return owed_rows().flatmap(st.sampled_from)


@st.composite
def allocations(draw: st.DrawFn) -> Allocation:
    rows = draw(owed_rows())
    total = sum(r.total.fen for r in rows)
    amount = Money(draw(st.integers(1, total + 100_000)))
    as_of = draw(
        st.dates(rows[0].due_on - timedelta(days=40), rows[-1].due_on + timedelta(days=40))
    )
    return allocate(rows, amount, as_of)


def allocated() -> st.SearchStrategy[Allocated]:
    return allocations().filter(lambda a: bool(a.parts)).flatmap(lambda a: st.sampled_from(a.parts))


def guarantees() -> st.SearchStrategy[Guarantee]:
    return st.builds(
        Guarantee,
        firm_ids(),
        money(min_fen=1, bound=PRINCIPAL_MAX_FEN),
        st.sampled_from(GuaranteeKind),
        st.sampled_from(GuaranteeStatus),
        money(min_fen=0, bound=PRINCIPAL_MAX_FEN),
        money(min_fen=0, bound=PRINCIPAL_MAX_FEN),
    )


@st.composite
def pool_rules(draw: st.DrawFn) -> PoolRules:
    """Rules approved by administrators, or by some of a committee of up to five firms."""
    approvers = draw(st.lists(firm_ids(), max_size=5, unique=True))
    return PoolRules(
        draw(money(min_fen=0, bound=PRINCIPAL_MAX_FEN)),
        draw(st.integers(1, PERIODS_MAX)),
        draw(rates(max_value=Decimal(24))),
        draw(rates()),
        tuple(approvers),
        draw(st.integers(1, max(1, len(approvers)))),
    )


def penalty_charges() -> st.SearchStrategy[PenaltyCharge]:
    return st.builds(PenaltyCharge, st.integers(1, PERIODS_MAX), money(min_fen=1, bound=10**9))


def held_guarantees() -> st.SearchStrategy[HeldGuarantee]:
    return st.builds(
        HeldGuarantee,
        st.uuids(),
        firm_ids(),
        firm_ids(),
        firm_ids(),
        money(min_fen=1, bound=PRINCIPAL_MAX_FEN),
        st.booleans(),
    )


def joint_groups() -> st.SearchStrategy[JointGroup]:
    return st.builds(
        JointGroup,
        st.uuids(),
        st.sampled_from(["联保小组一", "first group", "陶瓷联保"]),
        st.lists(firm_ids(), max_size=5, unique=True).map(tuple),
    )


register_strategy(ScheduleType, schedule_types())
register_strategy(JointGroup, joint_groups())
register_strategy(CyclePolicy, st.sampled_from(CyclePolicy))
register_strategy(HeldGuarantee, held_guarantees())
register_strategy(GuaranteeKind, st.sampled_from(GuaranteeKind))
register_strategy(GuaranteeStatus, st.sampled_from(GuaranteeStatus))
register_strategy(LprFigure, lpr_figures())
register_strategy(PoolRules, pool_rules())
register_strategy(LoanTerms, loan_terms())
register_strategy(Instalment, instalments())
register_strategy(Owed, owed())
register_strategy(Allocated, allocated())
register_strategy(Allocation, allocations())
register_strategy(Guarantee, guarantees())
register_strategy(PenaltyCharge, penalty_charges())


def interest_changes() -> st.SearchStrategy[InterestChange]:
    """An instalment's interest lowered by a prepayment (never raised)."""
    return st.builds(
        lambda number, after, saved: InterestChange(number, after + saved, after),
        st.integers(1, PERIODS_MAX),
        money(min_fen=0, bound=PRINCIPAL_MAX_FEN),
        money(min_fen=0, bound=PRINCIPAL_MAX_FEN),
    )


register_strategy(InterestChange, interest_changes())
