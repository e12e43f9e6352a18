"""Benchmarks of sharemarket beside bare eventsourcing and raw sqlite3: ``python -m benchmarks``."""
