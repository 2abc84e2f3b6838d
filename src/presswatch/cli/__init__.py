"""The ``presswatch`` command line: one module per sub-command, registered in ``main``.

OpenBLAS (numpy's, used by natasha) starts a thread per core and spins them on every small
matrix product; in a worker whose own threads already keep both cores busy that doubled
the CPU time of Russian entity recognition (63 ms of CPU for 32 ms of wall time per
article). One BLAS thread per process, unless the environment says otherwise; this runs
before numpy is first imported.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
