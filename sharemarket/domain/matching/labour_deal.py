"""An accepted labour match becomes a labour agreement proposal (the labour slice's deal).

The agreement is drafted from the two listings: the need's skill as the work, the days both
listings share as the period, the lending firm's asked rate, and the worker-hours the match
covers as the agreement's cap. It completes when it is closed with confirmed hours; it falls
through when it is declined or withdrawn, or closed with none.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sharemarket.domain.actor import Actor
from sharemarket.domain.duration import MINUTES_MAX, Minutes
from sharemarket.domain.labour.agreement import AgreementStatus, LabourAgreement
from sharemarket.domain.matching.deals import Acceptance, DealOutcome, Drafted, Find
from sharemarket.domain.matching.match import Match
from sharemarket.domain.matching.terms import LabourTerms, Terms
from sharemarket.domain.park.membership import Park


class LabourDeal:
    """The labour slice's :class:`~sharemarket.domain.matching.deals.DealKind`."""

    name = "labour_agreement"
    aggregate = LabourAgreement

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
        assert isinstance(need, LabourTerms)
        assert isinstance(offer, LabourTerms)
        assert match.offer_owner is not None  # labour is offered by a firm
        agreement = LabourAgreement.draft_from_match(
            park,
            actor,
            agreement_id=deal_id,
            match_id=match.id,
            borrower=match.need_owner,
            lender=match.offer_owner,
            work=need.skill,
            rate_per_hour=offer.rate_per_hour,
            first_day=max(need.first_day, offer.first_day),
            last_day=min(need.last_day, offer.last_day),
            minutes_cap=Minutes(min(match.quantity * 60, MINUTES_MAX)),
        )
        return Drafted(agreement)

    def outcome(self, deal: Any) -> tuple[DealOutcome, str]:
        assert isinstance(deal, LabourAgreement)
        status = deal.status
        if status in (AgreementStatus.DECLINED, AgreementStatus.WITHDRAWN):
            return DealOutcome.FELL_THROUGH, f"{deal.label} was {status.value}"
        if status is not AgreementStatus.CLOSED:
            return DealOutcome.PENDING, f"{deal.label} is {status.value}, not yet closed"
        confirmed = Minutes(deal.confirmed_minutes)
        if not confirmed:
            return DealOutcome.FELL_THROUGH, f"{deal.label} closed with no confirmed hours"
        return DealOutcome.COMPLETED, f"{deal.label} closed with {confirmed} confirmed"


LABOUR_DEAL = LabourDeal()
