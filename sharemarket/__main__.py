"""``python -m sharemarket``: the command line (sharemarket.adapters.cli)."""

from sharemarket.adapters.cli.app import main

main()
