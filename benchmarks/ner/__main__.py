"""``python -m benchmarks.ner [LIMIT]``: run the NER benchmark alone."""

from __future__ import annotations

import sys

from benchmarks.ner.run import check, report, run

if __name__ == "__main__":
    result = run(int(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(report(result))
    failures = check(result)
    for line in failures:
        print(f"BELOW FLOOR: {line}")
    sys.exit(1 if failures else 0)
