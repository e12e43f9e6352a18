"""market.venues.venues(): every venue opened, closed ones too, on every store."""

from __future__ import annotations

from sharemarket import ShareMarket
from tests.report_scene import SHUNMEI, build, rep


def test_every_venue_opened_is_listed_closed_ones_too(market: ShareMarket) -> None:
    scene = build(market)
    assert () != market.venues.venues()
    market.venues.close_venue(rep(SHUNMEI), request_id="close", venue=scene.room, reason="kiln")
    (room,) = market.venues.venues()
    assert (scene.room, True) == (room, market.venues.venue(room).closed)


def test_an_empty_market_has_no_venues() -> None:
    with ShareMarket.in_memory() as market:
        assert () == market.venues.venues()
