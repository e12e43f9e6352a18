"""The states of a venue booking, and which of them hold the slot and count in quotas.

Until the booking modules were split, ``BookingStatus`` lived in
``sharemarket.domain.venues.booking`` (which still exports it); the venues slice registers that
old topic. Statuses are stored by value under the transcoding name ``venues.booking_status``.
"""

from __future__ import annotations

import enum


class BookingStatus(enum.Enum):
    """Where a venue booking stands: pending the host's approval, confirmed, declined,
    cancelled (in time, late, or by the host), checked in, a no-show, or completed."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    #: Cancelled within the venue's late-cancellation notice: counted as a no-show.
    CANCELLED_LATE = "cancelled_late"
    CANCELLED_BY_HOST = "cancelled_by_host"
    CHECKED_IN = "checked_in"
    NO_SHOW = "no_show"
    COMPLETED = "completed"

    @property
    def holds_slot(self) -> bool:
        """Pending, confirmed and checked-in bookings hold their slot on the day's calendar."""
        return self in _HOLDING

    @property
    def counts_in_quota(self) -> bool:
        """Everything but a decline and a timely cancellation (by the firm or the host)."""
        return self not in _RELEASED


_HOLDING = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN})
_RELEASED = frozenset(
    {BookingStatus.DECLINED, BookingStatus.CANCELLED, BookingStatus.CANCELLED_BY_HOST}
)
