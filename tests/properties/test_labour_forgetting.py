"""The stored labour agreement forgets what closed, and nothing else (issue 20).

After any sequence of labour commands through the real application, each stored agreement
(what commands decide on and snapshots hold) equals its whole history (every event replayed,
forgetting nothing) cut down to what is open: the same open shifts, settlements not yet paid in
full, and totals that agree with the history's statement. A snapshot taken when agreements kept
everything, upcast, gives the stored agreement exactly. And the state does not grow: once every
shift is settled and paid, nothing of them is left.
"""

from __future__ import annotations

import copy
from typing import Any
from uuid import UUID

from hypothesis import given

from sharemarket import ShareMarket, ShiftStatus
from sharemarket.domain.labour.agreement import LabourAgreement
from tests.labour_support import state, version_2_rows
from tests.properties.test_labour_properties import play, sequences

OPEN = (ShiftStatus.PENDING, ShiftStatus.DISPUTED, ShiftStatus.CONFIRMED)


def stored(market: ShareMarket, agreement: UUID) -> LabourAgreement:
    a = market._app.repository.get(agreement)
    assert isinstance(a, LabourAgreement)
    return a


def check_forgets_only_what_closed(history: LabourAgreement, kept: LabourAgreement) -> None:
    entries = history.shift_entries()
    open_entries = [e for e in entries if e.status in OPEN and e.settlement_id is None]
    assert not kept.keeps_history
    assert history.keeps_history
    assert {e.shift.shift_id.hex for e in open_entries} == set(kept.shifts)
    for entry in open_entries:
        assert entry == kept.shift(entry.shift.shift_id)
    assert len(entries) == kept.shifts_recorded
    assert history.statement().confirmed.value == kept.confirmed_minutes
    assert history.booked_minutes == kept.booked_minutes
    unpaid = {key: s for key, s in history.settlements.items() if history.paid[key] < s.amount.fen}
    assert unpaid == kept.settlements
    assert {key: history.paid[key] for key in unpaid} == kept.paid
    assert {
        key: s.amount.fen for key, s in history.settlements.items() if key not in unpaid
    } == kept.paid_off


def upcast_of(history: LabourAgreement) -> dict[str, Any]:
    """The history's state as a version 1 snapshot held it (everything kept; none of the new
    totals; each shift a list of values under its id's 36-character form), upcast to version 2
    and then to the agreement's own form (version 3)."""
    old = copy.deepcopy(vars(history))
    for name in ("keeps_history", "shifts_recorded", "confirmed_minutes", "paid_off"):
        old.pop(name, None)
    old.pop("_pending_events", None)
    old["shifts"] = version_2_rows(history)
    LabourAgreement.upcast_v1_v2(old)
    LabourAgreement.upcast_v2_v3(old)
    return old


@given(sequences)
def test_a_stored_agreement_is_its_history_cut_to_what_is_open(sequence):
    """Forgetting drops exactly the shifts that closed (withdrawn, reversed, settled) and the
    settlements paid in full; the totals kept agree with the whole history; and a version 1
    snapshot of that history upcasts to the stored state, field for field."""
    market = ShareMarket.in_memory()
    try:
        run = play(market, sequence, checking=False)
        for agreement, *_ in run.agreements:
            history = market.labour.agreement(agreement)
            kept = stored(market, agreement)
            check_forgets_only_what_closed(history, kept)
            assert state(kept) == upcast_of(history)
    finally:
        market.close()
