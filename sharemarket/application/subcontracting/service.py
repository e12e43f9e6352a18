"""``market.subcontracting``: orders split among member firms (二次发单), delivered, inspected,
reworked and settled.

The service is composed of four parts, each in a module that reads in one sitting: the
issuer's orders and offers (``service_orders``), the subcontractor's acceptance, deliveries and
bills (``service_deliveries``), the issuer's inspections, materials and payments
(``service_inspections``), and the queries (``service_queries``).
"""

from __future__ import annotations

from sharemarket.application.subcontracting.service_deliveries import SubcontractDeliveries
from sharemarket.application.subcontracting.service_inspections import SubcontractInspections
from sharemarket.application.subcontracting.service_orders import SubcontractOrders
from sharemarket.application.subcontracting.service_queries import SubcontractQueries


# The parts are listed last to first: the API reference shows inherited methods from the last
# base to the first, so its page reads from the orders down to the queries.
class SubcontractingService(
    SubcontractQueries, SubcontractInspections, SubcontractDeliveries, SubcontractOrders
):
    """An issuing firm splits an order into parts offered to other member firms; they deliver in
    part, the issuer inspects every delivery, rejected pieces are reworked or scrapped, and the
    subcontractors bill the accepted pieces."""
