"""What every command shares: the market and views named by the global options, the actor, the
output; each opened when a command first asks for it, and closed when the command ends.

The market and the views are also imported then, not with this module: the command line's help
and its argument checks run without defining the market's aggregates and commands (about a
second of CPU), which only a command that opens the market pays."""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import click

from sharemarket.adapters.cli.output import Output, console
from sharemarket.domain.actor import Actor
from sharemarket.domain.errors import StoreError

if TYPE_CHECKING:
    from sharemarket.application.market import ShareMarket
    from sharemarket.park_views import ParkViews

STORE_ENV = "SHAREMARKET_STORE"
VIEWS_ENV = "SHAREMARKET_VIEWS"
_MARKET = "sharemarket.application.market"


def market_class() -> type[ShareMarket]:
    """``ShareMarket``, imported (the first time) with the cyclic garbage collector paused.

    The import defines every aggregate, event and command of the market (some 400 classes and
    their generated methods), all kept for the life of the process: a collection during it
    walks a growing heap and frees nothing (about a tenth of the import's CPU). Afterwards
    ``gc.freeze()`` leaves them out of the command's own collections too. The command line
    is a short process of its own; a host that imports the library is not touched (unless it
    runs the command line's ``main`` in its own process).
    """
    if _MARKET not in sys.modules:
        collecting = gc.isenabled()
        gc.disable()
        try:
            importlib.import_module(_MARKET)
        finally:
            if collecting:
                gc.enable()
        gc.freeze()
    from sharemarket.application.market import ShareMarket

    return ShareMarket


def is_dsn(location: str) -> bool:
    """A PostgreSQL DSN (a URI or key=value settings) rather than a path."""
    return location.startswith(("postgresql://", "postgres://")) or any(
        f"{key}=" in location for key in ("dbname", "host", "user")
    )


@attrs.define
class Session:
    """The global options, and what they open."""

    store: str | None
    schema: str | None
    views_at: str | None
    views_schema: str | None
    views_prefix: str
    user: str | None
    firm: str | None
    output: Output
    _market: ShareMarket | None = None
    _views: ParkViews | None = None

    @classmethod
    def of(cls, *, as_json: bool, **options: str | None) -> Session:
        output = Output(as_json=as_json, out=console(), err=console(stderr=True))
        return cls(output=output, **options)  # type: ignore[arg-type]

    def market(self, *, create: bool = False) -> ShareMarket:
        """The market at ``--store``. An SQLite file is made only when ``create`` (a park being
        established); otherwise a missing file is a store error, not a new empty market."""
        if self._market is None:
            if not self.store:
                raise click.UsageError(
                    f"no market named: give --store PATH or DSN, or set {STORE_ENV}"
                )
            path = None if is_dsn(self.store) else Path(self.store)
            if path is not None and not create and not path.exists():
                raise StoreError(
                    f"no market at {path}: check --store (or {STORE_ENV}); "
                    "`sharemarket park establish` makes a new one"
                )
            market = market_class()
            if path is None:
                self._market = market.postgres(self.store, schema=self.schema)
            else:
                self._market = market.sqlite(path)
        return self._market

    def views(self) -> ParkViews:
        """The views at ``--views``: a folder of SQLite files, or a PostgreSQL DSN."""
        if self._views is None:
            if not self.views_at:
                raise click.UsageError(
                    f"no views named: give --views FOLDER or DSN, or set {VIEWS_ENV}"
                )
            market_class()  # ParkViews imports the market's slices: paid here, collector paused
            from sharemarket.park_views import ParkViews

            if is_dsn(self.views_at):
                self._views = ParkViews.postgres(
                    self.views_at, schema=self.views_schema, prefix=self.views_prefix
                )
            else:
                self._views = ParkViews.sqlite(self.views_at)
        return self._views

    def views_read(self) -> ParkViews:
        """The views, for a query: with a note on stderr when they lag the market (if named)."""
        views = self.views()
        if self.store:
            head = self.market().event_log.head() or 0
            position = views.position() or 0
            if position < head:
                self.output.note(
                    f"note: the views hold the market's events up to position {position} of "
                    f"{head}; run `sharemarket views catch-up` for the latest figures"
                )
        return views

    def actor(self) -> Actor:
        """Who acts: ``--as USER`` for ``--firm CODE``, or a park administrator without it."""
        if not self.user:
            raise click.UsageError("this command records something: say who acts with --as USER")
        if self.firm:
            return Actor.for_firm(self.user, self.firm)
        return Actor.administrator(self.user)

    def close(self) -> None:
        if self._views is not None:
            self._views.close()
        if self._market is not None:
            self._market.close()


pass_session = click.make_pass_decorator(Session)
