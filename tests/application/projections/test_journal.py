"""The journal's posting rules: what value each event moves, in double entry, and nothing else."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import DomainEvent, Snapshot

import sharemarket.domain
from sharemarket import CNY, LABOUR_MINUTES, FirmId, ShareMarket
from sharemarket.application.projections.catalogue import PARTY_RULES, POSTING_RULES
from sharemarket.application.projections.errors import UnbalancedPostings
from sharemarket.application.projections.journal import (
    AccountKind,
    Asset,
    Posting,
    PostingRules,
    check_balanced,
    transfer,
)
from sharemarket.application.projections.parties import Roles
from sharemarket.domain.labour.agreement import LabourAgreement
from tests.park_scene import (
    BORROWER,
    LENDER,
    MARCH,
    REPS,
    THIRD,
    agreement,
    confirmed_shift,
    dehua_month,
    establish,
)

GIVEN, RECEIVED = AccountKind.GIVEN, AccountKind.RECEIVED
RECEIVABLE, PAYABLE = AccountKind.RECEIVABLE, AccountKind.PAYABLE
MINUTES = LABOUR_MINUTES


class Book:
    """Parties declared by the events seen so far."""

    def __init__(self) -> None:
        self.known: dict[UUID, Roles] = {}

    def roles(self, aggregate_id: UUID) -> Roles:
        return self.known.get(aggregate_id, {})


def events(market: ShareMarket) -> Iterator[Any]:
    for notification in market._app.recorder.select_notifications(start=None, limit=10_000):
        yield market._app.mapper.to_domain_event(notification)


def postings_by_event(market: ShareMarket) -> list[tuple[Any, list[Posting]]]:
    book, found = Book(), []
    for event in events(market):
        roles = PARTY_RULES.roles_declared_by(event)
        if roles is not None:
            book.known[event.originator_id] = roles
        found.append((event, list(POSTING_RULES.postings(event, book))))
    return found


def of_type(market: ShareMarket, cls: type) -> list[list[Posting]]:
    return [p for event, p in postings_by_event(market) if type(event) is cls]


def entry(firm: str, other: str, asset: Asset[Any], kind: AccountKind, amount: int) -> Posting:
    return Posting(FirmId(firm), FirmId(other), asset, kind, amount)


def without_references(postings: list[Posting]) -> list[Posting]:
    return [Posting(p.firm, p.counterparty, p.asset, p.kind, p.amount) for p in postings]


@pytest.fixture
def market() -> Iterator[ShareMarket]:
    with ShareMarket.in_memory() as m:
        establish(m)
        yield m


def test_confirmed_shift_posts_minutes_given_by_the_lender_and_received_by_the_borrower(market):
    """A confirmed shift of 90 minutes: -90 given by the lender, +90 received by the borrower."""
    a = agreement(market, "a")
    confirmed_shift(market, a, "s", minutes=90)

    [postings] = of_type(market, LabourAgreement.ShiftConfirmed)

    assert [
        entry(LENDER, BORROWER, MINUTES, GIVEN, -90),
        entry(BORROWER, LENDER, MINUTES, RECEIVED, 90),
    ] == without_references(postings)


def test_only_confirmation_moves_minutes(market):
    """A recorded, disputed or withdrawn shift posts nothing: only confirmed shifts count."""
    a = agreement(market, "a")
    shift = market.labour.record_shift(
        REPS[BORROWER], request_id="r", agreement=a, worker="W-17", work_date=MARCH[0], minutes=60
    )
    market.labour.dispute_shift(REPS[LENDER], request_id="d", agreement=a, shift=shift, reason="no")
    market.labour.withdraw_shift(REPS[BORROWER], request_id="w", agreement=a, shift=shift)

    assert [] == [p for _, p in postings_by_event(market) if p]


def test_reversal_posts_the_opposite_of_the_confirmation(market):
    a = agreement(market, "a")
    shift = confirmed_shift(market, a, "s", minutes=90)
    market.labour.reverse_shift(
        REPS[LENDER], request_id="rev", agreement=a, shift=shift, reason="typo"
    )

    [confirmed] = of_type(market, LabourAgreement.ShiftConfirmed)
    [reversed_] = of_type(market, LabourAgreement.ShiftReversed)

    assert [
        entry(BORROWER, LENDER, MINUTES, RECEIVED, -90),
        entry(LENDER, BORROWER, MINUTES, GIVEN, 90),
    ] == without_references(reversed_)
    assert f"shift {shift}" == reversed_[0].reference == confirmed[0].reference


def test_settlement_is_receivable_by_the_lender_and_payable_by_the_borrower(market):
    """7h30 at ¥30.00/h bills ¥225.00; a payment of ¥100.00 clears that much of both sides."""
    a = agreement(market, "a")
    confirmed_shift(market, a, "s", minutes=450)
    settlement = market.labour.issue_settlement(
        REPS[LENDER], request_id="st", agreement=a, first_day=MARCH[0], last_day=MARCH[1]
    )
    market.labour.record_payment(
        REPS[BORROWER], request_id="pay", agreement=a, settlement=settlement, amount="100.00"
    )

    [billed] = of_type(market, LabourAgreement.SettlementIssued)
    [paid] = of_type(market, LabourAgreement.PaymentRecorded)

    assert [
        entry(BORROWER, LENDER, CNY, PAYABLE, -22500),
        entry(LENDER, BORROWER, CNY, RECEIVABLE, 22500),
    ] == without_references(billed)
    assert [
        entry(LENDER, BORROWER, CNY, RECEIVABLE, -10000),
        entry(BORROWER, LENDER, CNY, PAYABLE, 10000),
    ] == without_references(paid)


def test_a_settlement_at_a_zero_rate_posts_nothing(market):
    """Lending is not for profit: at ¥0/h the bill is ¥0.00 and moves no value."""
    a = agreement(market, "a", rate="0")
    confirmed_shift(market, a, "s", minutes=450)
    market.labour.issue_settlement(
        REPS[LENDER], request_id="st", agreement=a, first_day=MARCH[0], last_day=MARCH[1]
    )

    assert [[]] == of_type(market, LabourAgreement.SettlementIssued)


def test_the_postings_of_every_event_of_a_month_sum_to_zero_in_each_asset():
    with ShareMarket.in_memory() as market:
        dehua_month(market)
        found = postings_by_event(market)

    totals: dict[Asset[Any], int] = {}
    for _, postings in found:
        check_balanced(postings, "event")
        for p in postings:
            totals[p.asset] = totals.get(p.asset, 0) + p.amount
    assert {MINUTES: 0, CNY: 0} == totals
    moved = [type(e).__name__ for e, p in found if p]
    assert [
        "ShiftConfirmed",
        "ShiftConfirmed",
        "ShiftConfirmed",
        "ShiftReversed",
        "ShiftConfirmed",
        "SettlementIssued",
        "PaymentRecorded",
    ] == moved


def test_postings_name_the_lender_and_borrower_of_each_agreement():
    """Two agreements of one lender: each shift posts against its own borrower."""
    with ShareMarket.in_memory() as market:
        dehua_month(market)
        found = postings_by_event(market)
    pairs = {
        (p.firm.code, p.counterparty.code)
        for e, postings in found
        if type(e) is LabourAgreement.ShiftConfirmed
        for p in postings
    }
    assert {(LENDER, BORROWER), (BORROWER, LENDER), (LENDER, THIRD), (THIRD, LENDER)} == pairs


def test_a_rule_that_does_not_balance_is_refused():
    rules = PostingRules()

    @rules.rule(LabourAgreement.ShiftConfirmed)
    def lopsided(event: Any, book: Any) -> list[Posting]:
        return [entry(LENDER, BORROWER, MINUTES, GIVEN, -90)]

    event = object.__new__(LabourAgreement.ShiftConfirmed)
    with pytest.raises(UnbalancedPostings) as raised:
        rules.postings(event, Book())
    assert "unbalanced_postings" == raised.value.code
    assert "LABOUR_MINUTES" in str(raised.value)


def test_an_event_class_gets_one_rule():
    rules = PostingRules()
    rules.moves_no_value(LabourAgreement.Accepted)
    with pytest.raises(ValueError, match="already has a posting rule"):
        rules.moves_no_value(LabourAgreement.Accepted)
    with pytest.raises(ValueError, match="already has a posting rule"):
        PostingRules.merge((rules, rules))


def test_transfer_of_nothing_posts_nothing():
    firm, other = FirmId(LENDER), FirmId(BORROWER)
    assert () == transfer(
        CNY, 0, source=firm, source_kind=PAYABLE, target=other, target_kind=RECEIVABLE
    )


def test_a_shift_of_an_agreement_never_proposed_cannot_be_posted(market):
    """Without the agreement's parties the rule refuses rather than guess."""
    a = agreement(market, "a")
    confirmed_shift(market, a, "s", minutes=90)
    confirmed = next(e for e in events(market) if type(e) is LabourAgreement.ShiftConfirmed)

    with pytest.raises(LookupError, match="never projected"):
        POSTING_RULES.postings(confirmed, Book())


def domain_event_classes() -> set[type]:
    """Every event class defined in sharemarket.domain (nested in its aggregate)."""
    found: set[type] = set()

    def collect(cls: type) -> None:
        for member in vars(cls).values():
            if inspect.isclass(member) and member.__qualname__.startswith(cls.__qualname__):
                if issubclass(member, DomainEvent) and member.__module__.startswith("sharemarket"):
                    found.add(member)
                collect(member)

    for info in pkgutil.walk_packages(sharemarket.domain.__path__, "sharemarket.domain."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                collect(value)
    # Snapshots are not in the notification log; the "Event" and "Created" bases eventsourcing
    # makes for every aggregate are never triggered (they hold no field beyond the base ones).
    base = {"originator_id", "originator_version", "timestamp", "originator_topic"}
    return {
        cls
        for cls in found
        if not issubclass(cls, Snapshot) and set(getattr(cls, "__dataclass_fields__", ())) - base
    }


def test_every_event_class_of_the_domain_has_a_posting_rule():
    """A new event class must say what value it moves (perhaps none) before it is projected."""
    classes = domain_event_classes()
    assert len(classes) >= 29  # park, receipts and labour so far
    missing = sorted(c.__qualname__ for c in classes if not POSTING_RULES.knows(c))
    assert [] == missing


def test_only_confirmations_reversals_bills_and_payments_move_value():
    movers = sorted(c.__qualname__ for c in domain_event_classes() if POSTING_RULES.moves_value(c))
    assert [
        "LabourAgreement.PaymentRecorded",
        "LabourAgreement.SettlementIssued",
        "LabourAgreement.ShiftConfirmed",
        "LabourAgreement.ShiftReversed",
        # Subcontracting: accepted pieces (and their corrections), bills, payments, materials.
        "SubcontractPart.Billed",
        "SubcontractPart.Inspected",
        "SubcontractPart.InspectionCorrected",
        "SubcontractPart.MaterialReturned",
        "SubcontractPart.MaterialSent",
        "SubcontractPart.PaymentRecorded",
    ] == movers


def test_the_parties_of_an_agreement_come_from_its_proposal(market):
    a = agreement(market, "a", borrower=THIRD)
    proposal = next(e for e in events(market) if type(e) is LabourAgreement.Proposed)
    roles: Mapping[str, FirmId] | None = PARTY_RULES.roles_declared_by(proposal)
    assert a == proposal.originator_id
    assert {"borrower": FirmId(THIRD), "lender": FirmId(LENDER)} == roles
    assert date(2026, 3, 1) == proposal.first_day
