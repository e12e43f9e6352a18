"""Venue-sharing handlers, one table of the slice's three parts: venues (``venue_handlers``),
bookings and their steps (``booking_handlers``), the waitlist (``waitlist_handlers``)."""

from __future__ import annotations

from sharemarket.application.kernel.commands import Handlers
from sharemarket.application.venues import booking_handlers, venue_handlers, waitlist_handlers

handlers = Handlers()
for _part in (venue_handlers, booking_handlers, waitlist_handlers):
    for _command, _handler in _part.handlers.items():
        handlers.handles(_command)(_handler)
