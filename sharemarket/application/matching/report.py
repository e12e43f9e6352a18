"""The park's sharing report for a period, as values (the sharing view makes it).

Needs posted, matched (agreed by both sides), fulfilled and still open, by kind; the median days
from a need's posting to its first agreed match; and per firm what it gave and received (labour,
pieces and their bills, venue time, money lent, guarantees), through every deal and through the
deals made from matches. Days
are the park's business dates on which the events were recorded, so a period's figures never
change once it is over. ``sharing_view`` keeps the rows by day; ``views.sharing_report`` reads
them, ``market.matching.sharing_report`` makes them from the log.
"""

from __future__ import annotations

from datetime import date

import attrs

from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.matching.terms import ListingKind
from sharemarket.domain.money import Money


@attrs.frozen
class KindCounts:
    """Needs of one kind: posted and matched and fulfilled in the period, open at its end."""

    kind: ListingKind
    posted: int
    matched: int
    fulfilled: int
    open: int


#: The measures the sharing view stores, by the field of :class:`Shared` they fill.
LABOUR, PIECES, BILLED = "labour_minutes", "pieces", "pieces_billed"
VENUE, LENT = "venue_minutes", "lent"
GUARANTEES, GUARANTEED = "guarantees", "guaranteed"
NO_MINUTES, ZERO = Minutes(0), Money(0)


@attrs.frozen
class Shared:
    """What a firm gave (or received) in a period, by measure.

    ``labour``: confirmed shift minutes, less reversed ones; ``pieces``: pieces accepted on
    inspection (corrections included) and ``billed``: what the subcontractor billed for them;
    ``venue``: minutes of completed bookings at another firm's venue; ``lent``: principal
    disbursed (less a disbursal undone); ``guarantees``: guarantees accepted for loans, and
    ``guaranteed``: their limits.
    """

    labour: Minutes = NO_MINUTES
    pieces: int = 0
    billed: Money = ZERO
    venue: Minutes = NO_MINUTES
    lent: Money = ZERO
    guarantees: int = 0
    guaranteed: Money = ZERO

    @classmethod
    def of(cls, sums: dict[str, int]) -> Shared:
        """From the sums of the sharing view's measures."""
        return cls(
            labour=Minutes(sums.get(LABOUR, 0)),
            pieces=sums.get(PIECES, 0),
            billed=Money(sums.get(BILLED, 0)),
            venue=Minutes(sums.get(VENUE, 0)),
            lent=Money(sums.get(LENT, 0)),
            guarantees=sums.get(GUARANTEES, 0),
            guaranteed=Money(sums.get(GUARANTEED, 0)),
        )


@attrs.frozen
class FirmSharing:
    """What one firm gave and received in the period: through every deal of the park
    (``given``, ``received``) and through the deals made from matches (``*_through_matches``).

    On the giving side: the lender of workers, the subcontractor, the venue's host, the lender
    of money, the guarantor; the borrower, the issuer, the booker and the guaranteed borrower
    receive."""

    firm: FirmId
    given: Shared = Shared()
    received: Shared = Shared()
    given_through_matches: Shared = Shared()
    received_through_matches: Shared = Shared()

    @property
    def labour_given(self) -> Minutes:
        """Labour minutes lent through agreements drafted from matches."""
        return self.given_through_matches.labour

    @property
    def labour_received(self) -> Minutes:
        """Labour minutes borrowed through agreements drafted from matches."""
        return self.received_through_matches.labour


@attrs.frozen
class SharingReport:
    """The park's sharing report (共享报告) for the business dates ``first_day`` to
    ``last_day``: needs posted, matched, fulfilled and open by kind; the median days from a
    need's posting to its first agreed match (None when no need was matched in the period);
    and what each firm gave and received."""

    first_day: date
    last_day: date
    needs: tuple[KindCounts, ...]
    median_days_to_match: float | None
    firms: tuple[FirmSharing, ...]
