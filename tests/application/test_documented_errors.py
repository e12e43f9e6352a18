"""The errors the API reference documents for a sample of commands are really raised.

For each command of :data:`SAMPLE`, every error its docstring's ``Raises:`` section names
(beyond the three every command shares, which the hostile-input suite, the permission tests
and the request-id tests show in general) is shown raised by an input: by a test elsewhere, cited as
``path::name`` and checked to call that very method inside ``pytest.raises(Error)`` (or beside
the error in a refusal table), or by a scene here, which also checks that nothing was recorded.
A Raises entry added to a sampled command without evidence, or evidence for an error no longer
documented, fails :func:`test_the_sample_has_evidence_for_every_documented_error`.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any
from uuid import UUID, uuid4

import pytest

from sharemarket import (
    DayType,
    DefectReason,
    Disposition,
    FirmId,
    GuaranteeKind,
    Rejection,
    Rejections,
    ScrapEffect,
    ShareMarket,
    ShareMarketError,
    WorkingTimePolicy,
)
from sharemarket.domain.duration import Minutes
from sharemarket.domain.time import PARK_TZ
from tests import matching_support as matching
from tests import venues_support as venues
from tests.application.clearing.test_runs import AS_OF, bill
from tests.funds_support import CONTRACT, firm_loan, pool, pool_loan, terms
from tests.funds_support import park as funds_park
from tests.labour_support import ADMIN, GUANFU, JIAMEI, SHUNMEI, TONGXIN, open_park, rep
from tests.subcontracting_support import ISSUER, accepted_part, offer
from tests.test_api_reference import SHARED, raises_of, service_of
from tests.test_docs import ROOT

#: A refused call, made ready on a market: a scene builds the state, then returns the call.
Scene = Callable[[ShareMarket], Callable[[], object]]

# Scenes --------------------------------------------------------------------------------------

REQUESTS = itertools.count(1)


def rid() -> str:
    return f"doc-{next(REQUESTS)}"


# Clearing: a ring of three bills nets to one payment, Shunmei paying Tongxin ¥200.


def ring_run(market: ShareMarket, *, accepted: bool = True, committed: bool = False) -> UUID:
    open_park(market)
    ring = [
        bill(market, TONGXIN, JIAMEI, 8, "100.00"),
        bill(market, JIAMEI, SHUNMEI, 8, "100.00"),
        bill(market, SHUNMEI, TONGXIN, 8, "125.00"),
    ]
    run: UUID = market.clearing.propose_run(ADMIN, request_id=rid(), as_of=AS_OF, obligations=ring)
    if accepted:
        for firm in (TONGXIN, JIAMEI, SHUNMEI):
            market.clearing.accept_run(rep(firm), request_id=rid(), run=run)
    if committed:
        market.clearing.commit_run(ADMIN, request_id=rid(), run=run)
    return run


def commit_unknown_run(market: ShareMarket) -> Callable[[], object]:
    open_park(market)
    return lambda: market.clearing.commit_run(ADMIN, request_id=rid(), run=uuid4())


def commit_abandoned_run(market: ShareMarket) -> Callable[[], object]:
    run = ring_run(market)
    market.clearing.abandon_run(ADMIN, request_id=rid(), run=run, reason="stale figures")
    return lambda: market.clearing.commit_run(ADMIN, request_id=rid(), run=run)


def pay_a_payee_owed_nothing(market: ShareMarket) -> Callable[[], object]:
    run = ring_run(market, committed=True)
    return lambda: market.clearing.record_net_payment(
        rep(SHUNMEI), request_id=rid(), run=run, payee=JIAMEI, amount="1.00"
    )


def pay_as_an_outsider_to_the_run(market: ShareMarket) -> Callable[[], object]:
    run = ring_run(market, committed=True)
    return lambda: market.clearing.record_net_payment(
        rep(GUANFU), request_id=rid(), run=run, payee=TONGXIN, amount="1.00"
    )


def pay_before_the_run_commits(market: ShareMarket) -> Callable[[], object]:
    run = ring_run(market)
    return lambda: market.clearing.record_net_payment(
        rep(SHUNMEI), request_id=rid(), run=run, payee=TONGXIN, amount="200.00"
    )


# Park: a suspended firm's own representative manages nothing until it is reinstated.


def remove_a_representative_of_a_suspended_firm(market: ShareMarket) -> Callable[[], object]:
    open_park(market)
    market.park.suspend_firm(ADMIN, request_id=rid(), firm=JIAMEI, reason="unpaid fees")
    return lambda: market.park.remove_representative(
        rep(JIAMEI), request_id=rid(), firm=JIAMEI, user=rep(JIAMEI, 2).user
    )


# Labour: a home firm declares its own hours for worker H-1 under a park policy.

HOME = JIAMEI
WORKER = "H-1"
MONDAY = date(2026, 3, 2)


def home_hours(
    market: ShareMarket,
    policy: WorkingTimePolicy | None = None,
    days: int = 0,
    each: tuple[int, int] = (8 * 60, 0),
    **terms: Any,
) -> Callable[[], object]:
    """Jiamei declares ``each`` (minutes, of which overtime) a day for ``days`` days from
    Monday, each a working day (Saturday too: the park's calendar would make it a rest day,
    all overtime); the refused call declares ``terms`` for the day after them."""
    open_park(market)
    if policy is not None:
        market.labour.set_working_time_policy(ADMIN, request_id=rid(), policy=policy)
    minutes, overtime = each
    for n in range(days):
        market.labour.declare_home_hours(
            rep(HOME), request_id=rid(), worker=WORKER, work_date=MONDAY + timedelta(n),
            minutes=minutes, overtime=overtime, day_type=DayType.WORKDAY,
        )  # fmt: skip
    day = MONDAY + timedelta(days)
    return lambda: market.labour.declare_home_hours(
        rep(HOME), request_id=rid(), worker=WORKER, work_date=day, **terms
    )


def clear_a_day_never_declared(market: ShareMarket) -> Callable[[], object]:
    return home_hours(market, minutes=0)


def declare_for_a_suspended_firm(market: ShareMarket) -> Callable[[], object]:
    call = home_hours(market, minutes=60)
    market.park.suspend_firm(ADMIN, request_id=rid(), firm=HOME, reason="unpaid fees")
    return call


def declare_past_the_daily_total(market: ShareMarket) -> Callable[[], object]:
    # 12 h on a rest day: overtime in full, so past 8 h + 3 h (the workday overtime cap is not it).
    return home_hours(market, minutes=12 * 60, day_type=DayType.REST_DAY)


def declare_past_the_daily_overtime(market: ShareMarket) -> Callable[[], object]:
    return home_hours(market, minutes=11 * 60, overtime=3 * 60 + 1)


def declare_past_the_monthly_overtime(market: ShareMarket) -> Callable[[], object]:
    strict = WorkingTimePolicy(monthly_overtime_max=Minutes(4 * 60))
    return home_hours(market, strict, 2, (10 * 60, 2 * 60), minutes=8 * 60 + 1, overtime=1)


def declare_past_the_weekly_hours(market: ShareMarket) -> Callable[[], object]:
    strict = WorkingTimePolicy(weekly_standard_max=Minutes(16 * 60))
    return home_hours(market, strict, 2, minutes=60)


def declare_a_seventh_day(market: ShareMarket) -> Callable[[], object]:
    return home_hours(market, None, 6, (4 * 60, 0), minutes=60)


# Subcontracting: Tongxin's order of 1,000 pieces, 100 of them accepted by Jiamei.

DAY = date(2020, 3, 9)


def correct(
    market: ShareMarket, part: UUID, delivery: UUID, **figures: Any
) -> Callable[[], object]:
    return lambda: market.subcontracting.correct_inspection(
        rep(ISSUER), request_id=rid(), part=part, delivery=delivery, corrected_on=DAY,
        reason="recount", **figures,
    )  # fmt: skip


def delivered(
    market: ShareMarket,
    part: UUID,
    pieces: int,
    accepted: int,
    *lines: Rejection,
    scrap_effect: ScrapEffect = ScrapEffect.REDUCE,
) -> UUID:
    """``pieces`` delivered and inspected: ``accepted``, the rest as ``lines`` say (scrapped
    pieces dropped from the part's quantity, or made again)."""
    delivery: UUID = market.subcontracting.deliver(
        rep(JIAMEI), request_id=rid(), part=part, pieces=pieces, delivered_on=DAY
    )
    market.subcontracting.inspect_delivery(
        rep(ISSUER), request_id=rid(), part=part, delivery=delivery, inspected_on=DAY,
        accepted=accepted, rejected=Rejections.of(*lines), scrap_effect=scrap_effect,
    )  # fmt: skip
    return delivery


def scrapped(pieces: int) -> Rejection:
    return Rejection(DefectReason.CRACK, pieces, Disposition.SCRAP)


def correct_an_unknown_part(market: ShareMarket) -> Callable[[], object]:
    open_park(market)
    return correct(market, uuid4(), uuid4(), accepted=1)


def correct_a_delivery_never_inspected(market: ShareMarket) -> Callable[[], object]:
    open_park(market)
    _, part = accepted_part(market, key=rid())
    delivery = market.subcontracting.deliver(
        rep(JIAMEI), request_id=rid(), part=part, pieces=10, delivered_on=DAY
    )
    return correct(market, part, delivery, accepted=10)


def correct_with_figures_that_do_not_add_up(market: ShareMarket) -> Callable[[], object]:
    open_park(market)
    _, part = accepted_part(market, key=rid())
    delivery = delivered(market, part, 10, 10)
    return correct(market, part, delivery, accepted=9)


def correct_to_accept_pieces_a_cut_part_no_longer_holds(
    market: ShareMarket,
) -> Callable[[], object]:
    """Ten pieces scrapped (to be made again), then the backorder cancelled: the part holds
    nothing, so the ten cannot be accepted after all."""
    open_park(market)
    _, part = accepted_part(market, key=rid())
    delivery = delivered(market, part, 10, 0, scrapped(10), scrap_effect=ScrapEffect.REPLACE)
    market.subcontracting.cancel_backorder(rep(ISSUER), request_id=rid(), part=part, reason="late")
    return correct(market, part, delivery, accepted=10)


def correct_to_take_back_pieces_offered_to_another(market: ShareMarket) -> Callable[[], object]:
    """Ten pieces scrapped out of the part went to another firm's part: un-scrapping them would
    split more of the order than it has."""
    open_park(market)
    order, part = accepted_part(market, key=rid())
    delivery = delivered(market, part, 10, 0, scrapped(10))
    offer(market, order, rid(), quantity=910, sub=SHUNMEI)
    return correct(market, part, delivery, accepted=10)


# Venues: the host's activity room, booked by a small firm for Monday morning.


def venue_at(hour: int, minute: int = 0) -> datetime:
    """Monday's ``hour`` in park time."""
    day = venues.MONDAY
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARK_TZ)


def booked_room(market: ShareMarket, *, checked_in: bool = False) -> tuple[UUID, UUID]:
    """The room and a confirmed booking of it, Monday 09:00-10:00 (checked in at 08:50)."""
    venues.establish(market)
    room = venues.open_room(market)
    booking = venues.book(market, room, rid(), venues.slot(venues.MONDAY, (9, 0), (10, 0)))
    if checked_in:
        market.venues.check_in(venues.A, request_id=rid(), booking=booking, at=venue_at(8, 50))
    return room, booking


def complete_an_unknown_booking(market: ShareMarket) -> Callable[[], object]:
    venues.establish(market)
    return lambda: market.venues.complete(
        venues.HOST_REP, request_id=rid(), booking=uuid4(), as_of=venue_at(11)
    )


def complete_a_booking_never_checked_in(market: ShareMarket) -> Callable[[], object]:
    _, booking = booked_room(market)
    return lambda: market.venues.complete(
        venues.HOST_REP, request_id=rid(), booking=booking, as_of=venue_at(11)
    )


def black_out_an_unknown_venue(market: ShareMarket) -> Callable[[], object]:
    venues.establish(market)
    return lambda: market.venues.place_blackout(
        venues.HOST_REP, request_id=rid(), venue=uuid4(),
        slot=venues.slot(venues.MONDAY, (9, 0), (12, 0)), reason="kiln maintenance",
    )  # fmt: skip


def black_out_a_booking_in_use(market: ShareMarket) -> Callable[[], object]:
    """The firm is in the room: the blackout cannot cancel a checked-in booking."""
    room, _ = booked_room(market, checked_in=True)
    return lambda: market.venues.place_blackout(
        venues.HOST_REP, request_id=rid(), venue=room,
        slot=venues.slot(venues.MONDAY, (9, 0), (12, 0)), reason="kiln maintenance",
        over_bookings="cancel_bookings",
    )  # fmt: skip


# Matching: the biomedicine firm needs hands, the aviation firm lends idle workers.


def proposed_labour_match(market: ShareMarket) -> tuple[UUID, UUID, UUID]:
    """The need, the offer and an administrator's match of them, accepted by neither side."""
    matching.establish(market)
    need, idle = matching.labour_pair(market)
    match = market.matching.propose_match(matching.ADMIN, request_id=rid(), need=need, offer=idle)
    return need, idle, match


def accept_an_unknown_match(market: ShareMarket) -> Callable[[], object]:
    matching.establish(market)
    return lambda: market.matching.accept_match(matching.NEEDS, request_id=rid(), match=uuid4())


def accept_when_the_lender_is_suspended(market: ShareMarket) -> Callable[[], object]:
    _, _, match = proposed_labour_match(market)
    market.park.suspend_firm(
        matching.ADMIN, request_id=rid(), firm=matching.AVIATION, reason="unpaid fees"
    )
    return lambda: market.matching.accept_match(matching.NEEDS, request_id=rid(), match=match)


def accept_after_the_offer_is_withdrawn(market: ShareMarket) -> Callable[[], object]:
    _, idle, match = proposed_labour_match(market)
    market.matching.withdraw_listing(
        matching.IDLE, request_id=rid(), listing=idle, reason="hands went home"
    )
    return lambda: market.matching.accept_match(matching.NEEDS, request_id=rid(), match=match)


def record_the_outcome_of_an_unknown_match(market: ShareMarket) -> Callable[[], object]:
    matching.establish(market)
    return lambda: market.matching.record_deal_outcome(
        matching.ADMIN, request_id=rid(), match=uuid4()
    )


# Funds: Tongxin borrows from Jiamei or from the pool; Shunmei and Guanfu guarantee.

LATE = date(2026, 3, 1)


def disburse_an_unknown_loan(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    return lambda: market.funds.disburse_loan(
        rep(JIAMEI), request_id=rid(), loan=uuid4(), disbursed_on=CONTRACT
    )


def disburse_to_a_suspended_borrower(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    loan = firm_loan(market, rid(), disburse=False)
    market.park.suspend_firm(ADMIN, request_id=rid(), firm=TONGXIN, reason="unpaid fees")
    return lambda: market.funds.disburse_loan(
        rep(JIAMEI), request_id=rid(), loan=loan, disbursed_on=CONTRACT
    )


def disburse_past_what_one_firm_may_owe_the_pool(market: ShareMarket) -> Callable[[], object]:
    """Two applications of ¥600,000 each fit the ¥1,000,000 one firm may owe the pool alone;
    once the first is disbursed, the second does not."""
    funds_park(market)
    p = pool(market, max_per_firm="1000000")
    first = pool_loan(market, p, rid(), principal="600000", disburse=False)
    second = pool_loan(market, p, rid(), principal="600000", disburse=False)
    market.funds.disburse_loan(ADMIN, request_id=rid(), loan=first, disbursed_on=CONTRACT)
    return lambda: market.funds.disburse_loan(
        ADMIN, request_id=rid(), loan=second, disbursed_on=CONTRACT
    )


def disburse_more_than_the_pool_holds(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    p = pool(market, funded="300000")
    loan = pool_loan(market, p, rid(), principal="500000", disburse=False)
    return lambda: market.funds.disburse_loan(
        ADMIN, request_id=rid(), loan=loan, disbursed_on=CONTRACT
    )


def withdraw_from_an_unknown_pool(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    return lambda: market.funds.withdraw_contribution(
        ADMIN, request_id=rid(), pool=uuid4(), contributor=JIAMEI, amount="1", paid_on=CONTRACT
    )


def pay_for_a_firm_that_guarantees_nothing(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    loan = firm_loan(market, rid())
    return lambda: market.funds.record_guarantor_payment(
        rep(JIAMEI), request_id=rid(), loan=loan, guarantor=SHUNMEI, amount="1", paid_on=LATE
    )


def pay_for_a_guarantor_of_a_loan_not_disbursed(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    loan = guaranteed_loan(market, SHUNMEI, accept=True)
    return lambda: market.funds.record_guarantor_payment(
        rep(JIAMEI), request_id=rid(), loan=loan, guarantor=SHUNMEI, amount="1", paid_on=LATE
    )


def guaranteed_loan(
    market: ShareMarket,
    guarantor: FirmId,
    *,
    borrower: FirmId = TONGXIN,
    lender: FirmId = JIAMEI,
    accept: bool = False,
) -> UUID:
    """``borrower``'s ¥120,000 from ``lender``, guaranteed jointly and severally by
    ``guarantor`` for ¥60,000 (accepted or not), not yet approved."""
    loan: UUID = market.funds.request_loan(
        rep(borrower), request_id=rid(), lender=lender, **terms(principal="120000")
    )
    market.funds.require_guarantee(
        rep(borrower), request_id=rid(), loan=loan, guarantor=guarantor, limit="60000",
        kind=GuaranteeKind.JOINT_AND_SEVERAL,
    )  # fmt: skip
    if accept:
        market.funds.accept_guarantee(rep(guarantor), request_id=rid(), loan=loan)
    return loan


def accept(market: ShareMarket, guarantor: FirmId, loan: UUID) -> Callable[[], object]:
    return lambda: market.funds.accept_guarantee(rep(guarantor), request_id=rid(), loan=loan)


def accept_a_guarantee_never_asked_of_the_firm(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    return accept(market, GUANFU, guaranteed_loan(market, SHUNMEI))


def accept_for_a_suspended_guarantor(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    loan = guaranteed_loan(market, SHUNMEI)
    market.park.suspend_firm(ADMIN, request_id=rid(), firm=SHUNMEI, reason="unpaid fees")
    return accept(market, SHUNMEI, loan)


def accept_a_guarantee_twice(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    return accept(market, SHUNMEI, guaranteed_loan(market, SHUNMEI, accept=True))


def accept_past_the_most_one_firm_may_guarantee(market: ShareMarket) -> Callable[[], object]:
    funds_park(market)
    market.funds.set_guarantee_rules(
        ADMIN, request_id=rid(), max_per_guarantor="59999.99", cycles="report"
    )
    return accept(market, SHUNMEI, guaranteed_loan(market, SHUNMEI))


def accept_a_guarantee_closing_a_cycle(market: ShareMarket) -> Callable[[], object]:
    """Shunmei answers for Tongxin's loan: Tongxin answering for Shunmei's closes a cycle."""
    funds_park(market)
    market.funds.set_guarantee_rules(
        ADMIN, request_id=rid(), max_per_guarantor="800000", cycles="refuse"
    )
    guaranteed_loan(market, SHUNMEI, accept=True)
    loan = guaranteed_loan(market, TONGXIN, borrower=SHUNMEI, lender=GUANFU)
    return accept(market, TONGXIN, loan)


SCENES: dict[str, Scene] = {
    f.__name__: f
    for f in (
        commit_unknown_run,
        commit_abandoned_run,
        pay_a_payee_owed_nothing,
        pay_as_an_outsider_to_the_run,
        pay_before_the_run_commits,
        remove_a_representative_of_a_suspended_firm,
        clear_a_day_never_declared,
        declare_for_a_suspended_firm,
        declare_past_the_daily_total,
        declare_past_the_daily_overtime,
        declare_past_the_monthly_overtime,
        declare_past_the_weekly_hours,
        declare_a_seventh_day,
        correct_an_unknown_part,
        correct_a_delivery_never_inspected,
        correct_with_figures_that_do_not_add_up,
        correct_to_accept_pieces_a_cut_part_no_longer_holds,
        correct_to_take_back_pieces_offered_to_another,
        complete_an_unknown_booking,
        complete_a_booking_never_checked_in,
        black_out_an_unknown_venue,
        black_out_a_booking_in_use,
        accept_an_unknown_match,
        accept_when_the_lender_is_suspended,
        accept_after_the_offer_is_withdrawn,
        record_the_outcome_of_an_unknown_match,
        disburse_an_unknown_loan,
        disburse_to_a_suspended_borrower,
        disburse_past_what_one_firm_may_owe_the_pool,
        disburse_more_than_the_pool_holds,
        withdraw_from_an_unknown_pool,
        pay_for_a_firm_that_guarantees_nothing,
        pay_for_a_guarantor_of_a_loan_not_disbursed,
        accept_a_guarantee_never_asked_of_the_firm,
        accept_for_a_suspended_guarantor,
        accept_a_guarantee_twice,
        accept_past_the_most_one_firm_may_guarantee,
        accept_a_guarantee_closing_a_cycle,
    )
}

# The sample -----------------------------------------------------------------------------------

RUNS = "tests/application/clearing/test_runs.py"
PARK = "tests/application/park/test_membership.py"
LABOUR = "tests/application/labour/test_agreements.py"
BOOKINGS = "tests/application/venues/test_bookings.py"
MATCHES = "tests/application/matching/test_matches.py"
LOANS = "tests/application/funds/test_loans.py"
CALLS = "tests/application/funds/test_calls.py"

#: For each sampled command (slice, method), each documented error beyond the shared ones and
#: its evidence: a scene of :data:`SCENES`, or a test elsewhere cited as ``path::name``.
SAMPLE: dict[tuple[str, str], dict[str, str]] = {
    ("clearing", "commit_run"): {
        "NotFound": "commit_unknown_run",
        "RunNotOpen": "commit_abandoned_run",
        "AcceptancesMissing": f"{RUNS}::test_a_ring_nets_to_one_payment_and_commits_atomically",
        "RunStale": f"{RUNS}::test_an_obligation_paid_after_the_proposal_makes_the_run_stale",
    },
    ("clearing", "record_net_payment"): {
        "NotFound": "pay_a_payee_owed_nothing",
        "NotAParticipant": "pay_as_an_outsider_to_the_run",
        "RunNotOpen": "pay_before_the_run_commits",
        "NetPaymentOverpaid": f"{RUNS}::test_a_ring_nets_to_one_payment_and_commits_atomically",
    },
    ("park", "remove_representative"): {
        "NotFound": f"{PARK}::RULE_REFUSALS",
        "FirmNotActive": "remove_a_representative_of_a_suspended_firm",
        "LastRepresentative": f"{PARK}::RULE_REFUSALS",
    },
    ("labour", "declare_home_hours"): {
        "NotFound": "clear_a_day_never_declared",
        "FirmNotActive": "declare_for_a_suspended_firm",
        "DailyHoursExceeded": "declare_past_the_daily_total",
        "DailyStandardHoursExceeded": f"{LABOUR}::_rejections",
        "DailyOvertimeExceeded": "declare_past_the_daily_overtime",
        "MonthlyOvertimeExceeded": "declare_past_the_monthly_overtime",
        "WeeklyHoursExceeded": "declare_past_the_weekly_hours",
        "WeeklyRestDayRequired": "declare_a_seventh_day",
    },
    ("subcontracting", "correct_inspection"): {
        "NotFound": "correct_an_unknown_part",
        "InspectionNotCorrectable": "correct_a_delivery_never_inspected",
        "InspectionMismatch": "correct_with_figures_that_do_not_add_up",
        "DeliveryExceedsOutstanding": "correct_to_accept_pieces_a_cut_part_no_longer_holds",
        "OrderOversplit": "correct_to_take_back_pieces_offered_to_another",
    },
    ("venues", "complete"): {
        "NotFound": "complete_an_unknown_booking",
        "BookingNotLive": "complete_a_booking_never_checked_in",
        "BookingNotOver": (
            f"{BOOKINGS}::test_approval_check_in_completion_and_the_hosts_credited_minutes"
        ),
    },
    ("venues", "place_blackout"): {
        "NotFound": "black_out_an_unknown_venue",
        "VenueBlackoutOverBookings": (
            f"{BOOKINGS}::test_a_blackout_over_bookings_is_refused_unless_it_cancels_them"
        ),
        "BookingNotLive": "black_out_a_booking_in_use",
    },
    ("matching", "accept_match"): {
        "NotFound": "accept_an_unknown_match",
        "FirmNotActive": "accept_when_the_lender_is_suspended",
        "MatchingListingNotOpen": "accept_after_the_offer_is_withdrawn",
        "MatchingNotProposed": (
            f"{MATCHES}::test_each_side_accepts_once_for_itself_and_a_declined_match_is_over"
        ),
        "MatchingAlreadyAccepted": (
            f"{MATCHES}::test_each_side_accepts_once_for_itself_and_a_declined_match_is_over"
        ),
    },
    ("matching", "record_deal_outcome"): {
        "NotFound": "record_the_outcome_of_an_unknown_match",
        "MatchingNotAgreed": (
            f"{MATCHES}::test_a_deal_that_falls_through_lets_the_match_lapse_and_frees_the_listings"
        ),
        "MatchingDealNotComplete": (
            f"{MATCHES}::test_the_need_is_fulfilled_when_the_agreement_closes_with_confirmed_hours"
        ),
    },
    ("funds", "disburse_loan"): {
        "NotFound": "disburse_an_unknown_loan",
        "LoanStatusWrong": f"{LOANS}::test_lifecycle_steps_out_of_order_are_refused",
        "FirmNotActive": "disburse_to_a_suspended_borrower",
        "LoanGuaranteesPending": (
            f"{LOANS}::test_a_joint_group_members_loan_needs_every_other_members_joint_guarantee"
        ),
        "LoanDisbursalDate": (
            f"{LOANS}::test_a_disbursal_outside_the_contract_dates_and_a_tiny_principal_are_refused"
        ),
        "LoanTermsOutsidePoolRules": "disburse_past_what_one_firm_may_owe_the_pool",
        "PoolCashShort": "disburse_more_than_the_pool_holds",
        "PoolLendingShareExceeded": f"{LOANS}::test_pool_rules_cash_and_lending_share_are_enforced",
    },
    ("funds", "withdraw_contribution"): {
        "NotFound": "withdraw_from_an_unknown_pool",
        "PoolContributionShort": f"{LOANS}::test_pool_rules_cash_and_lending_share_are_enforced",
        "PoolCashShort": f"{LOANS}::test_pool_rules_cash_and_lending_share_are_enforced",
    },
    ("funds", "record_guarantor_payment"): {
        "NotFound": "pay_for_a_firm_that_guarantees_nothing",
        "LoanStatusWrong": "pay_for_a_guarantor_of_a_loan_not_disbursed",
        "GuaranteeCallNotIssued": (
            f"{CALLS}::test_the_lender_calls_and_the_guarantor_pays_later_gaining_its_claim"
        ),
        "GuaranteeNotCallable": (
            f"{CALLS}::test_what_the_borrower_pays_after_a_call_lowers_what_the_guarantor_can_still_pay"
        ),
    },
    ("funds", "accept_guarantee"): {
        "NotFound": "accept_a_guarantee_never_asked_of_the_firm",
        "FirmNotActive": "accept_for_a_suspended_guarantor",
        "LoanStatusWrong": "accept_a_guarantee_twice",
        "GuaranteeLimitExceeded": "accept_past_the_most_one_firm_may_guarantee",
        "GuaranteeClosesCycle": "accept_a_guarantee_closing_a_cycle",
    },
}


def documented(slice_name: str, method: str) -> set[str]:
    """The errors the method's Raises section names, beyond those every command shares."""
    entries = raises_of(getattr(service_of(slice_name), method))
    return {str(e.annotation) for e in entries or []} - set(SHARED)


def test_the_sample_has_evidence_for_every_documented_error() -> None:
    for (slice_name, method), evidence in SAMPLE.items():
        assert documented(slice_name, method) == set(evidence), f"{slice_name}.{method}"


def scene_cases() -> Iterator[Any]:
    for (slice_name, method), evidence in SAMPLE.items():
        for error, proof in evidence.items():
            if "::" not in proof:
                yield pytest.param(
                    method, error, SCENES[proof], id=f"{slice_name}.{method}-{error}"
                )


@pytest.mark.parametrize(("method", "error", "scene"), scene_cases())
def test_the_documented_error_is_raised_and_nothing_recorded(
    market: ShareMarket, method: str, error: str, scene: Scene
) -> None:
    call = scene(market)
    before = market.event_log.head()
    with pytest.raises(ShareMarketError) as caught:
        call()
    assert error == type(caught.value).__name__, caught.value
    assert before == market.event_log.head()


def test_every_scene_is_evidence() -> None:
    used = {p for evidence in SAMPLE.values() for p in evidence.values()}
    assert set(SCENES) <= used


# Cited tests ------------------------------------------------------------------------------------


@cache
def top_level(path: str) -> dict[str, ast.AST]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    found: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = node
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update((t.id, node) for t in targets if isinstance(t, ast.Name))
    return found


def _is(node: ast.AST, name: str) -> bool:
    return (isinstance(node, ast.Name) and node.id == name) or (
        isinstance(node, ast.Attribute) and node.attr == name
    )


def _uses(nodes: list[ast.AST], method: str) -> bool:
    """The method is called or handed on (``market.clearing.commit_run``, ``sub.deliver``)."""
    return any(
        isinstance(x, ast.Attribute) and x.attr == method for n in nodes for x in ast.walk(n)
    )


def cites(node: ast.AST, error: str, method: str) -> bool:
    """The node raises ``error`` from ``method``: ``with pytest.raises(error)`` around a use of
    the method, or a call or tuple with the error beside one (``refused(m, error, lambda: ...)``,
    a refusal table's ``(error, lambda m: ...)``)."""
    for x in ast.walk(node):
        if isinstance(x, ast.With):
            raised = [
                a
                for i in x.items
                if isinstance(i.context_expr, ast.Call)
                for a in i.context_expr.args
            ]
            if any(_is(a, error) for a in raised) and _uses(list(x.body), method):
                return True
        elif isinstance(x, ast.Call | ast.Tuple):
            parts = [*x.args, *(k.value for k in x.keywords)] if isinstance(x, ast.Call) else x.elts
            if any(_is(p, error) for p in parts) and _uses(parts, method):
                return True
    return False


def cited_cases() -> Iterator[Any]:
    for (slice_name, method), evidence in SAMPLE.items():
        for error, proof in evidence.items():
            if "::" in proof:
                yield pytest.param(method, error, proof, id=f"{slice_name}.{method}-{error}")


@pytest.mark.parametrize(("method", "error", "proof"), cited_cases())
def test_a_cited_test_raises_the_error_from_the_method(method: str, error: str, proof: str) -> None:
    path, name = proof.split("::")
    node = top_level(path).get(name)
    assert node is not None, f"{path} has no {name}"
    assert cites(node, error, method), f"{proof} does not raise {error} from {method}"
