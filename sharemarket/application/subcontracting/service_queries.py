"""``market.subcontracting``, its queries: orders, parts, reports and scorecards."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import get_topic

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.inputs import as_firm_id, as_uuid
from sharemarket.application.kernel.log_reads import created_ids
from sharemarket.application.subcontracting import access
from sharemarket.domain.errors import InvalidInput, StoreError
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.subcontracting.order import SubcontractOrder
from sharemarket.domain.subcontracting.part import SubcontractPart
from sharemarket.domain.subcontracting.reports import (
    OrderReport,
    PartReport,
    Scorecard,
    ScoredInspection,
    scorecard,
)
from sharemarket.domain.time import check_business_date

_SCORED = (
    get_topic(SubcontractPart.Inspected),
    get_topic(SubcontractPart.InspectionCorrected),
)
_PAGE = 500


class SubcontractQueries(Service):
    """What the market knows of orders, parts and subcontractors."""

    # Queries --------------------------------------------------------------------------------------

    def orders(self, firm: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every order recorded, oldest first; with ``firm``, those it issued.
        Read from the log (a list for people and tools).

        Raises:
            InvalidInput: The credit code is malformed.
        """
        code = None if firm is None else as_firm_id(firm, "firm")
        return created_ids(
            EventLog(self._loader.app),
            (SubcontractOrder.Recorded,),
            None if code is None else lambda e: e.issuer == code,
        )

    def part(self, part: UUID, as_of: date) -> PartReport:
        """A part's figures and its status as of a date (late: pieces still due after it).

        Raises:
            InvalidInput: The date is outside the range the market records.
            NotFound: The part does not exist.
        """
        check_business_date(as_of, "as_of")
        return PartReport.of(access.part(self._loader, as_uuid(part, "part")), as_of)

    def order(self, order: UUID, as_of: date) -> OrderReport:
        """An order's split and its live parts (declined and withdrawn offers, and parts cut to
        nothing, leave it; each stays readable by its id).

        Raises:
            InvalidInput: The date is outside the range the market records.
            NotFound: The order does not exist.
        """
        check_business_date(as_of, "as_of")
        found = access.order(self._loader, as_uuid(order, "order"))
        parts = [access.part(self._loader, UUID(key)) for key in found.parts]
        return OrderReport.of(found, parts, as_of)

    def scorecard(self, firm: FirmId | str, first_day: date, last_day: date) -> Scorecard:
        """A subcontracting firm's record from the inspections made from ``first_day`` to
        ``last_day``: pieces accepted, rejections by reason, deliveries on time. It reads the
        inspection events of the log (a report, not a command's path).

        Raises:
            InvalidInput: The credit code is malformed, a date is outside the range the market
                records, or ``last_day`` is before ``first_day``.
        """
        code = as_firm_id(firm, "firm")
        check_business_date(first_day, "first_day")
        check_business_date(last_day, "last_day")
        if last_day < first_day:
            raise InvalidInput(f"last_day {last_day} is before first_day {first_day}")
        return scorecard(code, first_day, last_day, self._scored())

    def _scored(self) -> list[ScoredInspection]:
        app = self._loader.app
        seen: list[ScoredInspection] = []
        start: int | None = None
        try:
            while True:
                page = app.recorder.select_notifications(
                    start=start, limit=_PAGE, topics=_SCORED, inclusive_of_start=start is None
                )
                for notification in page:
                    event = app.mapper.to_domain_event(notification)
                    if isinstance(event, SubcontractPart.InspectionCorrected):
                        seen.append(
                            ScoredInspection(-1, event.previous, event.subcontractor, event.due_on)
                        )
                    elif not isinstance(event, SubcontractPart.Inspected):
                        continue
                    seen.append(
                        ScoredInspection(1, event.inspection, event.subcontractor, event.due_on)
                    )
                if len(page) < _PAGE:
                    return seen
                start = page[-1].id
        except PersistenceError as exc:
            raise StoreError(f"the event store failed to read inspections: {exc}") from None
