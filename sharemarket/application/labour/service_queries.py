"""``market.labour``, its queries: agreements, statements, settlements, timesheets, shared hours."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sharemarket.application.kernel.commands import Service
from sharemarket.application.kernel.event_log import EventLog
from sharemarket.application.kernel.inputs import as_firm_id, as_opaque_id, as_uuid
from sharemarket.application.kernel.log_reads import created_ids
from sharemarket.application.labour import access
from sharemarket.application.labour.shared_hours import SharedHours, shared_hours
from sharemarket.domain.errors import InvalidInput
from sharemarket.domain.firm_id import FirmId
from sharemarket.domain.labour.agreement import AgreementStatement, LabourAgreement
from sharemarket.domain.labour.settlement import Settlement
from sharemarket.domain.labour.timesheet import WorkerTimesheet, timesheet_id
from sharemarket.domain.labour.workers import WORKER_REF_MAX
from sharemarket.domain.time import check_business_date


class LabourQueries(Service):
    """What the market knows of agreements, shifts and workers; a query records nothing."""

    # Queries ----------------------------------------------------------------------------------

    def agreements(self, firm: FirmId | str | None = None) -> tuple[UUID, ...]:
        """The ids of every agreement proposed, oldest first; with ``firm``, those it lends
        or borrows under. Read from the log (a list for people and tools).

        Raises:
            InvalidInput: The credit code is malformed.
        """
        code = None if firm is None else as_firm_id(firm, "firm")
        return created_ids(
            EventLog(self._loader.app),
            (LabourAgreement.Proposed,),
            None if code is None else lambda e: code in (e.lender, e.borrower),
        )

    def agreement(self, agreement: UUID) -> LabourAgreement:
        """The agreement as its whole history makes it, for reading (changes to it are never
        saved): every shift and settlement, closed ones included. The stored agreement forgets
        what closed, so this replays its events: it costs the length of its history.

        Raises:
            NotFound: The agreement does not exist.
        """
        return access.history(self._loader, as_uuid(agreement, "agreement"))

    def statement(self, agreement: UUID) -> AgreementStatement:
        """Minutes by worker and date (confirmed, pending), amounts settled, paid and owed,
        over the agreement's whole history (read as :meth:`agreement` reads it).

        Raises:
            NotFound: The agreement does not exist.
        """
        return self.agreement(agreement).statement()

    def settlement(self, agreement: UUID, settlement: UUID) -> Settlement:
        """One settlement of the agreement: its date range, shifts, minutes and amount.

        Raises:
            NotFound: The agreement, or the settlement under it, does not exist.
        """
        agreement_id, settlement_id = (
            as_uuid(agreement, "agreement"),
            as_uuid(settlement, "settlement"),
        )
        stored = access.agreement(self._loader, agreement_id)
        if str(settlement_id) in stored.settlements:  # not yet paid in full: no replay needed
            return stored.settlement(settlement_id)
        return access.history(self._loader, agreement_id).settlement(settlement_id)

    def timesheet(self, home_firm: FirmId | str, worker: str) -> WorkerTimesheet | None:
        """A worker's booked hours across every firm, every day ever booked (None if nothing
        was ever booked). The stored timesheet keeps its last three months, so this replays its
        events: it costs the length of its history.

        Raises:
            InvalidInput: The home firm's credit code or the worker reference is malformed.
        """
        firm = as_firm_id(home_firm, "home_firm")
        ref = as_opaque_id(worker, "worker", WORKER_REF_MAX)
        return access.timesheet_history(self._loader, timesheet_id(firm, ref))

    def shared_hours(self, first_day: date, last_day: date) -> tuple[SharedHours, ...]:
        """Confirmed minutes (less reversed ones) worked from ``first_day`` to ``last_day``
        (work dates, both counted), by calendar week and (lender, borrower): read from the
        market's whole history, a report rather than a command path.

        Raises:
            InvalidInput: A date is outside the range the market records, or ``last_day`` is
                before ``first_day``.
        """
        check_business_date(first_day, "first_day")
        check_business_date(last_day, "last_day")
        if last_day < first_day:
            raise InvalidInput(f"the period ends on {last_day}, before it starts on {first_day}")
        return shared_hours(EventLog(self._loader.app), first_day, last_day)
