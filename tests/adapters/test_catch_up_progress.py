"""A catch-up and a rebuild tell their progress batch by batch (the command line's bar)."""

from __future__ import annotations

from pathlib import Path

from sharemarket import ShareMarket
from sharemarket.park_views import ParkViews
from tests.park_scene import dehua_month


def test_catch_up_and_rebuild_report_each_batch_up_to_the_head(
    market: ShareMarket, tmp_path: Path
) -> None:
    """Progress starts where the views stand, rises batch by batch, ends at the head; a views
    already current report only where they stand."""
    dehua_month(market)
    head = market.event_log.head()
    assert head is not None
    seen: list[tuple[int, int]] = []
    with ParkViews.sqlite(tmp_path / "views") as views:
        assert head == views.catch_up(market, batch_size=10, progress=lambda *p: seen.append(p))
        assert (0, head) == seen[0]
        assert (head, head) == seen[-1]
        assert [p for p, _ in seen] == sorted({p for p, _ in seen})
        assert len(seen) >= head // 10
        seen.clear()
        views.catch_up(market, progress=lambda *p: seen.append(p))
        assert [(head, head)] == seen
        seen.clear()
        assert head == views.rebuild(market, progress=lambda *p: seen.append(p))
        assert (0, head) == seen[0]
        assert (head, head) == seen[-1]
        assert views.verify().ok
