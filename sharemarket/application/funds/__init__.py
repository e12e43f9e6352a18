"""The fund-loans slice: commands, handlers and the service market.funds."""
