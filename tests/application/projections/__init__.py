"""Tests of the projections: the journal's posting rules and the audit trail's rows."""
