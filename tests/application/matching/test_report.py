"""The park's sharing report made from the market's log, on memory, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sharemarket import FirmId, InvalidInput, ListingKind, Minutes
from sharemarket.domain.time import business_date
from tests.application.matching.test_matches import agreed_labour_match, work_and_close
from tests.matching_support import ADMIN, IDLE, NEEDS, establish, funds, post, venue


def test_the_report_counts_needs_by_kind_and_what_firms_shared(market):
    """Recorded today: a labour need matched and worked (8h from the aviation firm to the
    biomedicine firm) and still open, a venue need withdrawn, a funds need open."""
    establish(market)
    _, _, match, deal = agreed_labour_match(market)
    work_and_close(market, deal, minutes=480)
    market.matching.record_deal_outcome(ADMIN, request_id="met", match=match)
    room = post(market, NEEDS, "room", venue(), need=True)
    market.matching.withdraw_listing(NEEDS, request_id="w", listing=room, reason="found one")
    post(market, IDLE, "cash", funds(), need=True)
    today = business_date(datetime.now(UTC))
    first = today.replace(day=1)
    report = market.matching.sharing_report(first, today + timedelta(days=1))
    counts = {c.kind: (c.posted, c.matched, c.fulfilled, c.open) for c in report.needs}
    assert counts[ListingKind.LABOUR] == (1, 1, 0, 1)
    assert counts[ListingKind.VENUE] == (1, 0, 0, 0)
    assert counts[ListingKind.FUNDS] == (1, 0, 0, 1)
    assert counts[ListingKind.CAPACITY] == (0, 0, 0, 0)
    assert report.median_days_to_match == 0.0
    assert [(f.firm, f.labour_given, f.labour_received) for f in report.firms] == sorted(
        [
            (FirmId(IDLE.firm.code), Minutes(480), Minutes(0)),
            (FirmId(NEEDS.firm.code), Minutes(0), Minutes(480)),
        ],
        key=lambda row: row[0].code,
    )
    before = first - timedelta(days=1)
    earlier = market.matching.sharing_report(before.replace(day=1), before)
    assert [(c.posted, c.open) for c in earlier.needs] == [(0, 0)] * 5
    assert earlier.firms == ()
    assert earlier.median_days_to_match is None
    with pytest.raises(InvalidInput):
        market.matching.sharing_report(today, first - timedelta(days=1))
