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
    # near 2x of a 10-event one (at most 19 events to replay). An agreement's snapshot holds its
    # open shifts (up to a month of them), packed in two strings (agreement_snapshot): about
    # 190 us to encode 200 shifts, where a list of values each took 400. At 24 a cold load
    # replays at most 23 events (about 2x of a 10-event one; at 100, 99 and 5.4x), the snapshot
    # costs a command about 8 us on average (4 at 100 before), and the `bounded` benchmark's
    # snapshots stay under a quarter of its event bytes (0.243; 0.26 at 22, 0.28 at 20).
    aggregates={LabourAgreement: 24, WorkerTimesheet: 20, LabourRules: None},
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
