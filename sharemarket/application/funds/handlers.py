"""The fund-loan handlers' table: each command mapped to the function that loads, lets the
domain decide and returns what to save. The handlers live by concept in ``handlers_pool``,
``handlers_loans`` and ``handlers_guarantees``; importing them registers them in the table."""

from __future__ import annotations

from sharemarket.application.funds import handlers_guarantees, handlers_loans, handlers_pool
from sharemarket.application.funds.handling import handlers

#: The modules that registered their handlers (imported for that).
MODULES = (handlers_pool, handlers_loans, handlers_guarantees)

__all__ = ["MODULES", "handlers"]
