"""``python -m benchmarks``: run every benchmark, print the table, write the JSON results."""

from benchmarks.run import main

# The guard matters: writer processes are spawned, and spawning imports the main module again.
if __name__ == "__main__":
    raise SystemExit(main())
