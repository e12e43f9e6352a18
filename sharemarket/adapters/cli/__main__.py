"""``python -m sharemarket.adapters.cli``: the command line."""

from sharemarket.adapters.cli.app import main

main()
