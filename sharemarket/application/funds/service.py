"""``market.funds``: the LPR table, the mutual-aid pool (资金池), loans between members (拆借) and
their guarantees (互相担保).

The service is composed of five parts, each in a module that reads in one sitting: the LPR
table and the pool (``service_pool``), a loan until it is disbursed (``service_loans``), a
disbursed loan's repayments and the loan queries (``service_loan_servicing``), guarantees, calls
and subrogation (``service_guarantees``), and the guarantee network with joint groups
(``service_network``).
"""

from __future__ import annotations

from sharemarket.application.funds.service_guarantees import GuaranteeService
from sharemarket.application.funds.service_loan_servicing import LoanServicing
from sharemarket.application.funds.service_loans import LoanService
from sharemarket.application.funds.service_network import NetworkService
from sharemarket.application.funds.service_pool import PoolService


class FundsService(PoolService, LoanService, LoanServicing, GuaranteeService, NetworkService):
    """Fund loans: every step says who acted, for which firm; amounts are Money, rates Decimal %."""
