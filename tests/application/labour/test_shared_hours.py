"""market.labour.shared_hours: confirmed minutes by work week and firm pair, on every store."""

from __future__ import annotations

from datetime import date

import pytest

from sharemarket import FirmId, InvalidInput, Minutes, ShareMarket
from sharemarket.application.labour.shared_hours import SharedHours
from tests.report_scene import APRIL, JIAMEI, SHUNMEI, TONGXIN, WEEK_16, WEEK_17, build


def test_minutes_by_work_week_and_pair_less_reversed_shifts(market: ShareMarket) -> None:
    """Rows by week of the work date; the reversed shift no longer counts."""
    build(market)
    expected = (
        SharedHours(WEEK_16, FirmId(JIAMEI), FirmId(TONGXIN), Minutes.of(80)),
        SharedHours(WEEK_17, FirmId(SHUNMEI), FirmId(TONGXIN), Minutes.of(16)),
        SharedHours(WEEK_17, FirmId(JIAMEI), FirmId(TONGXIN), Minutes.of(40)),
    )
    assert expected == market.labour.shared_hours(*APRIL)


def test_the_period_cuts_by_work_date(market: ShareMarket) -> None:
    """A period ending on Tuesday of week 16 holds that week's Monday and Tuesday alone."""
    build(market)
    rows = market.labour.shared_hours(date(2026, 4, 1), date(2026, 4, 14))
    assert (SharedHours(WEEK_16, FirmId(JIAMEI), FirmId(TONGXIN), Minutes.of(32)),) == rows
    assert () == market.labour.shared_hours(date(2026, 5, 1), date(2026, 5, 31))


def test_a_period_ending_before_it_starts_is_refused(market: ShareMarket) -> None:
    build(market)
    head = market.event_log.head()
    with pytest.raises(InvalidInput, match="before it starts"):
        market.labour.shared_hours(APRIL[1], APRIL[0])
    assert head == market.event_log.head()
