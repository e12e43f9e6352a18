"""What every slice shares: the unit of work, commands as values, loading, caches, storage."""
