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
    # near 2x of a 10-event one (at most 19 events to replay; 99 never fit) while snapshots stay
    # under a quarter of the events' bytes (0.23 in the bounded benchmark; 16 would reach it).
    # An agreement's snapshot is larger (up to 46 kB there): it stays at 100.
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
