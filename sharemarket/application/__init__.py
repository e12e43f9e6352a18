"""Application services: load aggregates, decide, save once; and the projections."""
