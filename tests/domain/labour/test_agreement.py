"""LabourAgreement: lifecycle, who may take which step, shifts confirmed by both sides, payment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import (
    Actor,
    AgreementMinutesCapExceeded,
    AgreementNotActive,
    AgreementStatus,
    DayType,
    FirmNotActive,
    InvalidInput,
    InvalidTransition,
    Minutes,
    Money,
    NotFound,
    NothingToSettle,
    Overpayment,
    PermissionDenied,
    PersonalDataRefused,
    SelfBorrowing,
    Shift,
    ShiftAlreadySettled,
    ShiftOutsidePeriod,
    ShiftStatus,
    WorkerNotOnAgreement,
    WorkingTimePolicy,
)
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.policy import LABOUR_LAW
from sharemarket.domain.labour.workers import WORKER_REF_MAX, check_worker_ref
from sharemarket.domain.park.membership import Park
from tests.labour_support import (
    ADMIN,
    GUANFU,
    JIAMEI,
    OUTSIDER,
    TONGXIN,
    domain_park,
    rep,
    replay,
    state,
)
from tests.strategies import personal_data, worker_refs

BORROWER = rep(TONGXIN)  # 同鑫陶瓷 borrows
LENDER = rep(JIAMEI)  # 佳美陶瓷 lends
THIRD = rep(GUANFU)
# Spring Canton Fair season.
FIRST, LAST = date(2026, 4, 13), date(2026, 5, 10)
MON = date(2026, 4, 13)


@pytest.fixture
def park() -> Park:
    return domain_park()


def propose(park: Park, actor: Actor = BORROWER, **overrides) -> LabourAgreement:
    args = {
        "agreement_id": uuid4(),
        "lender": JIAMEI,
        "work": "修坯 fettling",
        "rate_per_hour": Money.of("22.50"),
        "first_day": FIRST,
        "last_day": LAST,
        "workers": ["W-1", "W-2"],
    }
    args.update(overrides)
    return LabourAgreement.propose(park, actor, **args)


def active(park: Park, **overrides) -> LabourAgreement:
    agreement = propose(park, **overrides)
    agreement.accept(park, LENDER)
    return agreement


def a_shift(
    worker: str = "W-1",
    on: date = MON,
    minutes: int = 480,
    overtime: int | None = None,
    day_type: DayType = DayType.WORKDAY,
) -> Shift:
    return Shift.of(
        shift_id=uuid4(),
        worker=worker,
        work_date=on,
        minutes=Minutes(minutes),
        overtime=None if overtime is None else Minutes(overtime),
        day_type=day_type,
    )


def recorded(park: Park, agreement: LabourAgreement, **kwargs) -> UUID:
    shift = a_shift(**kwargs)
    agreement.record_shift(park, BORROWER, shift)
    return shift.shift_id


def confirmed(park: Park, agreement: LabourAgreement, **kwargs) -> UUID:
    shift_id = recorded(park, agreement, **kwargs)
    agreement.confirm_shift(park, LENDER, shift_id)
    return shift_id


def settle(agreement: LabourAgreement, park: Park, first=FIRST, last=LAST) -> UUID:
    settlement_id = uuid4()
    agreement.issue_settlement(
        park, LENDER, settlement_id=settlement_id, first_day=first, last_day=last, policy=LABOUR_LAW
    )
    return settlement_id


def whole(agreement: LabourAgreement) -> LabourAgreement:
    """The agreement as its whole history makes it (these tests never collect its events):
    what remembers the shifts and settlements that closed."""
    return LabourAgreement.replayed(list(agreement.pending_events))


def refused(agreement: LabourAgreement, error: type[Exception], call: Callable[[], object]):
    """``call`` raises ``error`` and the agreement records nothing and does not change."""
    before, pending = state(agreement), list(agreement.pending_events)
    with pytest.raises(error) as info:
        call()
    assert before == state(agreement)
    assert pending == list(agreement.pending_events)
    return info.value


# Lifecycle -------------------------------------------------------------------------------------


def test_proposal_holds_the_terms_and_waits_for_the_lender(park):
    """The borrowing firm proposes; the agreement records both firms and its terms."""
    agreement = propose(park, minutes_cap=Minutes(600))
    assert (TONGXIN, JIAMEI) == (agreement.borrower, agreement.lender)
    assert AgreementStatus.PROPOSED == agreement.status
    assert ["W-1", "W-2"] == agreement.workers
    assert Money.of("22.50") == agreement.rate_per_hour
    assert Minutes(600) == agreement.minutes_cap
    assert "修坯 fettling" == agreement.work


def test_accepting_makes_it_active(park):
    """The lending firm's acceptance opens the agreement to shifts."""
    agreement = active(park)
    assert AgreementStatus.ACTIVE == agreement.status
    recorded(park, agreement)


def test_declined_agreement_takes_no_shift_and_cannot_be_accepted(park):
    """A declined proposal is over: no acceptance, no shift."""
    agreement = propose(park)
    agreement.decline(park, LENDER, "peak season for us too")
    assert AgreementStatus.DECLINED == agreement.status
    refused(agreement, AgreementNotActive, lambda: agreement.accept(park, LENDER))
    refused(
        agreement, AgreementNotActive, lambda: agreement.record_shift(park, BORROWER, a_shift())
    )


@pytest.mark.parametrize("who", [BORROWER, LENDER], ids=["borrower", "lender"])
def test_either_side_may_withdraw_before_the_first_shift(park, who):
    """A proposed or accepted agreement without shifts can be withdrawn by either firm."""
    proposed = propose(park)
    proposed.withdraw(park, who, "no longer needed")
    assert AgreementStatus.WITHDRAWN == proposed.status
    accepted = active(park)
    accepted.withdraw(park, who, "no longer needed")
    assert AgreementStatus.WITHDRAWN == accepted.status
    refused(accepted, AgreementNotActive, lambda: accepted.record_shift(park, BORROWER, a_shift()))


def test_no_withdrawal_after_the_first_shift(park):
    """Once a shift is recorded (even one taken back later) the agreement can only be closed."""
    agreement = active(park)
    shift_id = recorded(park, agreement)
    refused(agreement, InvalidTransition, lambda: agreement.withdraw(park, BORROWER, "oops"))
    agreement.withdraw_shift(park, BORROWER, shift_id)
    refused(agreement, InvalidTransition, lambda: agreement.withdraw(park, LENDER, "oops"))


@pytest.mark.parametrize("who", [BORROWER, LENDER], ids=["borrower", "lender"])
def test_either_side_may_close_and_no_shift_follows(park, who):
    """After closing no new shift is accepted."""
    agreement = active(park)
    agreement.close(park, who, "orders delivered")
    assert AgreementStatus.CLOSED == agreement.status
    refused(
        agreement, AgreementNotActive, lambda: agreement.record_shift(park, BORROWER, a_shift())
    )
    refused(agreement, AgreementNotActive, lambda: agreement.close(park, who, "again"))
    refused(agreement, InvalidTransition, lambda: agreement.withdraw(park, who, "late"))


def test_shifts_recorded_before_closing_remain_and_settle(park):
    """Closing keeps what was recorded: pending shifts can still be confirmed, then settled and
    paid."""
    agreement = active(park)
    pending = recorded(park, agreement)
    done = confirmed(park, agreement, on=MON + timedelta(days=1))
    agreement.close(park, BORROWER, "Canton Fair orders shipped")
    agreement.confirm_shift(park, LENDER, pending)
    settlement_id = settle(agreement, park)
    assert {pending, done} == set(whole(agreement).settlement(settlement_id).shift_ids)
    agreement.record_payment(
        park, BORROWER, settlement_id=settlement_id, payment_id=uuid4(), amount=Money.of("360.00")
    )
    assert Money.zero() == whole(agreement).statement().owed


def test_only_a_proposed_agreement_can_be_accepted_or_declined(park):
    """Accepting twice, or declining an accepted agreement, is refused."""
    agreement = active(park)
    refused(agreement, AgreementNotActive, lambda: agreement.accept(park, LENDER))
    refused(agreement, AgreementNotActive, lambda: agreement.decline(park, LENDER, "no"))


# Terms -----------------------------------------------------------------------------------------


def test_a_firm_cannot_borrow_from_itself(park):
    """SelfBorrowing: the borrower names itself as the lender."""
    with pytest.raises(SelfBorrowing):
        propose(park, lender=TONGXIN)


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"rate_per_hour": Money(-1)}, InvalidInput),
        ({"first_day": LAST, "last_day": FIRST}, InvalidInput),
        ({"minutes_cap": Minutes(0)}, InvalidInput),
        ({"minutes_cap": Minutes(-60)}, InvalidInput),
        ({"workers": []}, InvalidInput),
        ({"work": "   "}, InvalidInput),
        ({"work": "x" * 101}, InvalidInput),
        ({"rate_per_hour": 22.5}, TypeError),
        ({"workers": "W-1"}, TypeError),
    ],
    ids=[
        "negative rate",
        "period ends before it starts",
        "zero cap",
        "negative cap",
        "no workers",
        "blank work",
        "work too long",
        "float rate",
        "workers as one string",
    ],
)
def test_malformed_terms_are_refused(park, overrides, error):
    """A proposal with malformed terms is refused before anything is recorded."""
    with pytest.raises(error):
        propose(park, **overrides)


def test_zero_rate_is_allowed(park):
    """Lending is not for profit: a zero hourly rate is a valid agreement."""
    agreement = active(park, rate_per_hour=Money.zero())
    confirmed(park, agreement)
    settlement_id = settle(agreement, park)
    assert Money.zero() == whole(agreement).settlement(settlement_id).amount
    assert {} == agreement.settlements  # nothing to pay: closed as it is issued


def test_one_day_period_is_allowed(park):
    """The first and last day may be the same day."""
    agreement = active(park, first_day=MON, last_day=MON)
    recorded(park, agreement, on=MON)


# Membership ------------------------------------------------------------------------------------


def test_lender_must_be_a_member(park):
    """A lender the park never admitted is not found."""
    with pytest.raises(NotFound):
        propose(park, lender=OUTSIDER)


def test_suspended_lender_cannot_be_proposed_to(park):
    """The lender must be an active member."""
    park.suspend_firm(ADMIN, JIAMEI, "audit")
    with pytest.raises(FirmNotActive):
        propose(park)


def test_suspended_borrower_cannot_propose(park):
    """The borrower must be an active member."""
    park.suspend_firm(ADMIN, TONGXIN, "audit")
    with pytest.raises(FirmNotActive):
        propose(park)


def test_lender_cannot_accept_for_a_borrower_suspended_meanwhile(park):
    """Both firms must still be active when the lender accepts."""
    agreement = propose(park)
    park.suspend_firm(ADMIN, TONGXIN, "audit")
    refused(agreement, FirmNotActive, lambda: agreement.accept(park, LENDER))


def test_no_shift_while_either_firm_is_suspended(park):
    """A shift needs both firms active."""
    agreement = active(park)
    park.suspend_firm(ADMIN, JIAMEI, "audit")
    refused(agreement, FirmNotActive, lambda: agreement.record_shift(park, BORROWER, a_shift()))
    park.reinstate_firm(ADMIN, JIAMEI)
    park.suspend_firm(ADMIN, TONGXIN, "audit")
    refused(agreement, FirmNotActive, lambda: agreement.record_shift(park, BORROWER, a_shift()))


def test_a_suspended_borrower_may_still_pay_what_it_owes(park):
    """Paying a settlement is not something new: suspension does not block it."""
    agreement = active(park)
    confirmed(park, agreement)
    settlement_id = settle(agreement, park)
    park.suspend_firm(ADMIN, TONGXIN, "audit")
    agreement.record_payment(
        park, BORROWER, settlement_id=settlement_id, payment_id=uuid4(), amount=Money(100)
    )
    assert Money(100) == whole(agreement).statement().paid


# Permissions -----------------------------------------------------------------------------------

NOT_APPOINTED_LENDER = rep(JIAMEI, 3)
NOT_APPOINTED_BORROWER = rep(TONGXIN, 3)


def _steps(park: Park, agreement: LabourAgreement, pending: UUID, done: UUID, settled: UUID):
    """Every step on an agreement, as a function of who takes it."""
    return {
        "accept": lambda who: agreement.accept(park, who),
        "decline": lambda who: agreement.decline(park, who, "no"),
        "add workers": lambda who: agreement.add_workers(park, who, ["W-9"]),
        "remove workers": lambda who: agreement.remove_workers(park, who, ["W-2"]),
        "confirm": lambda who: agreement.confirm_shift(park, who, pending),
        "dispute": lambda who: agreement.dispute_shift(park, who, pending, "not seen"),
        "settle": lambda who: agreement.issue_settlement(
            park, who, settlement_id=uuid4(), first_day=FIRST, last_day=LAST, policy=LABOUR_LAW
        ),
        "record shift": lambda who: agreement.record_shift(park, who, a_shift(on=MON)),
        "withdraw shift": lambda who: agreement.withdraw_shift(park, who, pending),
        "pay": lambda who: agreement.record_payment(
            park, who, settlement_id=settled, payment_id=uuid4(), amount=Money(1)
        ),
        "close": lambda who: agreement.close(park, who, "done"),
        "withdraw": lambda who: agreement.withdraw(park, who, "done"),
        "reverse": lambda who: agreement.reverse_shift(park, who, done, "wrong day"),
    }


LENDER_STEPS = [
    "accept",
    "decline",
    "add workers",
    "remove workers",
    "confirm",
    "dispute",
    "settle",
]
BORROWER_STEPS = ["record shift", "withdraw shift", "pay"]
EITHER_STEPS = ["close", "withdraw", "reverse"]
OUTSIDERS = {
    "administrator": ADMIN,
    "third firm": THIRD,
    "unappointed user of the lender": NOT_APPOINTED_LENDER,
    "unappointed user of the borrower": NOT_APPOINTED_BORROWER,
}


def _denied_cases():
    for step in LENDER_STEPS:
        yield step, "borrower", BORROWER
    for step in BORROWER_STEPS:
        yield step, "lender", LENDER
    for step in LENDER_STEPS + BORROWER_STEPS + EITHER_STEPS:
        for name, actor in OUTSIDERS.items():
            yield step, name, actor


@pytest.mark.parametrize(
    ("step", "who"),
    [(step, actor) for step, _, actor in _denied_cases()],
    ids=[f"{step} by {name}" for step, name, _ in _denied_cases()],
)
def test_only_each_sides_representatives_take_its_steps(park, step, who):
    """Every step is refused with PermissionDenied to anyone but the representatives of the side
    it belongs to, and nothing is recorded."""
    agreement = active(park)
    if step in ("accept", "decline"):
        agreement = propose(park)
        pending = done = settled = uuid4()
    else:
        pending = recorded(park, agreement, on=MON + timedelta(days=1))
        done = confirmed(park, agreement, on=MON + timedelta(days=2))
        settled = settle(agreement, park, MON + timedelta(days=2), MON + timedelta(days=2))
        done = confirmed(park, agreement, on=MON + timedelta(days=3))
    refused(
        agreement,
        PermissionDenied,
        lambda: _steps(park, agreement, pending, done, settled)[step](who),
    )


def test_second_representative_acts_for_the_firm_too(park):
    """Any appointed representative of a firm may take its steps."""
    agreement = propose(park, actor=rep(TONGXIN, 2))
    agreement.accept(park, rep(JIAMEI, 2))
    agreement.record_shift(park, rep(TONGXIN, 2), a_shift())
    assert AgreementStatus.ACTIVE == agreement.status


def test_an_administrator_cannot_propose(park):
    """Only a firm's representative proposes; an administrator acts for no firm."""
    with pytest.raises(PermissionDenied):
        propose(park, actor=ADMIN)


def test_an_unappointed_user_cannot_propose_for_a_firm(park):
    """Claiming to act for a firm is not enough: the park must list the user."""
    with pytest.raises(PermissionDenied):
        propose(park, actor=NOT_APPOINTED_BORROWER)


# Worker references -----------------------------------------------------------------------------

PERSONAL_DATA = [
    "11010519491231002X",  # a resident ID (18 characters, check X)
    "110105194912310021",  # a resident ID
    "350526199001011234",  # a Dehua resident ID
    "W-11010519491231002x",  # a resident ID inside a reference
    "13812345678",  # a mobile number
    "+8613812345678",
    "+86-138-1234-5678",
    "+86 138-1234-5678",
    "138-1234-5678",
    "138 1234 5678",
    "0595-23581234",  # a Dehua landline
    "0595 23581234",
    "138.1234.5678",  # other separators
    "138_1234_5678",
    "(0595)23581234",  # the area code in brackets
    "0595_23581234",
    "张三",  # a Chinese name
    "张 三",
    "欧阳娜娜",
    "W-王伟",
    "𠮷𠮷",  # a name in CJK extension B characters
]


@pytest.mark.parametrize("ref", PERSONAL_DATA)
def test_personal_data_is_refused_as_a_worker_reference(park, ref):
    """Names, ID numbers and phone numbers never enter the event log (PIPL): proposing, adding
    a worker and recording a shift all refuse them with PersonalDataRefused."""
    with pytest.raises(PersonalDataRefused):
        propose(park, workers=["W-1", ref])
    agreement = active(park)
    refused(agreement, PersonalDataRefused, lambda: agreement.add_workers(park, LENDER, [ref]))
    with pytest.raises(PersonalDataRefused):
        a_shift(worker=ref)


@pytest.mark.parametrize("ref", ["W-17", "fettler-03", "emp_2031", "A1B2C3", "jm:0042", "42"])
def test_opaque_worker_references_are_accepted(park, ref):
    """Short opaque references chosen by the host are fine."""
    agreement = propose(park, workers=[ref])
    assert [ref] == agreement.workers


# Shifts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("on", [FIRST - timedelta(days=1), LAST + timedelta(days=1)])
def test_shift_outside_the_period_is_refused(park, on):
    """A work date before the first or after the last day of the agreement is refused."""
    agreement = active(park)
    refused(
        agreement,
        ShiftOutsidePeriod,
        lambda: agreement.record_shift(park, BORROWER, a_shift(on=on)),
    )


@pytest.mark.parametrize("on", [FIRST, LAST])
def test_first_and_last_day_are_in_the_period(park, on):
    """The period includes both ends."""
    agreement = active(park)
    recorded(park, agreement, on=on)


def test_shift_for_a_worker_not_on_the_agreement_is_refused(park):
    """Only workers the lender lent under this agreement can have shifts on it."""
    agreement = active(park)
    refused(
        agreement,
        WorkerNotOnAgreement,
        lambda: agreement.record_shift(park, BORROWER, a_shift(worker="W-9")),
    )


def test_lender_adds_and_removes_workers(park):
    """A removed worker takes no new shift; an added one does; the removed worker's recorded
    shifts stay."""
    agreement = active(park)
    kept = recorded(park, agreement, worker="W-2")
    agreement.remove_workers(park, LENDER, ["W-2"])
    assert ["W-1"] == agreement.workers
    refused(
        agreement,
        WorkerNotOnAgreement,
        lambda: agreement.record_shift(park, BORROWER, a_shift(worker="W-2")),
    )
    assert ShiftStatus.PENDING == whole(agreement).shift(kept).status
    agreement.confirm_shift(park, LENDER, kept)
    agreement.add_workers(park, LENDER, ["W-3", "W-2"])
    assert ["W-1", "W-2", "W-3"] == agreement.workers
    recorded(park, agreement, worker="W-3")


def test_removing_an_absent_worker_or_adding_a_present_one_is_refused(park):
    """Worker lists change only by real additions and removals."""
    agreement = active(park)
    refused(
        agreement, WorkerNotOnAgreement, lambda: agreement.remove_workers(park, LENDER, ["W-9"])
    )
    refused(agreement, InvalidInput, lambda: agreement.add_workers(park, LENDER, ["W-1"]))


def test_recording_the_same_shift_twice_is_a_conflict(park):
    """A shift id is recorded once."""
    from sharemarket import Conflict

    agreement = active(park)
    shift = a_shift()
    agreement.record_shift(park, BORROWER, shift)
    refused(agreement, Conflict, lambda: agreement.record_shift(park, BORROWER, shift))


def test_agreement_minutes_cap(park):
    """Pending, disputed and confirmed shifts count towards the agreement's cap; withdrawn and
    reversed shifts free their minutes."""
    agreement = active(park, minutes_cap=Minutes(16 * 60))
    first = confirmed(park, agreement, on=MON)
    second = recorded(park, agreement, on=MON + timedelta(days=1))
    refused(
        agreement,
        AgreementMinutesCapExceeded,
        lambda: agreement.record_shift(
            park, BORROWER, a_shift(on=MON + timedelta(days=2), minutes=1)
        ),
    )
    agreement.dispute_shift(park, LENDER, second, "absent that day")
    refused(
        agreement,
        AgreementMinutesCapExceeded,
        lambda: agreement.record_shift(
            park, BORROWER, a_shift(on=MON + timedelta(days=2), minutes=1)
        ),
    )
    agreement.withdraw_shift(park, BORROWER, second)
    recorded(park, agreement, on=MON + timedelta(days=2))
    agreement.reverse_shift(park, LENDER, first, "wrong worker")
    recorded(park, agreement, on=MON + timedelta(days=3))
    assert 16 * 60 == agreement.booked_minutes


def _shift_in(park: Park, agreement: LabourAgreement, status: ShiftStatus) -> UUID:
    shift_id = recorded(park, agreement)
    if status is ShiftStatus.CONFIRMED:
        agreement.confirm_shift(park, LENDER, shift_id)
    elif status is ShiftStatus.DISPUTED:
        agreement.dispute_shift(park, LENDER, shift_id, "not seen")
    elif status is ShiftStatus.WITHDRAWN:
        agreement.withdraw_shift(park, BORROWER, shift_id)
    elif status is ShiftStatus.REVERSED:
        agreement.confirm_shift(park, LENDER, shift_id)
        agreement.reverse_shift(park, BORROWER, shift_id, "wrong day")
    return shift_id


TRANSITIONS = {
    # action: (who takes it, the status it leads to, the statuses it applies to)
    "confirm": (
        lambda a, p, s: a.confirm_shift(p, LENDER, s),
        ShiftStatus.CONFIRMED,
        {ShiftStatus.PENDING},
    ),
    "dispute": (
        lambda a, p, s: a.dispute_shift(p, LENDER, s, "not seen"),
        ShiftStatus.DISPUTED,
        {ShiftStatus.PENDING},
    ),
    "withdraw": (
        lambda a, p, s: a.withdraw_shift(p, BORROWER, s),
        ShiftStatus.WITHDRAWN,
        {ShiftStatus.PENDING, ShiftStatus.DISPUTED},
    ),
    "reverse": (
        lambda a, p, s: a.reverse_shift(p, BORROWER, s, "wrong day"),
        ShiftStatus.REVERSED,
        {ShiftStatus.CONFIRMED},
    ),
}


@pytest.mark.parametrize("status", list(ShiftStatus), ids=lambda s: s.value)
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_shift_transitions(park, action, status):
    """Each shift step applies only from the statuses it is meant for; from any other status it
    raises InvalidTransition and records nothing."""
    agreement = active(park)
    shift_id = _shift_in(park, agreement, status)
    call, leads_to, applies_to = TRANSITIONS[action]
    if status in applies_to:
        call(agreement, park, shift_id)
        assert leads_to == whole(agreement).shift(shift_id).status
    elif status in (ShiftStatus.WITHDRAWN, ShiftStatus.REVERSED):
        # A closed shift: the stored agreement has forgotten it; its history (what the
        # application decides on then) refuses the step as when it kept everything.
        refused(agreement, NotFound, lambda: call(agreement, park, shift_id))
        history = whole(agreement)
        refused(history, InvalidTransition, lambda: call(history, park, shift_id))
    else:
        refused(agreement, InvalidTransition, lambda: call(agreement, park, shift_id))


def test_unknown_shift_is_not_found(park):
    """Steps on a shift the agreement never recorded raise NotFound."""
    agreement = active(park)
    refused(agreement, NotFound, lambda: agreement.confirm_shift(park, LENDER, uuid4()))


def test_dispute_needs_a_reason(park):
    """The lender says why it disputes a shift; the reason is kept on the entry."""
    agreement = active(park)
    shift_id = recorded(park, agreement)
    refused(agreement, InvalidInput, lambda: agreement.dispute_shift(park, LENDER, shift_id, " "))
    agreement.dispute_shift(park, LENDER, shift_id, "W-1 was at home that day")
    assert "W-1 was at home that day" == whole(agreement).shift(shift_id).note


def test_disputed_shift_is_rerecorded_as_a_new_shift(park):
    """The borrower takes back a disputed shift and records the right one: the disputed one
    stays in the history as withdrawn, and only the new one counts once confirmed."""
    agreement = active(park)
    wrong = recorded(park, agreement, minutes=600, overtime=120)
    agreement.dispute_shift(park, LENDER, wrong, "left at 17:00")
    agreement.withdraw_shift(park, BORROWER, wrong)
    confirmed(park, agreement, minutes=480)
    assert ShiftStatus.WITHDRAWN == whole(agreement).shift(wrong).status
    assert {"W-1": Minutes(480)} == whole(agreement).statement().confirmed_by_worker


def test_a_confirmed_shift_is_corrected_by_reversal_and_a_new_shift(park):
    """A confirmed shift is never edited: the correction is a reversing entry plus a new shift,
    both in the history, and the original entry keeps the shift exactly as recorded."""
    agreement = active(park)
    original = a_shift(minutes=480)
    agreement.record_shift(park, BORROWER, original)
    agreement.confirm_shift(park, LENDER, original.shift_id)
    agreement.reverse_shift(park, BORROWER, original.shift_id, "was 7h30")
    corrected = confirmed(park, agreement, minutes=450)
    assert original == whole(agreement).shift(original.shift_id).shift
    assert ShiftStatus.REVERSED == whole(agreement).shift(original.shift_id).status
    assert "was 7h30" == whole(agreement).shift(original.shift_id).note
    assert ShiftStatus.CONFIRMED == whole(agreement).shift(corrected).status
    assert {MON: Minutes(450)} == whole(agreement).statement().confirmed_by_date
    names = [type(e).__name__ for e in agreement.pending_events]
    assert [
        "ShiftRecorded",
        "ShiftConfirmed",
        "ShiftReversed",
        "ShiftRecorded",
        "ShiftConfirmed",
    ] == names[-5:]


def test_a_settled_shift_cannot_be_reversed(park):
    """Once billed, a shift is final: ShiftAlreadySettled."""
    agreement = active(park)
    shift_id = confirmed(park, agreement)
    settle(agreement, park)
    refused(agreement, NotFound, lambda: agreement.reverse_shift(park, LENDER, shift_id, "late"))
    history = whole(agreement)
    refused(
        history,
        ShiftAlreadySettled,
        lambda: history.reverse_shift(park, LENDER, shift_id, "too late"),
    )


# Settlement and payment ------------------------------------------------------------------------


def test_a_shift_is_settled_at_most_once(park):
    """A second settlement over the same range finds nothing; overlapping ranges bill only the
    shifts not yet billed; pending shifts are never billed."""
    agreement = active(park)
    monday = confirmed(park, agreement, on=MON)
    recorded(park, agreement, on=MON + timedelta(days=1))
    first = settle(agreement, park)
    refused(agreement, NothingToSettle, lambda: settle(agreement, park))
    wednesday = confirmed(park, agreement, on=MON + timedelta(days=2))
    second = settle(agreement, park, MON, MON + timedelta(days=2))
    assert (monday,) == whole(agreement).settlement(first).shift_ids
    assert (wednesday,) == whole(agreement).settlement(second).shift_ids
    assert first == whole(agreement).shift(monday).settlement_id


def test_settlement_only_bills_its_date_range(park):
    """Confirmed shifts outside the range wait for a later settlement."""
    agreement = active(park)
    confirmed(park, agreement, on=MON)
    later = confirmed(park, agreement, on=MON + timedelta(days=7))
    settlement = agreement.settlement(settle(agreement, park, MON, MON + timedelta(days=6)))
    assert Minutes(480) == settlement.minutes
    assert whole(agreement).shift(later).settlement_id is None


def test_no_settlement_before_acceptance_or_with_a_reversed_range(park):
    """A proposed agreement has nothing to settle; a range that ends before it starts is
    malformed."""
    proposed = propose(park)
    refused(proposed, AgreementNotActive, lambda: settle(proposed, park))
    agreement = active(park)
    confirmed(park, agreement)
    refused(agreement, InvalidInput, lambda: settle(agreement, park, LAST, FIRST))


def test_payments_may_be_partial_and_never_exceed_what_is_owed(park):
    """The borrower pays in parts; a payment over what is still owed is an Overpayment and
    records nothing; what is owed is always settled minus paid."""
    agreement = active(park)  # ¥22.50 an hour
    confirmed(park, agreement, on=MON)  # 8h: ¥180.00
    settlement_id = settle(agreement, park)
    assert Money.of("180.00") == agreement.owed_on(settlement_id)

    def pay(amount: str) -> None:
        agreement.record_payment(
            park,
            BORROWER,
            settlement_id=settlement_id,
            payment_id=uuid4(),
            amount=Money.of(amount),
        )

    pay("100.00")
    assert Money.of("80.00") == agreement.owed_on(settlement_id)
    refused(agreement, Overpayment, lambda: pay("80.01"))
    pay("80.00")
    statement = whole(agreement).statement()
    assert (Money.of("180.00"), Money.of("180.00"), Money.zero()) == (
        statement.settled,
        statement.paid,
        statement.owed,
    )
    refused(agreement, Overpayment, lambda: pay("0.01"))


@pytest.mark.parametrize("amount", [Money.zero(), Money(-100)])
def test_a_payment_must_be_positive(park, amount):
    """Zero or negative payments are malformed."""
    agreement = active(park)
    confirmed(park, agreement)
    settlement_id = settle(agreement, park)
    refused(
        agreement,
        InvalidInput,
        lambda: agreement.record_payment(
            park, BORROWER, settlement_id=settlement_id, payment_id=uuid4(), amount=amount
        ),
    )


def test_payment_against_an_unknown_settlement_is_not_found(park):
    """A payment names a settlement of this agreement."""
    agreement = active(park)
    refused(
        agreement,
        NotFound,
        lambda: agreement.record_payment(
            park, BORROWER, settlement_id=uuid4(), payment_id=uuid4(), amount=Money(1)
        ),
    )


def test_owed_is_derivable_across_several_settlements(park):
    """Owed = sum of settlement amounts - sum of payments, and per settlement the same."""
    agreement = active(park)
    confirmed(park, agreement, on=MON)
    s1 = settle(agreement, park)
    confirmed(park, agreement, on=MON + timedelta(days=1), minutes=600, overtime=120)
    s2 = settle(agreement, park)
    agreement.record_payment(
        park, BORROWER, settlement_id=s1, payment_id=uuid4(), amount=Money.of("50.00")
    )
    amounts = whole(agreement).settlement(s1).amount + whole(agreement).settlement(s2).amount
    statement = whole(agreement).statement()
    assert amounts == statement.settled
    assert amounts - Money.of("50.00") == statement.owed
    assert statement.owed == agreement.owed_on(s1) + agreement.owed_on(s2)


def test_statement_counts_confirmed_and_pending_by_worker_and_date(park):
    """Only confirmed shifts count as confirmed; pending ones are shown apart; disputed,
    withdrawn and reversed shifts count nowhere."""
    agreement = active(park)
    confirmed(park, agreement, worker="W-1", on=MON, minutes=480)
    confirmed(park, agreement, worker="W-2", on=MON, minutes=300)
    recorded(park, agreement, worker="W-1", on=MON + timedelta(days=1), minutes=240)
    _shift_in(park, agreement, ShiftStatus.DISPUTED)
    _shift_in(park, agreement, ShiftStatus.WITHDRAWN)
    _shift_in(park, agreement, ShiftStatus.REVERSED)
    statement = whole(agreement).statement()
    assert {"W-1": Minutes(480), "W-2": Minutes(300)} == statement.confirmed_by_worker
    assert {MON: Minutes(780)} == statement.confirmed_by_date
    assert {"W-1": Minutes(240)} == statement.pending_by_worker
    assert {MON + timedelta(days=1): Minutes(240)} == statement.pending_by_date
    assert (Minutes(780), Minutes(240)) == (statement.confirmed, statement.pending)


def test_replaying_the_events_reproduces_the_agreement(park):
    """Every step's event replays to the live agreement's state."""
    agreement = active(park, minutes_cap=Minutes(6000))
    one = confirmed(park, agreement, on=MON)
    recorded(park, agreement, on=MON + timedelta(days=1), worker="W-2")
    disputed = _shift_in(park, agreement, ShiftStatus.DISPUTED)
    agreement.withdraw_shift(park, BORROWER, disputed)
    agreement.add_workers(park, LENDER, ["W-3"])
    agreement.remove_workers(park, LENDER, ["W-2"])
    holiday = confirmed(park, agreement, on=date(2026, 5, 1), day_type=DayType.STATUTORY_HOLIDAY)
    settlement_id = settle(agreement, park)
    agreement.record_payment(
        park, BORROWER, settlement_id=settlement_id, payment_id=uuid4(), amount=Money(12345)
    )
    agreement.reverse_shift(park, BORROWER, _shift_in(park, agreement, ShiftStatus.CONFIRMED), "x")
    agreement.close(park, LENDER, "season over")
    assert {one, holiday} <= set(whole(agreement).settlement(settlement_id).shift_ids)
    assert state(agreement) == state(replay(list(agreement.collect_events())))


def test_settlement_uses_the_policy_given(park):
    """The multipliers recorded on the settlement are those of the policy it was issued under."""
    agreement = active(park)
    confirmed(park, agreement, on=date(2026, 4, 18), day_type=DayType.REST_DAY, minutes=480)
    policy = WorkingTimePolicy(rest_day_multiplier="2.5")
    settlement_id = uuid4()
    agreement.issue_settlement(
        park, LENDER, settlement_id=settlement_id, first_day=FIRST, last_day=LAST, policy=policy
    )
    settlement = whole(agreement).settlement(settlement_id)
    assert Money.of("450.00") == settlement.amount  # 8h x ¥22.50 x 2.5


@given(personal_data())
def test_generated_personal_data_is_always_refused(ref):
    """Any resident ID, mainland phone number or Chinese name, alone or inside a reference, is
    refused as personal data."""
    with pytest.raises(PersonalDataRefused):
        check_worker_ref(ref)


@given(worker_refs())
def test_generated_opaque_references_are_accepted(ref):
    """The opaque references a host might choose pass unchanged."""
    assert ref == check_worker_ref(ref)


@given(st.text(max_size=WORKER_REF_MAX + 2))
def test_a_worker_reference_with_a_space_or_an_unprintable_character_is_refused(text):
    """Character by character: any whitespace or unprintable character, or an empty or
    over-long reference, is refused (as such, or as personal data), every time it is given."""
    if 0 < len(text) <= WORKER_REF_MAX and not any(
        c.isspace() or not c.isprintable() for c in text
    ):
        return  # may still be refused as personal data: the tests above cover that
    for _ in range(2):  # a refusal is not remembered as an acceptance
        with pytest.raises((InvalidInput, PersonalDataRefused)):
            check_worker_ref(text)
