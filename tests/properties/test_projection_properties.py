"""Properties of the projections over generated histories of a park sharing labour.

Histories are sequences of commands (proposals, shifts, confirmations, disputes, reversals,
settlements, payments, closings) run through the real application; commands the rules refuse
record nothing and are simply part of the history.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from hypothesis import given
from hypothesis import strategies as st

from sharemarket import LABOUR_MINUTES, Minutes, Money, ShareMarket, ShareMarketError
from sharemarket.application.projections.catalogue import ASSETS, PARTY_RULES, POSTING_RULES
from sharemarket.application.projections.journal import check_balanced
from sharemarket.park_views import ParkViews
from tests.adapters.test_sqlite_views import dump
from tests.application.projections.test_journal import Book
from tests.park_scene import FIRMS, REPS, establish

RATES = ("0", "25.50", "30.00")
index = st.integers(min_value=0, max_value=30)
#: The arguments of each step, after its name.
ARGUMENTS: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "record": st.tuples(index, st.integers(0, 1), st.integers(1, 28), st.integers(30, 480)),
    "confirm": st.tuples(index),
    "dispute": st.tuples(index),
    "withdraw": st.tuples(index),
    "reverse": st.tuples(index),
    "settle": st.tuples(index),
    "pay": st.tuples(index, st.integers(1, 100)),
    "close": st.tuples(index),
    "accept": st.tuples(index),
    "propose": st.tuples(st.integers(0, 2), st.integers(1, 2), st.sampled_from(RATES)),
}
#: Shifts are recorded and confirmed most; the other steps come now and then.
STEPS = ["record"] * 6 + ["confirm"] * 5 + [k for k in ARGUMENTS if k not in ("record", "confirm")]
operations = st.sampled_from(STEPS).flatmap(
    lambda step: ARGUMENTS[step].map(lambda args: (step, *args))
)
#: A few agreements between distinct firms first (most accepted), then the steps.
openings = st.lists(
    st.tuples(st.integers(0, 2), st.integers(1, 2), st.sampled_from(RATES), st.booleans()),
    min_size=1,
    max_size=3,
)
histories = st.builds(
    lambda opening, steps: [
        *(
            step
            for b, offset, rate, accepted in opening
            for step in (("propose", b, offset, rate), *((("accept", 0),) if accepted else ()))
        ),
        *steps,
    ],
    openings,
    st.lists(operations, min_size=10, max_size=40),
)


class Park:
    """Runs generated commands against a market, remembering what they made.

    Each step picks among the things it would apply to (a pending shift to confirm, an active
    agreement to record a shift under), so most steps do something; the rules still refuse
    some (a cap, a closed agreement), and a refused step records nothing.
    """

    def __init__(self, market: ShareMarket) -> None:
        self.market = market
        self.agreements: dict[UUID, tuple[str, str]] = {}  # id -> borrower, lender
        self.status: dict[UUID, str] = {}  # agreement or shift -> proposed, active, pending, ...
        self.shifts: dict[UUID, UUID] = {}  # shift -> agreement
        self.settlements: dict[UUID, UUID] = {}  # settlement -> agreement
        self.n = 0

    def rid(self) -> str:
        self.n += 1
        return f"r{self.n}"

    def run(self, op: tuple[Any, ...]) -> None:
        try:
            getattr(self, op[0])(*op[1:])
        except ShareMarketError:
            pass  # refused commands record nothing, and stay part of the history
        except LookupError:
            pass  # nothing to apply the step to yet

    def pick(self, i: int, among: dict[UUID, Any], *statuses: str) -> UUID:
        found = [k for k in among if not statuses or self.status.get(k) in statuses]
        if not found:
            raise LookupError("nothing to pick")
        return found[i % len(found)]

    def propose(self, b: int, offset: int, rate: str) -> None:
        """``offset`` 1 or 2 picks the lender among the other two firms."""
        borrower, lender = FIRMS[b], FIRMS[(b + offset) % len(FIRMS)]
        a = self.market.labour.propose_agreement(
            REPS[borrower],
            request_id=self.rid(),
            lender=lender,
            work="修坯",
            rate_per_hour=rate,
            first_day=date(2026, 3, 1),
            last_day=date(2026, 3, 28),
            workers=["W-1", "W-2"],
        )
        self.agreements[a], self.status[a] = (borrower, lender), "proposed"

    def accept(self, i: int) -> None:
        a = self.pick(i, self.agreements, "proposed")
        self.market.labour.accept_agreement(
            REPS[self.agreements[a][1]], request_id=self.rid(), agreement=a
        )
        self.status[a] = "active"

    def record(self, i: int, worker: int, day: int, minutes: int) -> None:
        a = self.pick(i, self.agreements, "active")
        shift = self.market.labour.record_shift(
            REPS[self.agreements[a][0]],
            request_id=self.rid(),
            agreement=a,
            worker=f"W-{worker + 1}",
            work_date=date(2026, 3, day),
            minutes=minutes,
        )
        self.shifts[shift], self.status[shift] = a, "pending"

    def _shift(self, i: int, *statuses: str) -> tuple[UUID, UUID, str, str]:
        shift = self.pick(i, self.shifts, *statuses)
        a = self.shifts[shift]
        return a, shift, *self.agreements[a]

    def confirm(self, i: int) -> None:
        a, shift, _, lender = self._shift(i, "pending")
        self.market.labour.confirm_shift(
            REPS[lender], request_id=self.rid(), agreement=a, shift=shift
        )
        self.status[shift] = "confirmed"

    def dispute(self, i: int) -> None:
        a, shift, _, lender = self._shift(i, "pending")
        self.market.labour.dispute_shift(
            REPS[lender], request_id=self.rid(), agreement=a, shift=shift, reason="not seen"
        )
        self.status[shift] = "disputed"

    def withdraw(self, i: int) -> None:
        a, shift, borrower, _ = self._shift(i, "pending", "disputed")
        self.market.labour.withdraw_shift(
            REPS[borrower], request_id=self.rid(), agreement=a, shift=shift
        )
        self.status[shift] = "withdrawn"

    def reverse(self, i: int) -> None:
        a, shift, borrower, _ = self._shift(i, "confirmed")
        self.market.labour.reverse_shift(
            REPS[borrower], request_id=self.rid(), agreement=a, shift=shift, reason="typo"
        )
        self.status[shift] = "reversed"

    def settle(self, i: int) -> None:
        a = self.pick(i, self.agreements, "active", "closed")
        s = self.market.labour.issue_settlement(
            REPS[self.agreements[a][1]],
            request_id=self.rid(),
            agreement=a,
            first_day=date(2026, 3, 1),
            last_day=date(2026, 3, 28),
        )
        self.settlements[s] = a

    def pay(self, i: int, percent: int) -> None:
        s = self.pick(i, self.settlements)
        a = self.settlements[s]
        owed = self.market.labour.agreement(a).owed_on(s)
        if owed.fen > 0:
            self.market.labour.record_payment(
                REPS[self.agreements[a][0]],
                request_id=self.rid(),
                agreement=a,
                settlement=s,
                amount=Money(max(1, owed.fen * percent // 100)),
            )

    def close(self, i: int) -> None:
        a = self.pick(i, self.agreements, "active")
        self.market.labour.close_agreement(
            REPS[self.agreements[a][0]], request_id=self.rid(), agreement=a, reason="done"
        )
        self.status[a] = "closed"


@contextmanager
def park_with_views() -> Iterator[tuple[Park, ParkViews, Path]]:
    with tempfile.TemporaryDirectory() as tmp, ShareMarket.in_memory() as market:
        establish(market)
        with ParkViews.sqlite(Path(tmp) / "views") as views:
            yield Park(market), views, Path(tmp)


@given(histories)
def test_every_event_posts_zero_in_each_asset_and_the_park_nets_to_zero(history):
    """Double entry: each event's postings, and so every balance together, sum to zero."""
    with park_with_views() as (park, views, _):
        for op in history:
            park.run(op)
        book = Book()
        assets = list(ASSETS.values())
        totals = dict.fromkeys(assets, 0)
        for n in park.market._app.recorder.select_notifications(start=None, limit=10_000):
            event = park.market._app.mapper.to_domain_event(n)
            roles = PARTY_RULES.roles_declared_by(event)
            if roles is not None:
                book.known[event.originator_id] = roles
            postings = POSTING_RULES.postings(event, book)
            check_balanced(postings, n.topic)
            for p in postings:
                totals[p.asset] += p.amount
        views.catch_up(park.market)

        assert dict.fromkeys(assets, 0) == totals
        assert [0] * len(assets) == [views.totals().amount(asset) for asset in assets]
        assert [0] * len(assets) == [
            sum(views.balances(firm).amount(asset) for firm in FIRMS) for asset in assets
        ]


@given(histories, st.data())
def test_a_view_rebuilt_from_scratch_equals_the_incrementally_maintained_one(history, data):
    """Catching up after any steps, in any batch sizes, gives exactly the one-go rebuild."""
    with park_with_views() as (park, views, tmp):
        for op in history:
            park.run(op)
            if data.draw(st.booleans(), label="catch up now"):
                views.catch_up(park.market, batch_size=data.draw(st.integers(1, 5), label="batch"))
        views.catch_up(park.market, batch_size=data.draw(st.integers(1, 5), label="batch"))
        incremental = dump(tmp / "views")
        with ParkViews.sqlite(tmp / "rebuilt") as rebuilt:
            rebuilt.catch_up(park.market)
        assert incremental == dump(tmp / "rebuilt")
        assert views.verify(deep=True).ok


@given(histories)
def test_the_journal_agrees_with_each_agreements_own_statement(history):
    """Minutes confirmed and money owed between two firms match their agreements' records.

    Two firms may lend to each other: what one owes the other is netted over both directions.
    """
    with park_with_views() as (park, views, _):
        for op in history:
            park.run(op)
        views.catch_up(park.market)
        received: dict[tuple[str, str], int] = {}
        owes: dict[tuple[str, str], int] = {}
        for a, (borrower, lender) in park.agreements.items():
            statement = park.market.labour.statement(a)
            pair, reverse = (borrower, lender), (lender, borrower)
            received[pair] = received.get(pair, 0) + statement.confirmed.value
            owes[pair] = owes.get(pair, 0) + statement.owed.fen
            owes[reverse] = owes.get(reverse, 0) - statement.owed.fen
        for (firm, other), fen in owes.items():
            between = views.between(firm, other)
            assert (Minutes(received.get((firm, other), 0)), Money(fen)) == (
                between.received(LABOUR_MINUTES),
                between.owes,
            )
