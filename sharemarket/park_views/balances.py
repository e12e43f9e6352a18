"""The balances the journal holds and the park's sharing report.

A part of :class:`~sharemarket.park_views.ParkViews` (whose methods these are).
"""

from __future__ import annotations

from datetime import date

from sharemarket.application.matching.report import SharingReport
from sharemarket.application.matching.service import check_period
from sharemarket.application.matching.sharing_view import SharingView
from sharemarket.application.projections.balances import (
    AsOf,
    FirmBalances,
    PairPosition,
    ParkTotals,
)
from sharemarket.application.projections.journal_view import JournalView
from sharemarket.domain.firm_id import FirmId


def as_firm(firm: FirmId | str) -> FirmId:
    return firm if isinstance(firm, FirmId) else FirmId(firm)


class Balances:
    """What each firm gave, received and owes, the park's totals, and its sharing report."""

    journal: JournalView
    sharing: SharingView

    def balances(self, firm: FirmId | str, *, as_of: AsOf = None) -> FirmBalances:
        """A firm's balances by asset and account kind, now or as of a position or date.

        Raises:
            InvalidInput: The credit code is malformed, or ``as_of`` is neither a position, a
                date nor None (a datetime, say).
        """
        return self.journal.balances(as_firm(firm), as_of=as_of)

    def between(
        self, firm: FirmId | str, counterparty: FirmId | str, *, as_of: AsOf = None
    ) -> PairPosition:
        """What stands between two firms, seen from ``firm`` (``.owes`` is what it owes).

        Raises:
            InvalidInput: A credit code is malformed, or ``as_of`` is neither a position, a date
                nor None (a datetime, say).
        """
        return self.journal.between(as_firm(firm), as_firm(counterparty), as_of=as_of)

    def totals(self, *, as_of: AsOf = None) -> ParkTotals:
        """The park's totals (``.shared(asset)``: what the park shared of an asset, in all).

        Raises:
            InvalidInput: ``as_of`` is neither a position, a date nor None (a datetime, say).
        """
        return self.journal.totals(as_of=as_of)

    def sharing_report(self, first_day: date, last_day: date) -> SharingReport:
        """The park's sharing report of ``first_day`` to ``last_day`` (a month, a quarter), both
        counted: read from the period's rows of the sharing view, whatever its history.

        Raises:
            InvalidInput: A date is outside the range the market records, or ``last_day`` is
                before ``first_day``.
        """
        check_period(first_day, last_day)
        return self.sharing.report(first_day, last_day)
