"""What the report page shows, gathered from the market's queries and the views: plain values.

Nothing here draws: the figures and the tables are read once, through the public queries, so
the page's tests can check them against the scene without a browser.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import attrs

from sharemarket.application.labour.postings import LABOUR_MINUTES
from sharemarket.application.labour.shared_hours import SharedHours
from sharemarket.application.market import ShareMarket
from sharemarket.application.matching.report import SharingReport
from sharemarket.application.venues.postings import VENUE_MINUTES
from sharemarket.domain.duration import Minutes
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.funds.network import NetworkReport
from sharemarket.domain.money import Money

if TYPE_CHECKING:  # park_views imports the adapters: a type only, to keep the import order
    from sharemarket.park_views import ParkViews

#: The most guarantors the page picks out as the most exposed (ties aside).
MOST_EXPOSED = 3
# Administrative divisions and legal forms that every firm of a park shares: the graph's labels
# leave them out (the tables keep the registered names).
_PLACE = re.compile(r"^(?:\w{1,3}?省)?(?:\w{1,4}?[市州])?(?:\w{1,3}?[县区])?")
_FORM = re.compile(r"(?:股份)?有限(?:责任)?公司$")


def short_name(name: str) -> str:
    """ "福建省德化县冠福家用制品有限公司" → "冠福家用制品": what tells firms of one park apart."""
    short = _FORM.sub("", _PLACE.sub("", name, count=1))
    return short if len(short) >= 2 else name


@attrs.frozen
class VenueMonths:
    """One venue over the months the period touches (a venue's report is a calendar month)."""

    name: str
    host: str
    closed: bool
    open: Minutes
    booked: Minutes
    used: Minutes
    no_show: Minutes
    no_shows: int


@attrs.frozen
class FirmLine:
    """A member's balances in the journal, as far as the views have read."""

    firm: FirmId
    name: str
    labour_given: Minutes
    labour_received: Minutes
    venue_given: Minutes
    venue_received: Minutes
    receivable: Money
    payable: Money


@attrs.frozen
class ReportContent:
    park: str
    first_day: date
    last_day: date
    names: dict[str, str]  # credit code -> registered name
    labour: tuple[SharedHours, ...]
    venues: tuple[VenueMonths, ...]
    months: tuple[date, ...]
    funds: tuple[tuple[date, Money, Money], ...]  # day, pool cash, loans outstanding
    network: NetworkReport
    most_exposed: tuple[FirmId, ...]
    sharing: SharingReport
    balances: tuple[FirmLine, ...]
    views_position: int | None

    def name(self, firm: FirmId) -> str:
        return self.names.get(firm.code, firm.code)

    def short(self, firm: FirmId) -> str:
        return short_name(self.name(firm))

    def labour_by_week(self) -> list[tuple[date, Minutes]]:
        weeks: dict[date, int] = {}
        for row in self.labour:
            weeks[row.week] = weeks.get(row.week, 0) + row.minutes.value
        return [(week, Minutes(m)) for week, m in sorted(weeks.items())]

    def labour_by_pair(self) -> list[tuple[FirmId, FirmId, Minutes]]:
        pairs: dict[tuple[str, str], int] = {}
        firms: dict[str, FirmId] = {}
        for row in self.labour:
            key = (row.lender.code, row.borrower.code)
            firms[row.lender.code], firms[row.borrower.code] = row.lender, row.borrower
            pairs[key] = pairs.get(key, 0) + row.minutes.value
        ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(firms[a], firms[b], Minutes(m)) for (a, b), m in ranked]

    def in_cycles(self) -> set[str]:
        return {f.code for cycle in self.network.cycles for f in cycle}


def months_of(first_day: date, last_day: date) -> tuple[date, ...]:
    """The first day of each calendar month the period touches."""
    months, day = [], first_day.replace(day=1)
    while day <= last_day:
        months.append(day)
        day += timedelta(days=calendar.monthrange(day.year, day.month)[1])
    return tuple(months)


def _venues(
    market: ShareMarket, months: Sequence[date], names: dict[str, str]
) -> list[VenueMonths]:
    rows = []
    opened = [market.venues.venue(venue) for venue in market.venues.venues()]
    for venue in sorted(opened, key=lambda v: (v.host.code, v.name, str(v.id))):
        parts = [market.venues.utilisation(venue.id, month) for month in months]
        rows.append(
            VenueMonths(
                name=venue.name,
                host=names.get(venue.host.code, venue.host.code),
                closed=venue.closed,
                open=Minutes.sum(p.open for p in parts),
                booked=Minutes.sum(p.booked for p in parts),
                used=Minutes.sum(p.used for p in parts),
                no_show=Minutes.sum(p.no_show for p in parts),
                no_shows=sum(p.no_shows for p in parts),
            )
        )
    return rows


def most_exposed(network: NetworkReport) -> tuple[FirmId, ...]:
    """The guarantors whose total exposure (direct and through chains) is among the highest:
    a third of them, one to ``MOST_EXPOSED``, and any tied with the last of those."""
    totals = sorted(((p.direct + p.through_chains).fen, p.firm) for p in network.positions)
    totals = [(fen, firm) for fen, firm in totals if fen > 0]
    if not totals:
        return ()
    count = max(1, min(MOST_EXPOSED, len(totals) // 3))
    threshold = sorted((fen for fen, _ in totals), reverse=True)[count - 1]
    return tuple(
        firm for fen, firm in sorted(totals, key=lambda t: (-t[0], t[1].code)) if fen >= threshold
    )


def gather(market: ShareMarket, views: ParkViews, first_day: date, last_day: date) -> ReportContent:
    if not isinstance(first_day, date) or not isinstance(last_day, date):
        raise TypeError("the report's first_day and last_day are datetime.date values")
    if last_day < first_day:
        raise InvalidInput(f"the period ends on {last_day}, before it starts on {first_day}")
    members = market.park.members()
    names = {m.firm.code: m.name for m in members}
    months = months_of(first_day, last_day)
    timeline = market.funds.timeline(first_day, last_day)
    network = market.funds.guarantee_network()
    balances = []
    for member in members:
        b = views.balances(member.firm)
        balances.append(
            FirmLine(
                member.firm,
                member.name,
                b.given(LABOUR_MINUTES),
                b.received(LABOUR_MINUTES),
                b.given(VENUE_MINUTES),
                b.received(VENUE_MINUTES),
                b.receivable,
                b.payable,
            )
        )
    return ReportContent(
        park=market.park.name(),
        first_day=first_day,
        last_day=last_day,
        names=names,
        labour=market.labour.shared_hours(first_day, last_day),
        venues=tuple(_venues(market, months, names)),
        months=months,
        funds=tuple((d.day, d.pool_cash, d.loans_outstanding) for d in timeline.days),
        network=network,
        most_exposed=most_exposed(network),
        sharing=views.sharing_report(first_day, last_day),
        balances=tuple(balances),
        views_position=views.position(),
    )
