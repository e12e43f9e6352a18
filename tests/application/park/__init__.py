"""Tests of the park slice's application: market.park commands and queries."""
