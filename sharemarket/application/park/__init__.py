"""The park slice: membership commands, handlers and the service market.park."""
