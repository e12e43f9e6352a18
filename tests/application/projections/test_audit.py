"""The audit trail's rows: canonical content, one-line summaries, and the hash chain."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharemarket import Actor, FirmId, InvalidInput, Minutes, Money, ShareMarket
from sharemarket.application.projections.audit import GENESIS, AuditRecord
from sharemarket.application.projections.audit_entries import AuditRowMaker, json_line, parse_entry
from sharemarket.application.projections.audit_verification import first_difference, verify_records
from sharemarket.application.projections.canonical import CanonicalJSON
from sharemarket.application.projections.catalogue import PARTY_RULES, SUMMARY_RULES
from sharemarket.application.projections.errors import AuditTrailBroken
from sharemarket.application.projections.parties import BatchPartyBook
from sharemarket.application.projections.projection import market_transcoder
from sharemarket.domain.labour.policy import DayType
from tests.application.projections.test_journal import domain_event_classes
from tests.park_scene import BORROWER, LENDER, REPS, agreement, dehua_month, establish

CANONICAL = CanonicalJSON(market_transcoder())


def trail(market: ShareMarket) -> list[AuditRecord]:
    """The audit records of every event of the market, chained from the genesis hash."""
    maker = AuditRowMaker(CANONICAL, SUMMARY_RULES)
    book = BatchPartyBook(lambda _: {}, {}, PARTY_RULES)
    records: list[AuditRecord] = []
    for n in market._app.recorder.select_notifications(start=None, limit=10_000):
        event = market._app.mapper.to_domain_event(n)
        roles = PARTY_RULES.roles_declared_by(event)
        if roles is not None:
            book.declare(event.originator_id, roles)
        previous = records[-1].hash if records else GENESIS
        records.append(maker.record(event, n.id, book, previous))
    return records


@pytest.fixture(scope="module")
def month() -> list[AuditRecord]:
    with ShareMarket.in_memory() as market:
        dehua_month(market)
        return trail(market)


def chain(records: list[AuditRecord]) -> list[tuple[int, bytes, bytes]]:
    return [(r.position, r.entry, r.hash) for r in records]


# Canonical JSON ---------------------------------------------------------------------------------


def test_content_is_sorted_compact_and_holds_values_as_stored():
    """Money as integer fen, minutes as int, firms as codes, dates ISO; no type envelopes."""
    with ShareMarket.in_memory() as market:
        establish(market)
        agreement(market, "a")
        proposal = next(
            market._app.mapper.to_domain_event(n)
            for n in market._app.recorder.select_notifications(start=None, limit=100)
            if n.topic.endswith("LabourAgreement.Proposed")
        )

    content = CANONICAL.content(proposal)

    assert (
        json.dumps(json.loads(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        == content
    )
    data = json.loads(content)
    assert {
        "actor": {"firm": BORROWER, "role": "representative", "user": "rep-1"},
        "borrower": BORROWER,
        "first_day": "2026-03-01",
        "last_day": "2026-03-31",
        "lender": LENDER,
        "minutes_cap": None,
        "originator_topic": "sharemarket.domain.labour.agreement:LabourAgreement",
        "rate_per_hour": 3000,
        "timestamp": proposal.timestamp.isoformat(),
        "work": "修坯 fettling",
        "workers": ["W-17", "W-18"],
    } == data
    assert "修坯" in content
    assert "_type_" not in content


def test_values_encode_by_their_transcoding():
    stored = {
        "money": Money(-150),
        "minutes": Minutes(90),
        "day": date(2026, 3, 2),
        "rate": Decimal("1.50"),
        "at": datetime(2026, 3, 2, 8, 0, tzinfo=timezone(timedelta(hours=8))),
        "kind": DayType.REST_DAY,
        "id": UUID(int=1),
        "flag": True,
        "nothing": None,
        "nested": [FirmId(LENDER), (1, "二")],
    }
    assert (
        '{"at":"2026-03-02T08:00:00+08:00","day":"2026-03-02","flag":true,"id":'
        '"00000000000000000000000000000001","kind":"rest_day","minutes":90,"money":-150,'
        f'"nested":["{LENDER}",[1,"二"]],"nothing":null,"rate":"1.50"}}'
    ) == CANONICAL.encode(stored)


def test_equal_values_that_print_differently_are_never_confused():
    """Decimal("1.5") == Decimal("1.50") and equal instants in two zones keep their own text."""
    utc = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    shanghai = utc.astimezone(timezone(timedelta(hours=8)))
    assert ['"1.5"', '"1.50"'] == [
        CANONICAL.encode(Decimal("1.5")),
        CANONICAL.encode(Decimal("1.50")),
    ]
    assert CANONICAL.encode(utc) != CANONICAL.encode(shanghai)


def test_a_value_without_transcoding_is_refused():
    with pytest.raises(TypeError, match="has no transcoding"):
        CANONICAL.encode({"x": object()})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_canonical_json_is_json_dumps_with_sorted_keys_and_no_whitespace(value: Any):
    expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert expected == CANONICAL.encode(value)


# Rows and summaries -----------------------------------------------------------------------------


def test_a_confirmed_shift_reads_as_one_line(month):
    rows = [parse_entry(r.entry, r.hash) for r in month]
    confirmed = next(r for r in rows if r.event_type == "ShiftConfirmed")

    assert confirmed.summary.startswith("91350…Y43 confirmed 7h30 by worker W-17 on 2026-03-02 ")
    assert f"under agreement {str(confirmed.aggregate_id)[:8]}" in confirmed.summary
    assert "LabourAgreement" == confirmed.aggregate_kind
    assert "rep-0" == confirmed.user
    assert (FirmId(BORROWER), FirmId(LENDER)) == confirmed.firms


def test_rows_parse_back_to_what_was_recorded(month):
    rows = [parse_entry(r.entry, r.hash) for r in month]

    assert [r.position for r in month] == [r.position for r in rows]
    assert [r.hash.hex() for r in month] == [r.hash for r in rows]
    assert all(r.recorded_at.tzinfo is not None for r in rows)
    settled = next(r for r in rows if r.event_type == "SettlementIssued")
    assert "91350…Y43 billed 91110…33B ¥465.00 for 15h30 in 2 shifts" in settled.summary
    assert 3000 == json.loads(settled.content)["settlement"]["rate_per_hour"]


def test_every_event_class_of_the_domain_has_a_summary():
    missing = sorted(c.__qualname__ for c in domain_event_classes() if not SUMMARY_RULES.knows(c))
    assert [] == missing


def test_summaries_stay_on_one_line():
    """A reason with line breaks cannot break a row of a CSV export or a log line. Commands
    refuse such text now (one line, domain/text.py), but a store written before that rule may
    hold it: the event is recorded here as such a store holds it, below the commands."""
    with ShareMarket.in_memory() as market:
        establish(market)
        a = agreement(market, "a")
        with pytest.raises(InvalidInput):
            market.labour.close_agreement(
                REPS[LENDER], request_id="close", agreement=a, reason="season over\nsee"
            )
        stored = market.labour.agreement(a)
        stored.trigger_event(
            stored.Closed, reason="season over\nsee\r\nnotes\x07", actor=REPS[LENDER]
        )
        market._app.save(stored)
        closing = next(parse_entry(r.entry, r.hash) for r in trail(market) if b"Closed" in r.entry)
    assert closing.summary.endswith("closed agreement " + str(a)[:8] + ": season over see notes")


def test_json_line_is_the_row_as_json(month):
    for record in month:
        row = parse_entry(record.entry, record.hash)
        data = json.loads(json_line(record.entry, record.hash))
        expected = row.as_dict()
        expected["content"] = json.loads(expected["content"])
        assert expected == data


# The chain --------------------------------------------------------------------------------------


def test_each_hash_covers_the_previous_hash_and_the_entry(month):
    previous = GENESIS
    for record in month:
        assert hashlib.sha256(previous + record.entry).digest() == record.hash
        previous = record.hash
    assert record.entry.startswith(f"{record.position}\n".encode())


def test_an_untouched_trail_verifies(month):
    result = verify_records(chain(month), tracked=month[-1].position)
    assert (True, len(month), None) == (result.ok, result.rows_checked, result.first_bad_position)
    assert month[-1].hash.hex() == result.head_hash
    result.raise_if_broken()


def test_an_edited_entry_is_found_at_its_position(month):
    rows = chain(month)
    p, entry, h = rows[7]
    rows[7] = (p, entry.replace(b'"user":"', b'"user":"x'), h)

    result = verify_records(rows, tracked=month[-1].position)

    assert (False, 8, 7) == (result.ok, result.first_bad_position, result.rows_checked)
    with pytest.raises(AuditTrailBroken, match="position 8") as raised:
        result.raise_if_broken()
    assert "audit_trail_broken" == raised.value.code


def test_a_recomputed_hash_does_not_hide_an_edit(month):
    """Re-hashing an edited row breaks the link to the next row instead."""
    rows = chain(month)
    p, entry, _ = rows[7]
    forged = entry.replace(b'"user":"', b'"user":"x')
    rows[7] = (p, forged, hashlib.sha256(rows[6][2] + forged).digest())

    assert 9 == verify_records(rows, tracked=month[-1].position).first_bad_position


def test_a_removed_row_is_found_at_the_next_position(month):
    rows = chain(month)
    del rows[10]
    assert 12 == verify_records(rows, tracked=month[-1].position).first_bad_position


def test_rows_removed_from_the_end_are_found(month):
    result = verify_records(chain(month)[:-2], tracked=month[-1].position)
    assert (False, month[-1].position) == (result.ok, result.first_bad_position)
    assert "removed from its end" in result.problem


def test_a_row_moved_to_another_position_is_found(month):
    rows = chain(month)
    p, entry, h = rows[3]
    rows[3] = (p + 1000, entry, h)
    assert 1004 == verify_records(rows, tracked=None).first_bad_position


def test_deep_verification_checks_the_search_indexes(month):
    full = [(r.position, r.at_us, r.aggregate_key, r.entry, r.hash) for r in month]
    firm_positions: dict[str, Any] = {}
    assert verify_records(full, tracked=None, deep=True, firm_positions=firm_positions).ok
    assert {firm: [r.position for r in month if firm in r.firms] for firm in firm_positions} == {
        firm: list(positions) for firm, positions in firm_positions.items()
    }

    p, at_us, aggregate, entry, h = full[5]
    moved_in_time = [*full[:5], (p, at_us + 1, aggregate, entry, h), *full[6:]]
    other_aggregate = [*full[:5], (p, at_us, aggregate + 1, entry, h), *full[6:]]
    for tampered in (moved_in_time, other_aggregate):
        result = verify_records(tampered, tracked=None, deep=True)
        assert (False, p) == (result.ok, result.first_bad_position)
        assert "index" in result.problem


def test_the_first_difference_of_two_position_lists_is_found():
    assert first_difference([1, 4, 9], [1, 4, 9]) is None
    assert 4 == first_difference([1, 4, 9], [1, 9])  # a row hidden from the index
    assert 5 == first_difference([1, 9], [1, 5, 9])  # a row added to the index
    assert 9 == first_difference([1, 4, 9], [1, 4])
    assert 12 == first_difference([1], [1, 12])


def test_actors_may_act_for_the_park_or_a_firm(month):
    rows = [parse_entry(r.entry, r.hash) for r in month]
    assert rows[0].summary == "administrator admin-1 established the park Dehua ceramics park"
    assert () == rows[0].firms
    assert Actor.administrator("admin-1").user == rows[0].user


def test_the_written_out_header_is_the_canonical_json_of_its_fields(month):
    """Headers are built directly for speed; they must be exactly what the encoder gives."""
    with ShareMarket.in_memory() as market:
        establish(market)
        a = agreement(market, "a")
        market.labour.close_agreement(
            REPS[LENDER], request_id='"quoted"\\close', agreement=a, reason='say "bye" \\ 再见'
        )
        records = [*month, *trail(market)]
    for record in records:
        header = record.entry.split(b"\n")[1].decode()
        assert CANONICAL.encode(json.loads(header)) == header


def test_the_audit_uses_exactly_the_markets_transcodings():
    """The audit runs without a market (under eventsourcing's ProjectionRunner), so it builds
    its own transcoder: it must hold the same transcodings under the same names."""
    with ShareMarket.in_memory() as market:
        expected = market._app.mapper.transcoder
        found = market_transcoder()
        assert {n: type(t) for n, t in expected.names.items()} == {
            n: type(t) for n, t in found.names.items()
        }
        assert set(expected.types) == set(found.types)


def test_each_entry_holds_the_canonical_content_of_its_event():
    """The audit writes an event's UTC timestamp once for header and content: same bytes."""
    with ShareMarket.in_memory() as market:
        dehua_month(market)
        records = trail(market)
        events = [
            market._app.mapper.to_domain_event(n)
            for n in market._app.recorder.select_notifications(start=None, limit=1_000)
        ]
    assert [CANONICAL.content(e) for e in events] == [
        r.entry.split(b"\n", 2)[2].decode() for r in records
    ]
