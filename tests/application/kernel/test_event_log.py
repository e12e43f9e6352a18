"""The event log as hosts read it: positions are ids, counts are counted."""

from __future__ import annotations

import pytest

from sharemarket.application.kernel import event_log
from tests.application.kernel.test_idempotency import OTHER, admit, establish
from tests.log_positions import positions


@pytest.mark.parametrize("page", [2, 3, event_log.COUNT_PAGE])
def test_count_after_counts_the_events_recorded_after_a_position(store, monkeypatch, page):
    """On every store, whatever ids the store skips (SQLite's receipts take some), and across
    pages of the log."""
    monkeypatch.setattr(event_log, "COUNT_PAGE", page)
    market = store.open()
    log = market.event_log
    assert 0 == log.count_after(None)
    establish(market)
    head = log.head()
    admit(market, "admit-1")
    admit(market, "admit-2", OTHER, name="Another firm")
    every = positions(market)
    assert len(every) == log.count_after(None)
    assert every[-1] == log.head()
    assert len([p for p in every if p > (head or 0)]) == log.count_after(head) == 2
    assert 0 == log.count_after(log.head())
