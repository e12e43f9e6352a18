"""How much of a need an offer covers, and why: one pure function per kind.

The same function decides how much a proposed match takes from both listings and explains a
ranking ("covers 40 of 60 worker-hours; dates overlap 5 of 7 days"). A coverage of zero means
the two do not fit, and the reasons say what is missing.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import attrs

from sharemarket.domain.matching.terms import (
    CapacityTerms,
    FundsTerms,
    LabourTerms,
    ServiceTerms,
    Terms,
    VenueTerms,
    amount_text,
    days_between,
)


@attrs.frozen
class Coverage:
    """What an offer covers of a need: ``covered`` of ``wanted`` in the need's unit, and the
    reasons, in words, for the covered amount."""

    covered: int
    wanted: int
    reasons: tuple[str, ...]

    @property
    def fits(self) -> bool:
        """Whether the offer covers anything of the need."""
        return self.covered > 0

    @property
    def explanation(self) -> str:
        """The reasons, in words, joined by semicolons."""
        return "; ".join(self.reasons)


def same_skill(a: str, b: str) -> bool:
    """Two skills (or operations) match when one's words contain the other's, ignoring case,
    width and spacing: "fettling" fits "修坯 fettling"."""
    x, y = _words(a), _words(b)
    return bool(x) and bool(y) and (x in y or y in x)


def _words(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.split(r"\s+", folded.strip()))


def overlap_days(first_a: date, last_a: date, first_b: date, last_b: date) -> int:
    start, end = max(first_a, first_b), min(last_a, last_b)
    return 0 if end < start else days_between(start, end)


def cover(need: Terms, offer: Terms) -> Coverage:
    """What ``offer`` covers of ``need``: two terms of one kind (else nothing is covered)."""
    wanted = need.quantity
    if type(need) is not type(offer):
        return Coverage(0, wanted, (f"a {offer.kind.value} offer for a {need.kind.value} need",))
    if isinstance(need, LabourTerms) and isinstance(offer, LabourTerms):
        return _labour(need, offer)
    if isinstance(need, CapacityTerms) and isinstance(offer, CapacityTerms):
        return _capacity(need, offer)
    if isinstance(need, VenueTerms) and isinstance(offer, VenueTerms):
        return _venue(need, offer)
    if isinstance(need, FundsTerms) and isinstance(offer, FundsTerms):
        return _funds(need, offer)
    assert isinstance(need, ServiceTerms)
    assert isinstance(offer, ServiceTerms)
    if need.category is not offer.category:
        why = f"offers {offer.category.value}, not {need.category.value}"
        return Coverage(0, 1, (why,))
    return Coverage(1, 1, (f"offers {need.category.value.replace('_', ' ')}",))


def _labour(need: LabourTerms, offer: LabourTerms) -> Coverage:
    wanted = need.quantity
    if not same_skill(need.skill, offer.skill):
        return Coverage(0, wanted, (f"offers {offer.skill!r}, not {need.skill!r}",))
    days = overlap_days(need.first_day, need.last_day, offer.first_day, offer.last_day)
    dates = f"dates overlap {days} of {need.days} days"
    people = min(need.headcount, offer.headcount)
    hours = min(need.hours_a_day, offer.hours_a_day)
    covered = people * hours * days
    return Coverage(
        covered,
        wanted,
        (
            f"covers {covered} of {wanted} worker-hours",
            dates,
            f"{people} of {need.headcount} people, {hours} of {need.hours_a_day} hours a day",
            f"asks {offer.rate_per_hour}/h, offered {need.rate_per_hour}/h",
        ),
    )


def _capacity(need: CapacityTerms, offer: CapacityTerms) -> Coverage:
    wanted = need.quantity
    if not same_skill(need.operation, offer.operation):
        return Coverage(0, wanted, (f"offers {offer.operation!r}, not {need.operation!r}",))
    if offer.by_date > need.by_date:
        why = f"free from {offer.by_date}, after the pieces are due on {need.by_date}"
        return Coverage(0, wanted, (why,))
    covered = min(need.pieces, offer.pieces)
    return Coverage(
        covered,
        wanted,
        (
            f"covers {covered} of {wanted} pieces",
            f"free from {offer.by_date}, due {need.by_date}",
        ),
    )


def _venue(need: VenueTerms, offer: VenueTerms) -> Coverage:
    wanted = need.quantity
    if offer.people < need.people:
        return Coverage(0, wanted, (f"holds {offer.people} people, not {need.people}",))
    days = overlap_days(need.first_day, need.last_day, offer.first_day, offer.last_day)
    dates = f"dates overlap {days} of {days_between(need.first_day, need.last_day)} days"
    covered = min(need.hours, offer.hours) if days else 0
    return Coverage(
        covered,
        wanted,
        (f"covers {covered} of {wanted} hours", dates, f"holds {offer.people} people"),
    )


def _funds(need: FundsTerms, offer: FundsTerms) -> Coverage:
    wanted = need.quantity
    if offer.term_days < need.term_days:
        why = f"lends for {offer.term_days} days, not the {need.term_days} needed"
        return Coverage(0, wanted, (why,))
    covered = min(need.amount.fen, offer.amount.fen)
    return Coverage(
        covered,
        wanted,
        (
            f"covers {amount_text(need, covered)} of {need.amount}",
            f"term {offer.term_days} days for {need.term_days}",
        ),
    )
