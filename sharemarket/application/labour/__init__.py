"""The labour slice (共享用工): commands, handlers, the service market.labour, its views."""
