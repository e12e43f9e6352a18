"""The labour slice's declaration (共享用工): agreements, shifts, timesheets, settlements."""

from __future__ import annotations

from sharemarket.application.kernel.slice import Slice, errors_of
from sharemarket.application.labour import postings, summaries
from sharemarket.application.labour.handlers import handlers
from sharemarket.application.labour.service import LabourService
from sharemarket.application.labour.transcodings import TRANSCODINGS
from sharemarket.domain.labour import errors
from sharemarket.domain.labour.agreement import LabourAgreement
from sharemarket.domain.labour.policy import LabourRules
from sharemarket.domain.labour.timesheet import WorkerTimesheet

SLICE = Slice(
    name="labour",
    service=LabourService,
    # A cold load replays up to interval - 1 events after the snapshot, 70 to 90 us each: to
    # stay within 2x of a 10-event load, a timesheet (three months, a few kB) is snapshotted
    # every 20 events, an agreement (its open shifts, up to 46 kB of JSON) every 16 (1.8x to
    # 1.9x on the CPU clock; 18 and 20 reach 2x). Snapshots are stored compressed, about a
    # third of their JSON (application.kernel.snapshots): docs/labour.md gives the bytes.
    aggregates={LabourAgreement: 16, WorkerTimesheet: 20, LabourRules: None},
    handlers=handlers,
    transcodings=TRANSCODINGS,
    postings=postings.postings,
    parties=postings.parties,
    summaries=summaries.summaries,
    assets=(postings.LABOUR_MINUTES,),
    errors=errors_of(errors),
    # A settlement is a trade obligation of the borrower to the lender: a clearing run nets it.
    clearable=(LabourAgreement,),
)
