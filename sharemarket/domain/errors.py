"""The one error hierarchy of sharemarket: each error has a stable ``code`` and a useful message."""

from __future__ import annotations

from typing import ClassVar


class ShareMarketError(Exception):
    """Root of every error the public API raises.

    ``code`` is stable: host programs switch on it. The message says what is wrong and how to
    fix it.
    """

    code: ClassVar[str] = "sharemarket_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(ShareMarketError, ValueError):
    """A value given to the library is malformed (a bad firm code, a negative amount...)."""

    code = "invalid_input"


class RuleViolation(ShareMarketError):
    """A well-formed command would break a rule of the park or of the law (one subclass a rule)."""

    code = "rule_violation"


class NotFound(ShareMarketError, LookupError):
    """The command refers to something the market has never recorded."""

    code = "not_found"


class PermissionDenied(ShareMarketError):
    """The actor may not take this step."""

    code = "permission_denied"


class Conflict(ShareMarketError):
    """The command conflicts with what is already recorded."""

    code = "conflict"


class RequestIdReused(Conflict):
    """A request id was used before for a different command or different arguments."""

    code = "request_id_reused"


class ConcurrentUpdate(Conflict):
    """Other writers kept changing the same records; the command was retried and gave up."""

    code = "concurrent_update"


class StoreError(ShareMarketError):
    """The event store failed (database unreachable, disk full, misconfigured)."""

    code = "store_error"


class InvalidTransition(RuleViolation):
    """The step does not apply in the current state (reinstating an active firm, ...)."""

    code = "invalid_transition"


class PersonalDataRefused(InvalidInput):
    """A value looks like personal data (an ID number, a phone number, a name).

    The event log is immutable and PIPL gives people a right to deletion, so workers are named
    only by an opaque reference the host software chooses.
    """

    code = "personal_data_refused"
