"""Projections of the market's events: a double-entry journal and a hash-chained audit trail.

The logic lives here (what postings an event makes, its audit row, the chain); the stores live in
``sharemarket.adapters``; ``sharemarket.park_views`` is the public face for park software.
"""
