"""``make bench``: every benchmark area, each printing its score and throughput."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

AREAS = ("extraction", "ingest", "translation", "ner", "stories")


def main() -> int:
    failed = []
    for area in AREAS:
        module = importlib.import_module(f"benchmarks.{area}.run")
        print(f"== {area}", flush=True)
        result = module.run()
        print(module.report(result), flush=True)
        floors = Path(__file__).parent / area / "baseline.json"
        if floors.exists() and result:
            for key, floor in json.loads(floors.read_text()).get("floors", {}).items():
                value = result.get(key)
                if value is not None and value < floor:
                    failed.append(f"{area}.{key} = {value:.3f} < floor {floor}")
    for line in failed:
        print(f"BELOW FLOOR: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
