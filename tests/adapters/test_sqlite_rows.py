"""The SQLite event store writes a save's events, receipts and read checks as multi-row
statements: each event still gets its own notification id, every receipt its row, and a read
that changed is found in any chunk; a failure still records nothing."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from sharemarket import ShareMarket
from sharemarket.adapters.sqlite_recorder import SQLiteMarketRecorder
from sharemarket.adapters.sqlite_rows import MAX_ROWS, chunks, padded
from sharemarket.application.kernel.read_checks import READS, ReadChanged
from sharemarket.application.kernel.receipts import RECEIPTS


@pytest.fixture
def recorder(tmp_path) -> Iterator[SQLiteMarketRecorder]:
    market = ShareMarket.sqlite(tmp_path / "market.sqlite")
    try:
        recorder = market._app.recorder
        assert isinstance(recorder, SQLiteMarketRecorder)
        yield recorder
    finally:
        market.close()


def events(count: int, originator: UUID | None = None) -> list[StoredEvent]:
    originator = originator or uuid4()
    return [
        StoredEvent(originator, v, "t.o:Pic", f"state {v}".encode()) for v in range(1, count + 1)
    ]


def stored(recorder: SQLiteMarketRecorder) -> list[tuple[int, UUID, int]]:
    notes = recorder.select_notifications(start=None, limit=10_000)
    return [(n.id, UUID(str(n.originator_id)), n.originator_version) for n in notes]


@pytest.mark.parametrize("count", [0, 1, 13, MAX_ROWS, 2 * MAX_ROWS + 3])
def test_chunks_cover_the_rows_in_powers_of_two(count):
    """Every row is written once, in statements of at most MAX_ROWS rows, a power of two each."""
    sizes = list(chunks(count))
    assert count == sum(sizes)
    assert all(size <= MAX_ROWS and size & (size - 1) == 0 for size in sizes)


def test_checks_are_padded_to_a_power_of_two():
    assert [1, 2, 4, 4, 8, 64] == [padded(n) for n in (1, 2, 3, 4, 5, 64)]


@pytest.mark.parametrize("count", [1, 13, 2 * MAX_ROWS + 3])
def test_each_event_gets_the_notification_id_it_is_stored_under(recorder, count):
    """The ids returned are those the notification log shows for each event, in order."""
    recorder.insert_events(events(2))
    saved = events(count)
    ids = recorder.insert_events(saved)
    expected = [(n, s.originator_id, s.originator_version) for n, s in zip(ids, saved, strict=True)]
    assert expected == stored(recorder)[2:]
    assert list(range(3, 3 + count)) == list(ids)


def test_every_receipt_of_a_save_is_stored(recorder):
    receipts = [(uuid4(), f"receipt {i}".encode()) for i in range(MAX_ROWS + 6)]
    recorder.insert_events(events(1), **{RECEIPTS: receipts})
    assert [state for _, state in receipts] == [recorder.select_receipt(r) for r, _ in receipts]


def test_a_receipt_id_used_twice_records_nothing(recorder):
    taken = uuid4()
    recorder.insert_events(events(1), **{RECEIPTS: [(taken, b"first")]})
    before = stored(recorder)
    receipts = [(uuid4(), b"new") for _ in range(20)] + [(taken, b"again")]
    with pytest.raises(IntegrityError):
        recorder.insert_events(events(3), **{RECEIPTS: receipts})
    assert before == stored(recorder)
    assert b"first" == recorder.select_receipt(taken)
    assert recorder.select_receipt(receipts[0][0]) is None


@pytest.mark.parametrize("reads", [1, 5, MAX_ROWS + 7])
def test_a_changed_read_in_any_chunk_is_found_and_records_nothing(recorder, reads):
    """Only the last of the reads changed (it has an event after the version read): the save
    raises ReadChanged naming it, and records nothing."""
    unchanged = {uuid4(): 0 for _ in range(reads - 1)}
    changed = uuid4()
    recorder.insert_events(events(2, changed))
    before = stored(recorder)
    with pytest.raises(ReadChanged) as refused:
        recorder.insert_events(events(1), **{READS: {**unchanged, changed: 1}})
    assert (changed, 1) == (refused.value.aggregate_id, refused.value.version)
    assert before == stored(recorder)
    recorder.insert_events(events(1), **{READS: {**unchanged, changed: 2}})  # current: saved
    assert len(before) + 1 == len(stored(recorder))
