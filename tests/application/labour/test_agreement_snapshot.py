"""A labour agreement's snapshot (version 3): its open shifts packed in two strings
(``domain/labour/agreement_snapshot.py``), and every earlier form still loading.

The packed form round-trips any lines in their order (hypothesis), through the store's mapper
too; a snapshot this version takes holds two strings, not a JSON value per field; and snapshots
of versions 1 and 2, stored under eventsourcing's own snapshot topic as earlier versions wrote
them (compressed, or plain JSON as before compression), load to the same agreement as its
events replayed.
"""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Snapshot
from eventsourcing.utils import get_topic
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import ShareMarket
from sharemarket.application.kernel.snapshots import stored_document
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.agreement_snapshot import packed, unpacked
from sharemarket.domain.labour.policy import DayType
from sharemarket.domain.labour.shift import ShiftStatus
from sharemarket.domain.labour.shift_book import NO_SETTLEMENT, Rows, line
from tests.application.labour.test_bounded_agreement import open_agreement
from tests.labour_support import JIAMEI, TONGXIN, rep, state, version_2_rows

FIRST = date(2026, 3, 2)

# A worker reference has no spaces (text.opaque_id); a note is free text and may hold them.
workers = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zs")), min_size=1, max_size=8)
notes = st.one_of(st.just(""), st.text(max_size=20))
lines = st.builds(
    line,
    workers,
    st.dates(date(2000, 1, 1), date(2099, 12, 31)).map(date.isoformat),
    st.integers(1, 1440),
    st.integers(0, 1440),
    st.sampled_from([kind.value for kind in DayType]),
    st.sampled_from([status.value for status in ShiftStatus]),
    st.one_of(st.just(NO_SETTLEMENT), st.uuids().map(lambda u: u.hex)),
    notes,
)
books = st.lists(st.tuples(st.uuids().map(lambda u: u.hex), lines), max_size=40).map(dict)


@given(books)
def test_the_packed_form_gives_back_every_line_in_its_order(rows: Rows) -> None:
    stored = packed(rows)
    again = unpacked(json.loads(json.dumps(stored)))
    assert list(again.items()) == list(rows.items())


def test_a_note_holding_a_newline_is_stored_as_a_list_of_lines() -> None:
    """Free text never holds a control character; were one there all the same, the lines are
    stored one by one instead of joined, and still come back."""
    rows = {
        UUID(int=1).hex: line("W-1", "2026-03-02", 480, 0, "workday", "disputed", "-", "a\nb"),
        UUID(int=2).hex: line("W-2", "2026-03-02", 480, 0, "workday", "pending", "-", ""),
    }
    assert type(packed(rows)["rows"]) is list
    assert unpacked(packed(rows)) == rows


@pytest.mark.parametrize(
    ("stored", "error"),
    [
        ({"ids": "AAAA", "rows": "x"}, "not a multiple of 16"),  # 3 bytes: not an id
        ({"ids": "", "rows": ["a line without its id"]}, "zip"),
        ({"ids": "A" * 22 + "==", "rows": "one\ntwo"}, "zip"),  # one id, two lines
        ({"ids": "not base64!", "rows": ""}, "character|base64|padding"),
    ],
)
def test_a_damaged_packed_form_is_refused(stored: dict[str, Any], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        unpacked(stored)


def month_of_shifts(market: ShareMarket, agreement: UUID) -> None:
    """Open shifts of every kind the snapshot keeps: pending, confirmed, disputed (a note with
    spaces), on two workers."""
    weekdays = [
        FIRST + timedelta(days=n) for n in range(14) if (FIRST + timedelta(days=n)).weekday() < 5
    ]
    for n, day in enumerate(weekdays):
        for worker in ("W-1", "W-2"):
            shift = market.labour.record_shift(
                rep(TONGXIN),
                request_id=f"r-{worker}-{day}",
                agreement=agreement,
                worker=worker,
                work_date=day,
                minutes=420 + n,
            )
            if n % 3 == 1:
                market.labour.confirm_shift(
                    rep(JIAMEI), request_id=f"c-{worker}-{day}", agreement=agreement, shift=shift
                )
            elif n % 3 == 2:
                market.labour.dispute_shift(
                    rep(JIAMEI),
                    request_id=f"d-{worker}-{day}",
                    agreement=agreement,
                    shift=shift,
                    reason="not on the site that day 那天不在",
                )


@pytest.fixture
def market_with_shifts() -> Any:
    market = ShareMarket.in_memory()
    agreement = open_agreement(market)
    month_of_shifts(market, agreement)
    yield market, agreement
    market.close()


def loaded_from(market: ShareMarket, snapshot: Any, *, compressed: bool = True) -> Any:
    """The agreement ``snapshot`` gives once stored and read back by the market's snapshot
    store (``compressed``) or by the events' mapper (plain JSON, as before compression)."""
    mapper = market._app.snapshots.mapper if compressed else market._app.mapper
    stored = mapper.to_stored_event(snapshot)
    assert stored.state.startswith(b"{") is not compressed
    return market._app.snapshots.mapper.to_domain_event(stored).mutate(None)


def test_a_snapshot_holds_two_strings_and_loads_the_same_agreement(market_with_shifts) -> None:
    market, agreement = market_with_shifts
    kept = market._uow.loader.find(LabourAgreement, agreement)
    assert len(kept.shifts) == 20
    snapshot = LabourAgreement.Snapshot.take(kept)
    shifts = snapshot.state["shifts"]
    assert set(shifts) == {"ids", "rows"}
    assert type(shifts["rows"]) is str
    assert snapshot.state["class_version"] == 3
    stored = market._app.snapshots.mapper.to_stored_event(snapshot)
    assert stored.topic == get_topic(LabourAgreement.Snapshot)
    document = json.loads(stored_document(market._app.snapshots.mapper, stored.state))
    assert document["state"]["shifts"] == shifts
    assert state(loaded_from(market, snapshot)) == state(kept)
    assert kept.shifts == state(kept)["shifts"]  # taking it left the agreement as it was


def version_2_state(agreement: LabourAgreement) -> dict[str, Any]:
    """The agreement's state as a snapshot of version 2 held it: each open shift a list of
    values under its id's 36-character form."""
    old = copy.deepcopy({k: v for k, v in vars(agreement).items() if k != "_pending_events"})
    for name in ("_id", "_version"):
        del old[name]
    old["class_version"] = 2
    old["shifts"] = version_2_rows(agreement)
    return old


def version_2_snapshot(agreement: LabourAgreement) -> Snapshot:
    """The agreement's snapshot as the previous version stored it: eventsourcing's own Snapshot
    class and topic, the state of version 2."""
    return Snapshot(  # type: ignore[call-arg]
        originator_id=agreement.id,
        originator_version=agreement.version,
        timestamp=Snapshot.create_timestamp(),
        topic=get_topic(LabourAgreement),
        state=version_2_state(agreement),
    )


@pytest.mark.parametrize("compressed", [True, False])
def test_a_version_2_snapshot_still_loads(market_with_shifts, compressed: bool) -> None:
    """As the previous version stored it: eventsourcing's own Snapshot class and topic, the
    state of version 2, compressed by the snapshot store (or plain JSON, as stored before)."""
    market, agreement = market_with_shifts
    kept = market._uow.loader.find(LabourAgreement, agreement)
    old = version_2_snapshot(kept)
    assert get_topic(type(old)) == "eventsourcing.domain:Snapshot"
    assert state(loaded_from(market, old, compressed=compressed)) == state(kept)


def test_a_version_2_snapshot_in_the_store_loads_through_the_repository(
    market_with_shifts,
) -> None:
    """Written into the snapshot store as the previous version did, the repository loads the
    agreement from it, and the next command decides on it."""
    market, agreement = market_with_shifts
    kept = market._uow.loader.find(LabourAgreement, agreement)
    old = version_2_snapshot(kept)
    market._app.snapshots.put([old])
    reopened = market._app.repository.get(agreement)
    assert state(reopened) == state(kept)
    entry = next(iter(kept.book.entries()))
    assert reopened.shift(entry.shift.shift_id) == entry
