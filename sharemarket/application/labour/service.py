"""``market.labour``: workers lent for hours between member firms (共享用工).

The service is composed of five parts, each in a module that reads in one sitting: the
working-time policy and the agreements (``service_agreements``), shifts and home hours
(``service_shifts``), their corrections (``service_corrections``), settlements and payments
(``service_settlements``), and the queries (``service_queries``).
"""

from __future__ import annotations

from sharemarket.application.labour.service_agreements import LabourAgreements
from sharemarket.application.labour.service_corrections import LabourCorrections
from sharemarket.application.labour.service_queries import LabourQueries
from sharemarket.application.labour.service_settlements import LabourSettlements
from sharemarket.application.labour.service_shifts import LabourShifts


# The parts are listed last to first: the API reference shows inherited methods from the last
# base to the first, so its page reads from the policy and agreements down to the queries.
class LabourService(
    LabourQueries, LabourSettlements, LabourCorrections, LabourShifts, LabourAgreements
):
    """Workers lent for hours between member firms, within the caps of the working-time policy."""
