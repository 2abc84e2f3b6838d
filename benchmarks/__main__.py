"""``make bench``: every benchmark area prints its score and throughput, then its floors."""

from __future__ import annotations

import importlib
import sys

AREAS = ("extraction", "ingest", "translation", "ner", "stories")


def main() -> int:
    failed = []
    for area in AREAS:
        module = importlib.import_module(f"benchmarks.{area}.run")
        print(f"== {area}", flush=True)
        result = module.run()
        print(module.report(result), flush=True)
        if hasattr(module, "check"):
            failed.extend(f"{area}: {line}" for line in module.check(result))
    for line in failed:
        print(f"BELOW FLOOR: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
