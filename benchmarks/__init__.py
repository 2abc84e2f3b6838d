"""Benchmarks: ``make bench`` runs every area and compares with its baseline.json floors.

Like the ``presswatch`` command (see ``presswatch.cli``), one OpenBLAS thread per process.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
