"""Strategies of the subcontracting slice's values (二次发单): terms, rejections, inspections,
bills, material uses."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from sharemarket import (
    Bill,
    DefectReason,
    Disposition,
    Inspection,
    MaterialBearer,
    MaterialUnit,
    MaterialUse,
    Money,
    Operation,
    PartStatus,
    PartTerms,
    Rejection,
    Rejections,
    ScrapEffect,
)
from sharemarket.domain.subcontracting.values import PIECES_MAX, REJECTION_LINES_MAX, TOLERANCE_MAX
from tests.strategies.kernel import business_dates, money, names, register_strategy


def pieces(*, min_value: int = 1, max_value: int = PIECES_MAX) -> st.SearchStrategy[int]:
    """Whole pieces: small counts most often, the ceiling sometimes."""
    return st.one_of(
        st.integers(min_value, min(max_value, 1_000)), st.integers(min_value, max_value)
    )


def unit_prices() -> st.SearchStrategy[Money]:
    """A price a piece: fen to hundreds of yuan."""
    return money(bound=100_000, min_fen=0)


@st.composite
def part_terms(draw: st.DrawFn) -> PartTerms:
    return PartTerms(
        operation=draw(st.sampled_from(Operation)),
        quantity=draw(pieces()),
        unit_price=draw(unit_prices()),
        due_on=draw(business_dates()),
        tolerance_percent=draw(st.integers(0, TOLERANCE_MAX)),
        material_borne_by=draw(st.sampled_from(MaterialBearer)),
        late_charge_per_day=draw(money(bound=10**6, min_fen=0)),
        late_charge_cap=draw(money(bound=10**8, min_fen=0)),
    )


@st.composite
def rejection_lines(draw: st.DrawFn, *, max_pieces: int = 1_000) -> Rejection:
    reason = draw(st.sampled_from(DefectReason))
    note = draw(names(max_size=40)) if reason is DefectReason.OTHER else ""
    return Rejection(
        reason, draw(pieces(max_value=max_pieces)), draw(st.sampled_from(Disposition)), note
    )


def rejections(*, max_lines: int = 4) -> st.SearchStrategy[Rejections]:
    return st.lists(rejection_lines(), max_size=min(max_lines, REJECTION_LINES_MAX)).map(
        lambda lines: Rejections(tuple(lines))
    )


@st.composite
def inspections(draw: st.DrawFn) -> Inspection:
    """An inspection as a part records it: accepted + rejected = the delivery's pieces."""
    rejected = draw(rejections())
    accepted = draw(pieces(min_value=0, max_value=10_000))
    delivered_on = draw(business_dates())
    effect = draw(st.sampled_from(ScrapEffect))
    scrapped = rejected.pieces(Disposition.SCRAP)
    return Inspection(
        delivery_id=draw(st.uuids()),
        inspected_on=delivered_on + timedelta(days=draw(st.integers(0, 10))),
        delivered_on=delivered_on,
        pieces=accepted + rejected.pieces(),
        rework=draw(st.booleans()),
        accepted=accepted,
        rejections=rejected,
        scrap_effect=effect,
        reduced=draw(st.integers(0, scrapped)) if effect is ScrapEffect.REDUCE else 0,
    )


@st.composite
def bills(draw: st.DrawFn) -> Bill:
    count = draw(pieces(max_value=100_000))
    price = draw(unit_prices())
    gross = price * count
    return Bill(
        bill_id=draw(st.uuids()),
        billed_on=draw(business_dates()),
        pieces=count,
        unit_price=price,
        gross=gross,
        late_days=draw(st.integers(0, 400)),
        late_charge=Money(draw(st.integers(0, gross.fen))),
    )


@st.composite
def material_uses(draw: st.DrawFn) -> MaterialUse:
    amount = draw(pieces(max_value=10**9))
    return MaterialUse(
        draw(names(max_size=40)),
        draw(st.sampled_from(MaterialUnit)),
        amount if draw(st.booleans()) else -amount,
    )


register_strategy(Operation, st.sampled_from(Operation))
register_strategy(DefectReason, st.sampled_from(DefectReason))
register_strategy(Disposition, st.sampled_from(Disposition))
register_strategy(ScrapEffect, st.sampled_from(ScrapEffect))
register_strategy(MaterialUnit, st.sampled_from(MaterialUnit))
register_strategy(MaterialBearer, st.sampled_from(MaterialBearer))
register_strategy(PartStatus, st.sampled_from(PartStatus))
register_strategy(PartTerms, part_terms())
register_strategy(Rejection, rejection_lines())
register_strategy(Rejections, rejections())
register_strategy(Inspection, inspections())
register_strategy(Bill, bills())
register_strategy(MaterialUse, material_uses())
