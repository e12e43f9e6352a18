"""The errors the projections raise, each with a stable ``code``, in sharemarket's hierarchy."""

from __future__ import annotations

from sharemarket.domain.errors import Conflict, ShareMarketError, StoreError


class ProjectionHalted(ShareMarketError):
    """A projection could not process an event; it stopped just before it.

    Everything before ``position`` is recorded; nothing of the event at ``position`` is. Fix the
    cause (usually a mapping module) and catch up again: processing resumes at that event, so
    nothing is skipped and nothing is counted twice. The original error is ``__cause__``.
    """

    code = "projection_halted"

    def __init__(self, projection: str, position: int, event_type: str, reason: str) -> None:
        super().__init__(
            f"projection {projection!r} halted at position {position} ({event_type}): {reason}; "
            "everything before it is recorded, nothing of it: fix the cause and catch up again"
        )
        self.projection = projection
        self.position = position
        self.event_type = event_type


class UnbalancedPostings(ShareMarketError):
    """A posting rule produced postings that do not sum to zero in every asset (a mapping bug)."""

    code = "unbalanced_postings"


class ViewOutOfStep(Conflict):
    """Another process moved the view on since this one read its position; nothing was written.

    The runner reloads the view's position and carries on from there; hosts only see this if they
    write to a view through its low-level API.
    """

    code = "view_out_of_step"


class ViewsOfAnotherMarket(Conflict):
    """The views hold events the market does not have: they were built from another market.

    A market file replaced by a new one leaves views that describe the old one; open the views
    in a fresh place, or rebuild them from the market.
    """

    code = "views_of_another_market"


class ProjectionTimeout(ShareMarketError, TimeoutError):
    """The views did not reach the awaited position in time."""

    code = "projection_timeout"


class AuditTrailBroken(StoreError):
    """The audit trail failed verification: a row was edited, inserted, removed or reordered.

    ``position`` is the first position found wrong (None when the message names none).
    """

    code = "audit_trail_broken"

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position
