"""Guarantees of a loan (互相担保): each guarantor's limit, type, acceptance, exposure.

A guarantee of unstated type is a general guarantee (一般保证, Civil Code Art. 686): callable only
once the lender has recorded that enforcement against the borrower failed. A joint-and-several
guarantee (连带责任保证) is callable as soon as an instalment is overdue. The exposure falls
pro rata with the principal outstanding (as Fineract releases holds) and ends when the loan
closes.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.money import Money

ZERO = Money(0)


class GuaranteeKind(enum.Enum):
    """The kind of a guarantee (保证): general (一般保证, callable only once the lender has
    recorded that enforcement against the borrower failed) or joint and several (连带责任保证,
    callable as soon as something is overdue)."""

    GENERAL = "general"  # 一般保证
    JOINT_AND_SEVERAL = "joint_and_several"  # 连带责任保证


class GuaranteeStatus(enum.Enum):
    """Where a named guarantor stands: pending until it accepts or declines; only an accepted
    guarantee can be called."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@attrs.frozen
class Guarantee:
    """One guarantor's undertaking for a loan, up to ``limit``, and what it has paid on calls.

    ``claim`` is the subrogation claim (追偿权) still open on the borrower: what the guarantor
    paid on calls less what the borrower has repaid it. ``called`` is what the lender has
    called it for and it has not paid yet.
    """

    guarantor: FirmId
    limit: Money
    kind: GuaranteeKind = GuaranteeKind.GENERAL
    status: GuaranteeStatus = GuaranteeStatus.PENDING
    paid: Money = ZERO
    claim: Money = ZERO
    called: Money = ZERO

    def exposure(self, outstanding: Money, principal: Money, *, is_open: bool) -> Money:
        """What the guarantor may still be called for: its limit scaled by the share of the
        principal still outstanding (half up), and never more than its limit less what it has
        already paid on calls; zero unless accepted and the loan open."""
        if not is_open or self.status is not GuaranteeStatus.ACCEPTED or not principal:
            return Money(0)
        scaled = self.limit * (Decimal(outstanding.fen) / Decimal(principal.fen))
        return max(Money(0), min(scaled, self.limit - self.paid))
