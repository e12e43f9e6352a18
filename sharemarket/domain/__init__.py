"""The pure domain of sharemarket: values, aggregates, rules and errors (no I/O, no clock, no DB)."""
