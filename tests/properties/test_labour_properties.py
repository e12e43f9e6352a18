"""Labour-sharing properties over any sequence of commands, through the real application.

Three firms each lend and borrow; each has its own workers W-1..W-3 (the same references, so
timesheets must stay apart by home firm). The work dates span two weeks across the end of March,
and the shift lengths are chosen to run into every cap often. After any sequence: minutes lent
equal minutes borrowed, no worker-day or worker-month is over a cap, a refused command changed
nothing, a retried command recorded once, and the stored events replay to the live state.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from sharemarket import (
    LABOUR_LAW,
    DayType,
    FirmId,
    Minutes,
    Money,
    ShareMarket,
    ShareMarketError,
    ShiftStatus,
    WorkingTimePolicy,
)
from tests.labour_support import (
    ADMIN,
    JIAMEI,
    SHUNMEI,
    TONGXIN,
    cap_violations,
    open_park,
    rep,
    state,
)

FIRMS = (TONGXIN, JIAMEI, SHUNMEI)
WORKER_REFS = ("W-1", "W-2", "W-3")
FIRST = date(2026, 3, 23)  # a Monday; the two weeks run into April
DAYS = tuple(FIRST + timedelta(days=n) for n in range(14))
LENGTHS = (30, 60, 120, 180, 240, 300, 420, 480, 540, 600, 660, 700)
DAY_TYPES = (DayType.WORKDAY, DayType.WORKDAY, DayType.REST_DAY, DayType.STATUTORY_HOLIDAY)
LIVE = (ShiftStatus.PENDING, ShiftStatus.CONFIRMED, ShiftStatus.DISPUTED)

i = st.integers(min_value=0, max_value=20)
ARGUMENTS = {
    "propose": st.tuples(i, i, st.integers(1, 7), st.sampled_from([None, 600, 1800])),
    "accept": st.tuples(i),
    "decline": st.tuples(i),
    "close": st.tuples(i, st.booleans()),
    "withdraw": st.tuples(i, st.booleans()),
    "shift": st.tuples(i, i, i, st.sampled_from(LENGTHS), st.integers(0, 4), i, i),
    "confirm": st.tuples(i),
    "dispute": st.tuples(i),
    "withdraw_shift": st.tuples(i),
    "reverse": st.tuples(i, st.booleans()),
    "rerecord": st.tuples(i, i, st.sampled_from(LENGTHS)),
    "correct": st.tuples(i, i, st.sampled_from(LENGTHS)),
    "home": st.tuples(i, i, i, st.sampled_from((0, *LENGTHS))),
    "settle": st.tuples(i, i, i),
    "pay": st.tuples(i, st.integers(1, 5)),
    "retry": st.tuples(i),
}
# How often each command comes: mostly shifts and confirmations, rarely the end of an agreement.
WEIGHTS = {"shift": 10, "confirm": 7, "home": 2, "settle": 2, "pay": 3, "retry": 2}
KINDS = [kind for kind in ARGUMENTS for _ in range(WEIGHTS.get(kind, 1))]
ops = st.sampled_from(KINDS).flatmap(lambda kind: ARGUMENTS[kind].map(lambda a: (kind, *a)))
# Every sequence starts with a few agreements proposed and accepted, so that shifts have a home.
openings = st.lists(
    st.tuples(i, st.integers(1, 2), st.integers(1, 7)).map(lambda t: (t[0], t[0] + t[1], t[2])),
    min_size=1,
    max_size=4,
)
# A tight policy (set by the administrator first) makes the weekly and monthly caps bite in
# short sequences too.
TIGHT = WorkingTimePolicy(
    daily_standard=Minutes(360),
    daily_overtime_max=Minutes(120),
    monthly_overtime_max=Minutes(600),
    weekly_standard_max=Minutes(1200),
)
sequences = st.tuples(
    st.sampled_from([LABOUR_LAW, TIGHT]), openings, st.lists(ops, min_size=10, max_size=50)
)


def pick(seq: Any, n: int) -> Any:
    return seq[n % len(seq)] if seq else None


class Run:
    """The market, the ids it returned, and a small model of the shifts' statuses."""

    def __init__(self, market: ShareMarket, *, checking: bool = True) -> None:
        self.market = market
        # Observing before and after each command reads every aggregate; without it, commands
        # run back to back on the aggregates the market keeps warm.
        self.checking = checking
        self.agreements: list[tuple[UUID, FirmId, FirmId, tuple[str, ...]]] = []
        self.shifts: dict[UUID, dict[str, Any]] = {}
        self.settlements: list[tuple[UUID, UUID]] = []
        self.done: list[tuple[Callable[[], Any], Any]] = []
        self.rejected = 0
        self.retried = 0
        self.n = 0
        self.saved: dict[UUID, dict[str, Any]] = {}
        real_save = market._app.save

        def save(*aggregates: Any, **kwargs: Any) -> Any:
            recordings = real_save(*aggregates, **kwargs)
            for aggregate in aggregates:  # the live state, as saved
                self.saved[aggregate.id] = state(aggregate)
            return recordings

        market._app.save = save  # type: ignore[method-assign]

    def request_id(self) -> str:
        self.n += 1
        return f"op-{self.n}"

    def observe(self) -> tuple[Any, ...]:
        """The end of the log, every statement, every timesheet."""
        m = self.market
        sheets = []
        for firm in FIRMS:
            for worker in WORKER_REFS:
                sheet = m.labour.timesheet(firm, worker)
                sheets.append(None if sheet is None else (sheet.version, sheet.entries))
        return (
            m._app.recorder.max_notification_id(),
            [m.labour.statement(a) for a, *_ in self.agreements],
            sheets,
        )

    def attempt(self, command: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        """Run a command; a refusal must leave everything as it was."""
        before = self.observe() if self.checking else None
        try:
            result = command()
        except ShareMarketError:
            self.rejected += 1
            if self.checking:
                assert before == self.observe()
            return
        on_success(result)
        self.done.append((command, result))

    # Commands -------------------------------------------------------------------------------

    def propose(self, b: int, le: int, mask: int, cap: int | None = None, accept=True) -> None:
        borrower, lender = pick(FIRMS, b), pick(FIRMS, le)
        workers = tuple(w for k, w in enumerate(WORKER_REFS) if mask & (1 << k))
        m = self.market

        def command() -> UUID:
            return m.labour.propose_agreement(
                rep(borrower),
                request_id=rid,
                lender=lender,
                work="修坯 fettling",
                rate_per_hour="22.50",
                first_day=DAYS[0],
                last_day=DAYS[-1],
                workers=workers,
                minutes_cap=cap,
            )

        rid = self.request_id()
        self.attempt(command, lambda a: self.agreements.append((a, borrower, lender, workers)))
        if accept and self.agreements and self.agreements[-1][1:3] == (borrower, lender):
            self.agreement_step("accept", len(self.agreements) - 1)

    def agreement_step(self, step: str, a: int, lender_side: bool = True) -> None:
        chosen = pick(self.agreements, a)
        if chosen is None:
            return
        agreement, borrower, lender, _ = chosen
        m, rid = self.market, self.request_id()
        side = rep(lender if lender_side else borrower)
        commands = {
            "accept": lambda: m.labour.accept_agreement(side, request_id=rid, agreement=agreement),
            "decline": lambda: m.labour.decline_agreement(
                side, request_id=rid, agreement=agreement, reason="busy"
            ),
            "close": lambda: m.labour.close_agreement(
                side, request_id=rid, agreement=agreement, reason="done"
            ),
            "withdraw": lambda: m.labour.withdraw_agreement(
                side, request_id=rid, agreement=agreement, reason="not needed"
            ),
        }
        self.attempt(commands[step], lambda _: None)

    def record(self, a: int, w: int, d: int, minutes: int, ot: int, t: int, lender_acts: int):
        chosen = pick(self.agreements, a)
        if chosen is None:
            return
        agreement, borrower, lender, workers = chosen
        day_type = pick(DAY_TYPES, t)
        # Mostly a worker lent under the agreement; now and then any worker (refused if not).
        worker, on = pick(workers if w % 7 else WORKER_REFS, w), pick(DAYS, d)
        overtime = min(minutes, 60 * ot) if day_type is DayType.WORKDAY else None
        # Now and then the lender tries: it is refused.
        actor = rep(lender if lender_acts % 9 == 0 else borrower)
        m, rid = self.market, self.request_id()

        def command() -> UUID:
            return m.labour.record_shift(
                actor,
                request_id=rid,
                agreement=agreement,
                worker=worker,
                work_date=on,
                minutes=minutes,
                overtime=overtime,
                day_type=day_type,
            )

        def recorded(shift_id: UUID) -> None:
            self.shifts[shift_id] = {
                "agreement": agreement,
                "lender": lender,
                "borrower": borrower,
                "worker": worker,
                "date": on,
                "minutes": minutes,
                "status": ShiftStatus.PENDING,
            }

        self.attempt(command, recorded)

    def shift_step(self, step: str, s: int, *args: Any) -> None:
        # Mostly a shift the step applies to; now and then any shift (refused if it does not).
        wanted = {
            "confirm": {ShiftStatus.PENDING},
            "dispute": {ShiftStatus.PENDING},
            "withdraw_shift": {ShiftStatus.PENDING, ShiftStatus.DISPUTED},
            "rerecord": {ShiftStatus.PENDING, ShiftStatus.DISPUTED},
            "reverse": {ShiftStatus.CONFIRMED},
            "correct": {ShiftStatus.CONFIRMED},
        }[step]
        apt = [k for k, v in self.shifts.items() if v["status"] in wanted]
        shift_id = pick(apt if apt and s % 5 else list(self.shifts), s)
        if shift_id is None:
            return
        shift = self.shifts[shift_id]
        agreement, borrower, lender = shift["agreement"], shift["borrower"], shift["lender"]
        m, rid = self.market, self.request_id()

        def becomes(status: ShiftStatus) -> Callable[[Any], None]:
            def update(_: Any) -> None:
                shift["status"] = status

            return update

        if step == "confirm":
            command = lambda: m.labour.confirm_shift(  # noqa: E731
                rep(lender), request_id=rid, agreement=agreement, shift=shift_id
            )
            self.attempt(command, becomes(ShiftStatus.CONFIRMED))
        elif step == "dispute":
            command = lambda: m.labour.dispute_shift(  # noqa: E731
                rep(lender), request_id=rid, agreement=agreement, shift=shift_id, reason="no"
            )
            self.attempt(command, becomes(ShiftStatus.DISPUTED))
        elif step == "withdraw_shift":
            command = lambda: m.labour.withdraw_shift(  # noqa: E731
                rep(borrower), request_id=rid, agreement=agreement, shift=shift_id
            )
            self.attempt(command, becomes(ShiftStatus.WITHDRAWN))
        elif step == "reverse":
            (by_lender,) = args
            who = rep(lender if by_lender else borrower)
            command = lambda: m.labour.reverse_shift(  # noqa: E731
                who, request_id=rid, agreement=agreement, shift=shift_id, reason="wrong"
            )
            self.attempt(command, becomes(ShiftStatus.REVERSED))
        else:  # rerecord or correct: the old one goes, a new one for the same worker comes
            d, minutes = args
            on = pick(DAYS, d)
            method = m.labour.rerecord_shift if step == "rerecord" else m.labour.correct_shift
            extra = {} if step == "rerecord" else {"reason": "corrected"}
            command = lambda: method(  # noqa: E731
                rep(borrower),
                request_id=rid,
                agreement=agreement,
                shift=shift_id,
                work_date=on,
                minutes=minutes,
                **extra,
            )

            def replaced(new_id: UUID) -> None:
                shift["status"] = (
                    ShiftStatus.WITHDRAWN if step == "rerecord" else ShiftStatus.REVERSED
                )
                self.shifts[new_id] = {
                    **shift,
                    "date": on,
                    "minutes": minutes,
                    "status": ShiftStatus.PENDING,
                }

            self.attempt(command, replaced)

    def home(self, f: int, w: int, d: int, minutes: int) -> None:
        firm, worker, on = pick(FIRMS, f), pick(WORKER_REFS, w), pick(DAYS, d)
        m, rid = self.market, self.request_id()
        command = lambda: m.labour.declare_home_hours(  # noqa: E731
            rep(firm), request_id=rid, worker=worker, work_date=on, minutes=minutes
        )
        self.attempt(command, lambda _: None)

    def settle(self, a: int, d1: int, d2: int) -> None:
        chosen = pick(self.agreements, a)
        if chosen is None:
            return
        agreement, _, lender, _ = chosen
        first, last = sorted((pick(DAYS, d1), pick(DAYS, d2)))
        m, rid = self.market, self.request_id()
        command = lambda: m.labour.issue_settlement(  # noqa: E731
            rep(lender), request_id=rid, agreement=agreement, first_day=first, last_day=last
        )
        self.attempt(command, lambda s: self.settlements.append((agreement, s)))

    def pay(self, k: int, quarters: int) -> None:
        chosen = pick(self.settlements, k)
        if chosen is None:
            return
        agreement, settlement = chosen
        borrower = next(b for a, b, _, _ in self.agreements if a == agreement)
        owed = self.market.labour.agreement(agreement).owed_on(settlement)
        # 1-4 quarters of what is owed (at least a fen); 5: a fen more than owed (refused).
        amount = Money(owed.fen + 1) if quarters == 5 else Money(max(1, owed.fen * quarters // 4))
        m, rid = self.market, self.request_id()
        command = lambda: m.labour.record_payment(  # noqa: E731
            rep(borrower), request_id=rid, agreement=agreement, settlement=settlement, amount=amount
        )
        self.attempt(command, lambda _: None)

    def retry(self, k: int) -> None:
        """The same request again: the first result, and nothing recorded."""
        chosen = pick(self.done, k)
        if chosen is None:
            return
        command, result = chosen
        before = self.market._app.recorder.max_notification_id()
        assert result == command()
        assert before == self.market._app.recorder.max_notification_id()
        if self.checking:
            before_all = self.observe()
            assert result == command()
            assert before_all == self.observe()
        self.retried += 1

    def run(self, op: tuple[Any, ...]) -> None:
        kind, *args = op
        if kind == "propose":
            self.propose(*args)
        elif kind in ("accept", "decline", "close", "withdraw"):
            self.agreement_step(kind, *args)
        elif kind == "shift":
            self.record(*args)
        elif kind in ("confirm", "dispute", "withdraw_shift", "reverse", "rerecord", "correct"):
            self.shift_step(kind, *args)
        elif kind == "home":
            self.home(*args)
        elif kind == "settle":
            self.settle(*args)
        elif kind == "pay":
            self.pay(*args)
        else:
            self.retry(*args)


def play(market: ShareMarket, sequence: tuple[Any, list[Any], list[Any]], checking=True) -> Run:
    open_park(market)
    policy, openings_, steps = sequence
    if policy != LABOUR_LAW:
        market.labour.set_working_time_policy(ADMIN, request_id="policy", policy=policy)
    run = Run(market, checking=checking)
    for b, le, mask in openings_:
        run.propose(b, le, mask)
    for op in steps:
        run.run(op)
    return run


# The properties ---------------------------------------------------------------------------------


def check_conservation(run: Run) -> None:
    """Minutes lent equal minutes borrowed, per agreement and over all firms; both equal what
    the model of the successful commands says was confirmed."""
    lent: dict[FirmId, int] = {}
    borrowed: dict[FirmId, int] = {}
    for agreement, borrower, lender, _ in run.agreements:
        statement = run.market.labour.statement(agreement)
        by_worker = Minutes.sum(statement.confirmed_by_worker.values())
        by_date = Minutes.sum(statement.confirmed_by_date.values())
        assert by_worker == by_date
        model = sum(
            s["minutes"]
            for s in run.shifts.values()
            if s["agreement"] == agreement and s["status"] is ShiftStatus.CONFIRMED
        )
        assert Minutes(model) == by_worker
        lent[lender] = lent.get(lender, 0) + by_worker.value
        borrowed[borrower] = borrowed.get(borrower, 0) + by_worker.value
        assert statement.owed == statement.settled - statement.paid
        assert not statement.owed.is_negative()
    assert sum(lent.values()) == sum(borrowed.values())


def check_timesheets(run: Run) -> None:
    """Every timesheet keeps every cap, and books exactly the live shifts of its worker lent by
    its home firm (plus the home firm's own hours)."""
    policy = run.market.labour.working_time_policy()
    for firm in FIRMS:
        for worker in WORKER_REFS:
            sheet = run.market.labour.timesheet(firm, worker)
            entries = {} if sheet is None else sheet.entries
            assert [] == cap_violations(entries, policy)
            expected = {
                str(shift_id): [s["date"].isoformat(), s["minutes"]]
                for shift_id, s in run.shifts.items()
                if s["lender"] == firm and s["worker"] == worker and s["status"] in LIVE
            }
            booked = {key: row[:2] for key, row in entries.items() if not key.startswith("home:")}
            assert expected == booked


@given(sequences)
def test_any_command_sequence_keeps_caps_and_conservation(sequence):
    """For any sequence of labour commands: minutes lent == minutes borrowed, no worker is over a
    cap on any day, week or month, every refused command changed nothing (checked as it ran),
    and every retried command returned its first result and recorded nothing."""
    market = ShareMarket.in_memory()
    try:
        run = play(market, sequence)
        check_conservation(run)
        check_timesheets(run)
    finally:
        market.close()


def check_replay(run: Run, fresh: ShareMarket) -> None:
    """Each aggregate the commands saved, loaded afresh from the store, equals its live state."""
    for aggregate_id, live in run.saved.items():
        assert live == state(fresh._app.repository.get(aggregate_id))


@given(sequences)
def test_stored_events_replay_to_the_live_state_in_memory(sequence):
    """Every aggregate as it was when last saved equals the one the repository rebuilds from the
    stored events (no cache: each get replays the store)."""
    market = ShareMarket.in_memory()
    try:
        run = play(market, sequence, checking=False)
        check_replay(run, market)
    finally:
        market.close()


@settings(max_examples=8)
@given(sequences)
def test_stored_events_replay_to_the_live_state_on_sqlite(sequence):
    """The same on an SQLite file, read back by a second market opened on the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "market.sqlite"
        market = ShareMarket.sqlite(path)
        try:
            run = play(market, sequence, checking=False)
            fresh = ShareMarket.sqlite(path)
            try:
                check_replay(run, fresh)
                check_conservation(run)
            finally:
                fresh.close()
        finally:
            market.close()
