"""The venues slice (阵地共享): venue, booking and quota commands, handlers and market.venues."""
