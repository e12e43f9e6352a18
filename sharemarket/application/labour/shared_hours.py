"""Labour shared between firms in a period, by calendar week and firm pair: a report folded
from the event log.

Minutes are those of confirmed shifts (less reversed ones) whose work date falls in the period,
counted in the week (Monday to Sunday) of their work date: what the park's pictures and
statistics show, whenever the shifts were recorded.
"""

from __future__ import annotations

from datetime import date

import attrs

from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.log_reads import read_events
from sharemarket.domain.duration import Minutes
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.time import week_of


@attrs.frozen
class SharedHours:
    """Minutes ``lender``'s workers worked for ``borrower`` in the week starting ``week``
    (a Monday), within the period asked for."""

    week: date
    lender: FirmId
    borrower: FirmId
    minutes: Minutes


_EVENTS = (
    LabourAgreement.Proposed,
    LabourAgreement.ProposedFromMatch,
    LabourAgreement.ShiftConfirmed,
    LabourAgreement.ShiftReversed,
)


def shared_hours(log: EventLog, first_day: date, last_day: date) -> tuple[SharedHours, ...]:
    """Rows by week, then lender and borrower; pairs with no minutes left are left out."""
    pairs: dict[object, tuple[FirmId, FirmId]] = {}
    totals: dict[tuple[date, str, str], int] = {}
    firms: dict[str, FirmId] = {}
    for event in read_events(log, _EVENTS):
        if isinstance(event, LabourAgreement.Proposed):
            pairs[event.originator_id] = (event.lender, event.borrower)
            firms[event.lender.code], firms[event.borrower.code] = event.lender, event.borrower
            continue
        shift = event.shift
        if not first_day <= shift.work_date <= last_day:
            continue
        lender, borrower = pairs[event.originator_id]
        key = (week_of(shift.work_date)[0], lender.code, borrower.code)
        sign = 1 if isinstance(event, LabourAgreement.ShiftConfirmed) else -1
        totals[key] = totals.get(key, 0) + sign * shift.minutes.value
    return tuple(
        SharedHours(week, firms[lender], firms[borrower], Minutes(minutes))
        for (week, lender, borrower), minutes in sorted(totals.items())
        if minutes
    )
