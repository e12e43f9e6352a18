"""Order subcontracting (二次发单): orders split into parts, deliveries, inspection, settlement."""
