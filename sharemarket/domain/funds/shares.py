"""Each contributor's share of the pool's income and losses, pro rata to contributions over time.

The pool keeps, per contributor, the fen-days its contribution has stood in the pool since the
last income or loss was shared, on a clock that moves with the dates of the pool's events (an
event dated before the clock counts from the clock: weights are never rewritten backwards). An
income or a loss is split over those fen-days (over the contributions themselves when no time
has passed), half up to the fen by largest remainder, so the shares add up to it exactly; then
the fen-days start afresh. State is bounded by the contributors, not by the events.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sharemarket.domain.money import Money


def advance(
    weights: Mapping[str, int], balances: Mapping[str, Money], clock: date | None, on: date
) -> tuple[dict[str, int], date | None]:
    """Fen-days accrued by each contributor's balance from ``clock`` to ``on`` (never backwards)."""
    if clock is None:
        return dict(weights), on
    days = max(0, (on - clock).days)
    moved = dict(weights)
    for code, balance in balances.items():
        if balance.fen > 0 and days:
            moved[code] = moved.get(code, 0) + balance.fen * days
    return moved, max(clock, on)


def split(amount: Money, weights: Mapping[str, int]) -> dict[str, Money]:
    """``amount`` split pro rata to ``weights`` (largest remainder: the parts sum to it)."""
    positive = {code: w for code, w in weights.items() if w > 0}
    total = sum(positive.values())
    if not total or not amount:
        return {}
    parts = {code: amount.fen * w // total for code, w in positive.items()}
    left = amount.fen - sum(parts.values())
    by_remainder = sorted(positive, key=lambda c: (-(amount.fen * positive[c] % total), c))
    for code in by_remainder[:left]:
        parts[code] += 1
    return {code: Money(fen) for code, fen in parts.items()}


def share_out(
    amount: Money, weights: Mapping[str, int], balances: Mapping[str, Money]
) -> dict[str, Money]:
    """Split over the fen-days, or over the balances when no time has passed since the last."""
    by_time = split(amount, weights)
    if by_time or not amount:
        return by_time
    return split(amount, {code: b.fen for code, b in balances.items()})


def give_back(amount: Money, losses: Mapping[str, Money]) -> dict[str, Money]:
    """The losses once ``amount`` recovered is given back pro rata to each (largest remainder;
    never more than was shared, never below zero)."""
    weights = {code: m.fen for code, m in losses.items()}
    back = min(amount, Money(sum(weights.values())))
    parts = split(back, weights)
    left = {code: m - parts.get(code, Money(0)) for code, m in losses.items()}
    return {code: m for code, m in left.items() if m}
