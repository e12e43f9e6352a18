"""market.batch(): many commands in one transaction, all recorded or none."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sharemarket import (
    Actor,
    ConcurrentUpdate,
    DailyHoursExceeded,
    DailyStandardHoursExceeded,
    FirmSize,
    InvalidInput,
    Minutes,
    RequestIdReused,
    ShareMarket,
    ShiftStatus,
    WorkingTimePolicy,
)
from sharemarket.domain.labour.policy import LABOUR_RULES_ID

LENDER = "91350100M000100Y43"
BORROWER = "91110000802100433B"
THIRD = "91350526MA2YB3TG44"
ADMIN = Actor.administrator("admin-1")
LENDER_REP = Actor.for_firm("rep-l", LENDER)
BORROWER_REP = Actor.for_firm("rep-b", BORROWER)


def _agreement(market: ShareMarket, workers: list[str]) -> object:
    market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park")
    market.park.admit_firm(
        ADMIN,
        request_id="a-l",
        firm=LENDER,
        name="同鑫陶瓷",
        industry="ceramics",
        size=FirmSize.SMALL,
        representatives=["rep-l"],
    )
    market.park.admit_firm(
        ADMIN,
        request_id="a-b",
        firm=BORROWER,
        name="冠福",
        industry="ceramics",
        size=FirmSize.LARGE,
        representatives=["rep-b"],
    )
    agreement = market.labour.propose_agreement(
        BORROWER_REP,
        request_id="ag",
        lender=LENDER,
        work="上釉 glazing",
        rate_per_hour="22.50",
        first_day=date(2026, 3, 1),
        last_day=date(2026, 3, 31),
        workers=workers,
    )
    market.labour.accept_agreement(LENDER_REP, request_id="acc", agreement=agreement)
    return agreement


def _import_month(market: ShareMarket, agreement: object, workers: list[str]) -> list[object]:
    shifts = []
    for w in workers:
        for d in range(5):  # Monday 2 March to Friday 6 March
            shift = market.labour.record_shift(
                BORROWER_REP,
                request_id=f"s-{w}-{d}",
                agreement=agreement,
                worker=w,
                work_date=date(2026, 3, 2) + timedelta(days=d),
                minutes=8 * 60,
            )
            market.labour.confirm_shift(
                LENDER_REP, request_id=f"c-{w}-{d}", agreement=agreement, shift=shift
            )
            shifts.append(shift)
    return shifts


def test_a_batch_records_every_command_in_one_transaction(market):
    """Inside a batch nothing is recorded until the block ends; then everything is."""
    workers = ["W-1", "W-2", "W-3"]
    agreement = _agreement(market, workers)
    before = market._app.recorder.max_notification_id()
    with market.batch():
        shifts = _import_month(market, agreement, workers)
        assert market._app.recorder.max_notification_id() == before
    statement = market.labour.statement(agreement)
    assert len(shifts) == 15
    assert statement.confirmed.value == 15 * 8 * 60
    assert market._app.recorder.max_notification_id() > before


def test_a_rejected_command_in_a_batch_records_nothing_at_all(market):
    """One refused command (here a daily-cap breach) aborts the batch: nothing is recorded."""
    workers = ["W-1"]
    agreement = _agreement(market, workers)
    before = market._app.recorder.max_notification_id()

    def import_with_one_bad_row() -> None:
        with market.batch():
            _import_month(market, agreement, workers)
            market.labour.record_shift(
                BORROWER_REP,
                request_id="too-long",
                agreement=agreement,
                worker="W-1",
                work_date=date(2026, 3, 2),
                minutes=4 * 60,
            )

    with pytest.raises(DailyHoursExceeded):
        import_with_one_bad_row()
    assert market._app.recorder.max_notification_id() == before
    assert market.labour.statement(agreement).confirmed.value == 0


def test_a_batch_replayed_with_the_same_request_ids_records_nothing(store):
    """Re-running an import (same request ids) returns the same ids and records nothing,
    also in a market reopened on the same store."""
    market = store.open()
    workers = ["W-1", "W-2"]
    agreement = _agreement(market, workers)
    with market.batch():
        first = _import_month(market, agreement, workers)
    after = market._app.recorder.max_notification_id()
    reopened = store.open()
    with reopened.batch():
        again = _import_month(reopened, agreement, workers)
    assert first == again
    assert reopened._app.recorder.max_notification_id() == after


def test_a_batch_is_decided_again_when_another_writer_got_there_first(store_factory):
    """A concurrent write to the same worker's timesheet makes the batch's save conflict; the
    batch is decided again from fresh state and then refused, because together they would
    break the daily cap. Nothing of the batch is recorded."""
    store = store_factory("sqlite")
    market = store.open()
    agreement = _agreement(market, ["W-1"])
    other = store.open()
    before = []

    def import_while_another_writes() -> None:
        with market.batch():
            market.labour.record_shift(
                BORROWER_REP,
                request_id="batch-1",
                agreement=agreement,
                worker="W-1",
                work_date=date(2026, 3, 2),
                minutes=6 * 60,
            )
            other.labour.record_shift(
                BORROWER_REP,
                request_id="other-1",
                agreement=agreement,
                worker="W-1",
                work_date=date(2026, 3, 2),
                minutes=6 * 60,
            )
            before.append(other._app.recorder.max_notification_id())

    with pytest.raises(DailyHoursExceeded):
        import_while_another_writes()
    assert [market._app.recorder.max_notification_id()] == before
    sheet = store.open().labour.timesheet(LENDER, "W-1")
    assert sheet is not None
    assert sheet.day_total(date(2026, 3, 2)).value == 6 * 60


def test_batches_do_not_nest(market):
    """A batch inside a batch is a programming error, said plainly."""
    with pytest.raises(RuntimeError, match="do not nest"), market.batch(), market.batch():
        pass


def test_a_command_refused_half_way_inside_a_batch_leaves_no_trace(market):
    """Re-recording a disputed shift withdraws it and records a new one; refused after the
    withdrawal (a bad overtime figure), and caught by the host, it leaves the earlier commands of
    the batch standing and the disputed shift untouched."""
    agreement = _agreement(market, ["W-1", "W-2"])
    disputed = market.labour.record_shift(
        BORROWER_REP,
        request_id="s-1",
        agreement=agreement,
        worker="W-1",
        work_date=date(2026, 3, 2),
        minutes=480,
    )
    market.labour.dispute_shift(
        LENDER_REP, request_id="d-1", agreement=agreement, shift=disputed, reason="7 hours, not 8"
    )
    refused = []
    with market.batch():
        kept = market.labour.record_shift(
            BORROWER_REP,
            request_id="s-2",
            agreement=agreement,
            worker="W-2",
            work_date=date(2026, 3, 2),
            minutes=480,
        )
        try:
            market.labour.rerecord_shift(
                BORROWER_REP,
                request_id="r-1",
                agreement=agreement,
                shift=disputed,
                work_date=date(2026, 3, 2),
                minutes=420,
                overtime=500,
            )
        except InvalidInput as error:
            refused.append(error)
    assert 1 == len(refused)
    agreement_now = market.labour.agreement(agreement)
    assert ShiftStatus.DISPUTED == agreement_now.shift(disputed).status
    assert ShiftStatus.PENDING == agreement_now.shift(kept).status
    sheet = market.labour.timesheet(LENDER, "W-1")
    assert sheet is not None
    assert 480 == sheet.day_total(date(2026, 3, 2)).value


def test_a_used_request_id_whose_command_would_succeed_again_replays_in_a_batch(store):
    """Setting the same policy again would succeed; with a used request id it must replay.
    A batch does not look request ids up as it goes: its save finds the used one and the batch
    is decided again, so the policy is set once and the batch's new shift is recorded."""
    market = store.open()
    agreement = _agreement(market, ["W-1"])
    policy = WorkingTimePolicy(daily_overtime_max=Minutes(120))
    market.labour.set_working_time_policy(ADMIN, request_id="policy", policy=policy)
    rules_events = len(market._app.recorder.select_events(LABOUR_RULES_ID))

    with market.batch():
        market.labour.set_working_time_policy(ADMIN, request_id="policy", policy=policy)
        shift = _eight_hours(market, agreement, "new", "W-1")

    assert rules_events == len(market._app.recorder.select_events(LABOUR_RULES_ID))
    assert ShiftStatus.PENDING == store.open().labour.agreement(agreement).shift(shift).status


def test_a_request_id_used_twice_in_one_batch_replays_the_first(market):
    agreement = _agreement(market, ["W-1"])
    with market.batch():
        first = _eight_hours(market, agreement, "twice", "W-1")
        second = _eight_hours(market, agreement, "twice", "W-1")
    assert first == second
    assert 1 == len(market.labour.agreement(agreement).shift_entries())


def test_a_used_request_id_with_other_arguments_refuses_the_whole_batch(store):
    market = store.open()
    agreement = _agreement(market, ["W-1", "W-2"])
    market.labour.set_working_time_policy(
        ADMIN, request_id="policy", policy=WorkingTimePolicy(daily_overtime_max=Minutes(120))
    )
    before = market._app.recorder.max_notification_id()

    def import_reusing_a_request_id() -> None:
        with market.batch():
            _eight_hours(market, agreement, "new", "W-2")
            market.labour.set_working_time_policy(
                ADMIN,
                request_id="policy",
                policy=WorkingTimePolicy(daily_overtime_max=Minutes(60)),
            )

    with pytest.raises(RequestIdReused):
        import_reusing_a_request_id()

    assert before == market._app.recorder.max_notification_id()
    assert [] == store.open().labour.agreement(agreement).shift_entries()


MONDAY = date(2026, 3, 2)


def shift(
    market: ShareMarket, agreement: object, rid: str, worker: str, day: date, minutes: int
) -> object:
    """A shift the borrower records, one command."""
    return market.labour.record_shift(
        BORROWER_REP,
        request_id=rid,
        agreement=agreement,
        worker=worker,
        work_date=day,
        minutes=minutes,
    )


def _eight_hours(market: ShareMarket, agreement: object, request_id: str, worker: str) -> object:
    """An 8-hour shift on Monday 2 March 2026."""
    return shift(market, agreement, request_id, worker, MONDAY, 480)


def test_a_refusal_decided_on_a_stale_warm_copy_is_decided_again_on_fresh_state(store):
    """A batch uses this market's warm copies without asking the store whether they are
    current (its save checks them). Another market on the same store withdrew a 6-hour shift
    this one still holds: on the warm copy, 4 more hours would pass the standard day. The
    refusal is checked against the store before it is raised: the copy is stale, so the batch
    is decided again on fresh state, and there the shift fits."""
    market = store.open()
    agreement = _agreement(market, ["W-1"])
    first = shift(market, agreement, "six", "W-1", MONDAY, 6 * 60)
    other = store.open()
    other.labour.withdraw_shift(BORROWER_REP, request_id="wd", agreement=agreement, shift=first)
    with market.batch():
        second = shift(market, agreement, "four", "W-1", MONDAY, 4 * 60)
    sheet = store.open().labour.timesheet(LENDER, "W-1")
    assert sheet is not None
    assert 4 * 60 == sheet.day_total(date(2026, 3, 2)).value
    assert ShiftStatus.PENDING == store.open().labour.agreement(agreement).shift(second).status


def test_a_refusal_on_current_warm_copies_stands_in_a_batch(store):
    """The same batch with nothing withdrawn meanwhile: the warm copies are current, the
    refusal stands, and nothing of the batch is recorded."""
    market = store.open()
    agreement = _agreement(market, ["W-1", "W-2"])
    shift(market, agreement, "six", "W-1", MONDAY, 6 * 60)
    before = market._app.recorder.max_notification_id()

    def four_more_hours() -> None:
        with market.batch():
            _eight_hours(market, agreement, "w2", "W-2")
            shift(market, agreement, "four", "W-1", MONDAY, 4 * 60)

    with pytest.raises(DailyStandardHoursExceeded):
        four_more_hours()
    assert before == market._app.recorder.max_notification_id()


def test_a_refusal_on_a_stale_copy_an_earlier_command_of_the_batch_loaded_is_checked(store):
    """The park, warm and stale (another market admitted the borrower), is loaded for update by
    the batch's first command; the second reads it (as every command checks membership) and
    would refuse the borrower as no member. That read is checked against the store like the
    first: the batch is decided again on fresh state, where both commands hold."""
    market = store.open()
    market.park.establish(ADMIN, request_id="park", name="Dehua ceramics park")
    admit(market, "a-l", LENDER, "rep-l")
    other = store.open()
    admit(other, "a-b", BORROWER, "rep-b")
    with market.batch():
        admit(market, "a-3", THIRD, "rep-3")
        agreement = market.labour.propose_agreement(
            BORROWER_REP,
            request_id="ag",
            lender=LENDER,
            work="上釉 glazing",
            rate_per_hour="22.50",
            first_day=date(2026, 3, 1),
            last_day=date(2026, 3, 31),
            workers=["W-1"],
        )
    fresh = store.open()
    assert {LENDER, BORROWER, THIRD} == {m.firm.code for m in fresh.park.members()}
    assert BORROWER == fresh.labour.agreement(agreement).borrower.code


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_an_earlier_command_that_no_longer_holds_fails_the_batch_as_a_whole(store_factory, kind):
    """Another market withdrew W-1's 6 hours and recorded 8 for W-2 on the same day. On this
    market's warm copies the batch's first command (8 hours for W-2) passes and its second (4
    more for W-1) is refused; the refusal is checked, the copies are stale, and on fresh state
    the first command no longer holds. Its answer was given already: the batch fails with
    ConcurrentUpdate, not with the first command's error read as the second's refusal, and
    records nothing. (Two markets on one in-memory store share their copies: none is stale.)"""
    store = store_factory(kind)
    market = store.open()
    agreement = _agreement(market, ["W-1", "W-2"])
    six = shift(market, agreement, "six", "W-1", MONDAY, 6 * 60)
    shift(market, agreement, "w2-tuesday", "W-2", date(2026, 3, 3), 60)  # W-2's sheet warm
    other = store.open()
    other.labour.withdraw_shift(BORROWER_REP, request_id="wd", agreement=agreement, shift=six)
    shift(other, agreement, "w2-other", "W-2", MONDAY, 8 * 60)
    before = store.open()._app.recorder.max_notification_id()
    with (  # noqa: PT012
        pytest.raises(ConcurrentUpdate, match="an earlier command no longer holds"),
        market.batch(),
    ):
        shift(market, agreement, "w2-eight", "W-2", MONDAY, 8 * 60)
        shift(market, agreement, "four", "W-1", MONDAY, 4 * 60)
    assert before == store.open()._app.recorder.max_notification_id()


def admit(market: ShareMarket, request_id: str, firm: str, rep: str) -> None:
    market.park.admit_firm(
        ADMIN,
        request_id=request_id,
        firm=firm,
        name=f"陶瓷 {firm[-4:]}",
        industry="ceramics",
        size=FirmSize.SMALL,
        representatives=[rep],
    )


def test_an_application_notified_of_saved_events_is_notified_of_a_batch(market):
    """A batch builds no recordings for nobody; an application that overrides ``_notify``
    (as eventsourcing's process applications do) still gets one per stored event."""
    agreement = _agreement(market, ["W-1"])
    notified: list[object] = []

    class Listening(type(market._app)):  # type: ignore[misc]
        def _notify(self, recordings):
            notified.extend(recordings)

    market._app.__class__ = Listening
    before = market._app.recorder.max_notification_id()
    with market.batch():
        _eight_hours(market, agreement, "s-1", "W-1")
    stored = market._app.recorder.select_notifications(
        start=before, limit=100, inclusive_of_start=False
    )
    assert stored
    assert [n.id for n in stored] == [r.notification.id for r in notified]
