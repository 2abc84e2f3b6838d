"""``python -m benchmarks.extraction [--limit N]``: print the scores, exit 1 below a floor."""

from __future__ import annotations

import argparse
import sys

from benchmarks.extraction.run import check, report, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = parser.parse_args(argv)
    result = run(limit=args.limit)
    print(report(result))
    if "skipped" in result:
        return 0
    failures = check(result)
    for failure in failures:
        print(f"  FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
