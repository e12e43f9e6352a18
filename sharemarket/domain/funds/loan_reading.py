"""What a loan is and answers: its statuses, its penalty charges, and the queries its decisions
and its statements read (outstanding amounts, arrears, each guarantor's exposure).

``LoanReading`` is the loan aggregate's reading side: ``Loan`` (in ``loan``) holds the state and
its events, this the questions asked of that state.
"""

from __future__ import annotations

import enum
from datetime import date
from uuid import UUID

import attrs

from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.allocation import Owed
from sharemarket.domain.funds.arrears import Arrears, arrears
from sharemarket.domain.funds.guarantees import Guarantee, GuaranteeKind, GuaranteeStatus
from sharemarket.domain.funds.schedule import LoanTerms
from sharemarket.domain.money import Money


class LoanStatus(enum.Enum):
    """A loan's state in its lifecycle (Fineract's): submitted, then approved, rejected or
    withdrawn; active once disbursed; then closed, written off, or overpaid when a repayment
    exceeded everything owed (refunding the excess closes it)."""

    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    ACTIVE = "active"  # disbursed
    CLOSED = "closed"
    WRITTEN_OFF = "written_off"
    OVERPAID = "overpaid"


@attrs.frozen
class PenaltyCharge:
    """Penalty interest accrued on one instalment's overdue principal."""

    number: int
    amount: Money


class LoanReading:
    """The queries of a loan, over the state ``Loan`` keeps."""

    id: UUID
    status: LoanStatus
    terms: LoanTerms
    owed: tuple[Owed, ...]
    guarantees: dict[str, Guarantee]

    @property
    def is_open(self) -> bool:
        """Disbursed and not yet closed: guarantees are held, arrears can arise."""
        return self.status in (LoanStatus.ACTIVE, LoanStatus.WRITTEN_OFF)

    @property
    def outstanding_principal(self) -> Money:
        return Money.sum(o.principal for o in self.owed)

    @property
    def outstanding(self) -> Money:
        return Money.sum(o.total for o in self.owed)

    def arrears(self, as_of: date) -> Arrears:
        return arrears(self.owed if self.is_open else (), as_of)

    def exposure(self, guarantor: FirmId) -> Money:
        g = self.guarantees.get(guarantor.code)
        if g is None:
            return Money(0)
        return g.exposure(self.outstanding_principal, self.terms.principal, is_open=self.is_open)

    def committed_exposure(self, guarantor: FirmId) -> Money:
        """What counts against the most ``guarantor`` may guarantee: the limit of an accepted
        guarantee until the loan is disbursed (it is exposed in full then), its exposure after."""
        g = self.guarantees.get(guarantor.code)
        if g is None or g.status is not GuaranteeStatus.ACCEPTED:
            return Money(0)
        if self.status in (LoanStatus.SUBMITTED, LoanStatus.APPROVED):
            return g.limit
        return self.exposure(guarantor)

    def guarantee_of(self, guarantor: FirmId) -> Guarantee | None:
        return self.guarantees.get(guarantor.code)

    @property
    def guarantors(self) -> tuple[Guarantee, ...]:
        return tuple(self.guarantees[c] for c in sorted(self.guarantees))

    def kind_of(self, guarantor: FirmId) -> GuaranteeKind | None:
        g = self.guarantees.get(guarantor.code)
        return None if g is None else g.kind
