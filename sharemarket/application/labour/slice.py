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
    # A timesheet keeps three months, a few kB: a snapshot every 20 events keeps a cold load
    # near 2x of a 10-event one (at most 19 events to replay). An agreement's snapshot is larger
    # (its open shifts, up to 46 kB of JSON): it stays at 100. At 16 a cold load meets 2x, but
    # taking and encoding the snapshot cost every command 75 us of CPU on average (+19 % in
    # memory, +11 % on SQLite, measured side by side): a cold load happens once per process,
    # the snapshot on every 16th event. Snapshots are stored compressed (kernel.snapshots).
    aggregates={LabourAgreement: 100, WorkerTimesheet: 20, LabourRules: None},
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
