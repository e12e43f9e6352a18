"""A mutual-aid pool's rules: how much and how long it lends, at what rate, and who approves.

Who approves a pool loan is the park's administrators unless the pool names a committee of
member firms (``approvers``), of which ``approvals_needed`` must each approve, through a
representative, before the loan is approved. The borrower's own firm never approves its loan.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from sharemarket.domain.actor import Actor
from sharemarket.domain.checks import of_type
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.errors import PoolApproverNotAllowed
from sharemarket.domain.funds.rates import check_rate
from sharemarket.domain.funds.schedule import PERIODS_MAX
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park

#: A committee is a handful of firms; a bound keeps the pool's state small.
APPROVERS_MAX = 15


def _max_periods(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max periods is an int of months, not {type(value).__name__} {value!r}")
    if not 1 <= value <= PERIODS_MAX:
        raise InvalidInput(f"max periods is {value}; give 1 to {PERIODS_MAX} months")
    return value


def _annual_rate(value: object) -> Decimal:
    return check_rate(value, "annual rate")


def _lendable_percent(value: object) -> Decimal:
    return check_rate(value, "lendable percent")


def _approvers(value: Iterable[FirmId]) -> tuple[FirmId, ...]:
    firms = tuple(value)
    for firm in firms:
        if not isinstance(firm, FirmId):
            raise TypeError(f"approvers are FirmIds, not {type(firm).__name__} {firm!r}")
    if len(set(firms)) != len(firms):
        raise InvalidInput("approvers name a firm twice; name each committee firm once")
    if len(firms) > APPROVERS_MAX:
        raise InvalidInput(f"approvers name {len(firms)} firms; at most {APPROVERS_MAX}")
    return tuple(sorted(firms, key=lambda f: f.code))


def _approvals_needed(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"approvals needed is an int, not {type(value).__name__} {value!r}")
    return value


@attrs.frozen
class PoolRules:
    """The most one firm may owe the pool, the longest term, the pool's rate (zero allowed), the
    percentage of contributions that may be lent out at once, and who approves its loans: the
    park's administrators (no ``approvers``), or ``approvals_needed`` of the committee firms."""

    max_per_firm: Money = attrs.field(validator=of_type(Money))
    max_periods: int = attrs.field(converter=_max_periods)
    annual_rate: Decimal = attrs.field(converter=_annual_rate)
    lendable_percent: Decimal = attrs.field(converter=_lendable_percent)
    # Defaults: pools established before the committee existed are approved by administrators.
    approvers: tuple[FirmId, ...] = attrs.field(default=(), converter=_approvers)
    approvals_needed: int = attrs.field(default=1, converter=_approvals_needed)

    def __attrs_post_init__(self) -> None:
        most = max(1, len(self.approvers))
        if not 1 <= self.approvals_needed <= most:
            who = f"a committee of {len(self.approvers)}" if self.approvers else "administrators"
            raise InvalidInput(
                f"approvals needed is {self.approvals_needed}; with {who} give 1 to {most}"
            )

    @property
    def by_committee(self) -> bool:
        """Whether committee firms (``approvers``) approve the pool's loans, not the park's
        administrators."""
        return bool(self.approvers)


def approver_of(
    name: str, rules: PoolRules, park: Park, actor: Actor, borrower: FirmId
) -> FirmId | None:
    """The committee firm ``actor`` approves for (None: an administrator approves), or
    ``pool_approver_not_allowed``: who approves is the pool's rule."""
    if not rules.by_committee:
        park.require_administrator(actor)
        return None
    firm = actor.firm
    names = ", ".join(str(f) for f in rules.approvers)
    if firm is None or firm not in rules.approvers:
        raise PoolApproverNotAllowed(
            f"{actor} may not approve a loan of {name}: its committee approves "
            f"({rules.approvals_needed} of {names}), through their representatives"
        )
    if firm == borrower:
        raise PoolApproverNotAllowed(
            f"{firm} borrows this loan and cannot approve it; "
            f"another committee firm of {name} approves"
        )
    park.require_representative(actor, firm)
    return firm
