"""``python -m benchmarks``: run every benchmark, print the table, write the JSON results."""

from benchmarks.run import main

raise SystemExit(main())
