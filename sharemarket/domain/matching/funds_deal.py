"""An accepted funds match becomes a loan application (the funds slice's deal).

The needing firm applies to the lending firm for the amount the match covers, for the term it
needs, repaid at maturity (bullet): contracted on the acceptance's date and due ``term_days``
later, at the annual rate the resource names, else the one the need names, else interest-free
(互助, as the park's mutual-aid lending is), with no overdue rate. The funds slice's own rules
decide the application (both firms active, no self-lending, the 4 x LPR cap of the contract
date: a rate above it is refused on acceptance). It completes when the loan is closed
(repaid); it falls through when it is rejected, withdrawn or written off.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.funds import lending
from sharemarket.domain.funds.loan import Loan, LoanStatus
from sharemarket.domain.funds.lpr import LPR_TABLE_ID, LprTable
from sharemarket.domain.funds.schedule import LoanTerms, ScheduleType
from sharemarket.domain.matching.deals import Acceptance, DealOutcome, Drafted, Find
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.terms import FundsTerms, Terms
from sharemarket.domain.money import Money
from sharemarket.domain.park.membership import Park

#: No interest where a listing names no rate, and no overdue interest: what a listing does
#: not say is not charged.
INTEREST_FREE = Decimal(0)


def rate_of(need: FundsTerms, offer: FundsTerms) -> Decimal:
    """The loan's annual rate: the one the lender's resource names, else the one the need
    offers, else none."""
    for named in (offer.annual_rate, need.annual_rate):
        if named is not None:
            return named
    return INTEREST_FREE


class FundsDeal:
    """The funds slice's :class:`~sharemarket.domain.matching.deals.DealKind`."""

    name = "loan_application"
    aggregate = Loan

    def draft(
        self,
        park: Park,
        actor: Actor,
        *,
        deal_id: UUID,
        match: Match,
        need: Terms,
        offer: Terms,
        when: Acceptance,
        find: Find,
    ) -> Drafted:
        assert isinstance(need, FundsTerms)
        assert isinstance(offer, FundsTerms)
        assert match.offer_owner is not None  # funds are offered by a firm
        on = when.day
        if on is None:
            raise InvalidInput(
                f"accepting {match.label} applies for a loan contracted on the day of the "
                "acceptance: give it as on=date(...)"
            )
        table = find(LprTable, LPR_TABLE_ID)
        terms = LoanTerms(
            principal=Money(match.quantity),
            annual_rate=rate_of(need, offer),
            overdue_rate=INTEREST_FREE,
            contract_date=on,
            first_due_date=on + timedelta(days=need.term_days),
            periods=1,
            schedule=ScheduleType.BULLET,
        )
        loan = lending.application(
            park,
            table if table is not None else LprTable.start(actor),
            actor,
            loan_id=deal_id,
            borrower=match.need_owner,
            lender=match.offer_owner,
            pool=None,
            terms=terms,
        )
        return Drafted(loan)

    def outcome(self, deal: Any) -> tuple[DealOutcome, str]:
        assert isinstance(deal, Loan)
        label = f"loan {deal.id} of {deal.terms.principal}"
        status = deal.status
        if status in (LoanStatus.REJECTED, LoanStatus.WITHDRAWN, LoanStatus.WRITTEN_OFF):
            return DealOutcome.FELL_THROUGH, f"{label} was {status.value.replace('_', ' ')}"
        if status is not LoanStatus.CLOSED:
            return DealOutcome.PENDING, f"{label} is {status.value}, not yet repaid"
        return DealOutcome.COMPLETED, f"{label} was repaid and closed"


FUNDS_DEAL = FundsDeal()
