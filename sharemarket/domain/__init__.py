"""The pure domain of sharemarket: values, aggregates, rules, errors (no I/O, clock or DB)."""
