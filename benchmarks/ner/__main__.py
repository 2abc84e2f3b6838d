"""``python -m benchmarks.ner [LIMIT]``: run the NER benchmark alone."""

from __future__ import annotations

import sys

from benchmarks import finish
from benchmarks.ner.run import check, report, run

if __name__ == "__main__":
    sys.exit(finish(run(int(sys.argv[1]) if len(sys.argv) > 1 else None), report, check))
