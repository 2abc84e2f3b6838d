"""``python -m benchmarks.extraction [--limit N]``: print the scores, exit 1 below a floor."""

from __future__ import annotations

import argparse
import sys

from benchmarks import finish
from benchmarks.extraction.run import check, report, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = parser.parse_args(argv)
    result = run(limit=args.limit)
    return finish(result, report, check)


if __name__ == "__main__":
    sys.exit(main())
