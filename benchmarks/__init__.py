"""Benchmarks: ``make bench`` runs every area and compares with its baseline.json floors.

Like the ``presswatch`` command (see ``presswatch.cli``), one OpenBLAS thread per process.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def finish(result: dict, report, check) -> int:  # noqa: ANN001 - an area's report and check
    """Print an area's report and what fell below its floors; the exit status."""
    print(report(result))
    failures = [] if "skipped" in result else check(result)
    for failure in failures:
        print(f"  BELOW FLOOR: {failure}")
    return 1 if failures else 0
