"""Tests of the labour slice: agreements, shifts, caps, settlements, its commands and stored forms."""
