"""Tests of the labour slice's domain: agreements, shifts, timesheets, settlements, booking."""
