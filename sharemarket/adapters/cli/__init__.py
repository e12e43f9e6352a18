"""The ``sharemarket`` command line for park staff: an adapter over the public API (Click, Rich).

Run ``sharemarket --help`` (installed) or ``python -m sharemarket --help``; docs/cli.md is the
guide. No rule of the market lives here: each command calls ``ShareMarket``'s services or
``ParkViews`` and prints what they return.
"""

from sharemarket.adapters.cli.app import cli, main

__all__ = ["cli", "main"]
