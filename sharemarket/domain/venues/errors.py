"""The venues slice's errors (阵地共享): venue rules, double booking, quotas, booking steps."""

from __future__ import annotations

from sharemarket.domain.errors import Conflict, PermissionDenied, RuleViolation


class VenueSlotTaken(Conflict):
    """The slot, with the buffers around it, overlaps a live booking of the venue."""

    code = "venue_slot_taken"


class VenueBlackedOut(Conflict):
    """The slot overlaps a blackout of the venue (maintenance, the host's own use)."""

    code = "venue_blacked_out"


class VenueBlackoutOverBookings(Conflict):
    """A blackout over live bookings, without cancelling them in the same command."""

    code = "venue_blackout_over_bookings"


class VenueClosedAtTime(RuleViolation):
    """The slot lies outside the venue's opening hours (or on a day it is closed)."""

    code = "venue_closed_at_time"


class VenueSlotOffGrid(RuleViolation):
    """The slot does not start and end on the venue's booking granularity."""

    code = "venue_slot_off_grid"


class VenueDurationOutOfRange(RuleViolation):
    """The slot is shorter than the venue's minimum or longer than its maximum duration."""

    code = "venue_duration_out_of_range"


class VenueNoticeTooShort(RuleViolation):
    """The slot starts sooner than the venue's minimum notice, or has started."""

    code = "venue_notice_too_short"


class VenueTooFarAhead(RuleViolation):
    """The slot starts further ahead than the venue lets anyone book."""

    code = "venue_too_far_ahead"


class VenueCapacityExceeded(RuleViolation):
    """More attendees than the venue holds."""

    code = "venue_capacity_exceeded"


class VenueNotBookableByFirm(PermissionDenied):
    """The venue is open to a list of firms that does not hold the booking firm."""

    code = "venue_not_bookable_by_firm"


class VenueClosedForGood(RuleViolation):
    """The host closed the venue: it takes no new booking."""

    code = "venue_closed_for_good"


class VenueQuotaExceeded(RuleViolation):
    """The booking would take the firm past a quota of hours or bookings in a week or month."""

    code = "venue_quota_exceeded"


class BookingNotLive(RuleViolation):
    """The booking step does not apply: the booking is not pending or confirmed (any more)."""

    code = "booking_not_live"


class BookingCheckInClosed(RuleViolation):
    """Check-in is only possible from the window before the start until the no-show time."""

    code = "booking_check_in_closed"


class BookingNoShowTooEarly(RuleViolation):
    """A no-show is recorded only once the no-show time after the start has passed."""

    code = "booking_no_show_too_early"


class BookingNotOver(RuleViolation):
    """A booking is completed only after its end."""

    code = "booking_not_over"


class BookingSeriesEmpty(RuleViolation):
    """A recurring series whose rule names no date, or whose every date was refused."""

    code = "booking_series_empty"


class VenueSlotFree(RuleViolation):
    """A firm asks to wait for a slot that is free: it books it instead."""

    code = "venue_slot_free"


class VenueWaitlistFull(RuleViolation):
    """The day's waitlist of the venue holds as many firms as it takes."""

    code = "venue_waitlist_full"


class WaitlistOfferMissing(RuleViolation):
    """No live offer of this waitlist entry: not offered yet, taken, or lapsed."""

    code = "waitlist_offer_missing"


class BookingFeeOverpaid(RuleViolation):
    """A payment of a booking's fee above what is still owed (or before the room was used)."""

    code = "booking_fee_overpaid"
