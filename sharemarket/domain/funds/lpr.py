"""The LPR table: the published one-year figures, extended by administrators, never rewritten.

Its state is one figure a month at most (the LPR is published monthly): decisions need all of it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid5

from eventsourcing.domain import Aggregate

from sharemarket.domain.actor import Actor
from sharemarket.domain.funds.errors import LprEntryNotLater
from sharemarket.domain.funds.rates import PUBLISHED_LPR, LprFigure, check_legal_cap, lpr_on
from sharemarket.domain.ids import SHAREMARKET_NAMESPACE
from sharemarket.domain.park.membership import Park

LPR_TABLE_ID = uuid5(SHAREMARKET_NAMESPACE, "funds.lpr_table")


class LprTable(Aggregate):
    """The one-year LPR figures by the date each took effect, in date order."""

    class Event(Aggregate.Event):
        """The base of ``LprTable``'s events: declared, and each event made on it, so that
        eventsourcing takes them as written instead of defining each of them once more."""

    class Started(Aggregate.Created, Event):
        figures: tuple[LprFigure, ...]
        actor: Actor

    class FigureRecorded(Event):
        figure: LprFigure
        actor: Actor

        def apply(self, table: LprTable) -> None:
            table.figures = (*table.figures, self.figure)

    def __init__(self, figures: tuple[LprFigure, ...], actor: Actor) -> None:
        self.figures = tuple(figures)

    @classmethod
    def start(cls, actor: Actor) -> LprTable:
        """The table as shipped: every figure published since the LPR reform."""
        return cls._create(cls.Started, id=LPR_TABLE_ID, figures=PUBLISHED_LPR, actor=actor)

    def record(self, park: Park, actor: Actor, figure: LprFigure) -> None:
        """Append a newly published figure; only a later date than the last one is taken."""
        park.require_administrator(actor)
        last = self.figures[-1]
        if figure.effective_from <= last.effective_from:
            raise LprEntryNotLater(
                f"the LPR table already runs to {last} ; a new figure must take effect after "
                f"{last.effective_from}, and a past entry is never rewritten "
                f"(asked: {figure.rate} % from {figure.effective_from})"
            )
        self.trigger_event(self.FigureRecorded, figure=figure, actor=actor)

    def on(self, day: date) -> LprFigure:
        return lpr_on(self.figures, day)

    def check_cap(self, contract_date: date, rate: Decimal, overdue_rate: Decimal) -> LprFigure:
        return check_legal_cap(self.figures, contract_date, rate, overdue_rate)
