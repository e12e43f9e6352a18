"""The rules of a clearing run that span the run and the slices' aggregates holding its
obligations: reading what each obligation is when the run is proposed, and discharging them all
when it commits, or none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sharemarket.domain.actor import Actor
from sharemarket.domain.clearing.errors import ObligationNotClearable, RunStale
from sharemarket.domain.clearing.run import ClearingRun, Included, ObligationRef
from sharemarket.domain.obligations import Clearable
from sharemarket.domain.park.membership import Park


def included(
    refs: Sequence[ObligationRef], holders: Mapping[ObligationRef, Clearable]
) -> list[Included]:
    """Each named obligation as its holder has it now; a paid one cannot be included."""
    found = []
    for ref in refs:
        now = holders[ref].open_obligation(ref.obligation)
        if now.unpaid.fen <= 0:
            raise ObligationNotClearable(f"{now.label} is paid: there is nothing to clear")
        found.append(Included(ref, now.debtor, now.creditor, now.unpaid, now.label))
    return found


def commit(
    run: ClearingRun, park: Park, actor: Actor, holders: Mapping[ObligationRef, Clearable]
) -> None:
    """Every firm accepted: mark each included obligation paid by the run, in its own slice.

    Each obligation must still be what the run read (the same parties, the same unpaid
    amount): one paid, disputed or changed since makes the run stale, and nothing is recorded.
    The holders' other changes (a new shift on the same agreement) do not matter.
    """
    run.require_committable(park, actor)
    for item in run.obligations:
        now = holders[item.ref].open_obligation(item.ref.obligation)
        if (now.debtor, now.creditor, now.unpaid) != (item.debtor, item.creditor, item.amount):
            raise RunStale(
                f"{item.label} changed since {run.label} was proposed: {now.unpaid} unpaid now, "
                f"{item.amount} then; propose a new run"
            )
    for item in run.obligations:
        holders[item.ref].settle_by_clearing(
            actor, obligation_id=item.ref.obligation, run_id=run.id, amount=item.amount
        )
    run.trigger_event(run.Committed, payments=tuple(run.payments), actor=actor)
