"""Tests of the labour slice: agreements, caps, settlements, its commands and stored forms."""
