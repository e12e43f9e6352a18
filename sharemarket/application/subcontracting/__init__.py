"""The subcontracting slice (二次发单): commands, handlers and the service market.subcontracting."""
