"""The fund-loans slice's declaration (资金池 / 拆借 / 互相担保): the LPR table, pools and loans."""

from __future__ import annotations

from sharemarket.application.funds import postings, summaries
from sharemarket.application.funds.handlers import handlers
from sharemarket.application.funds.service import FundsService
from sharemarket.application.funds.transcodings import TRANSCODINGS
from sharemarket.application.kernel.slice import Slice, errors_of
from sharemarket.domain.funds import errors
from sharemarket.domain.funds.groups import JointGroups
from sharemarket.domain.funds.loan import Loan
from sharemarket.domain.funds.lpr import LprTable
from sharemarket.domain.funds.network import GuaranteeNetwork
from sharemarket.domain.funds.pool import Pool

SLICE = Slice(
    name="funds",
    service=FundsService,
    # A pool is in the save of every command moving its cash: snapshots keep it cheap to load.
    # A loan's events are bounded by its instalments; the LPR table grows by a figure a month.
    # The network holds the guarantees in force only, the groups their members; each records
    # facts for concurrency's sake (the groups every disbursal): snapshots keep them cheap.
    aggregates={Pool: 50, Loan: 50, LprTable: None, GuaranteeNetwork: 50, JointGroups: 50},
    handlers=handlers,
    transcodings=TRANSCODINGS,
    postings=postings.postings,
    parties=postings.parties,
    summaries=summaries.summaries,
    errors=errors_of(errors),
)
