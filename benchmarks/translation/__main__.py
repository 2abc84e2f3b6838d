"""``python -m benchmarks.translation [--limit N] [--paragraphs N]``: print the scores, exit 1
below a floor."""

from __future__ import annotations

import argparse
import sys

from benchmarks import finish
from benchmarks.translation.run import check, report, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.translation")
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    parser.add_argument("--paragraphs", type=int, default=None,
                        help="a sample of N paragraphs per direction for the checks (all: 343; "
                             "the checks' floors hold only for all)")
    args = parser.parse_args(argv)
    result = run(limit=args.limit, check_paragraphs=args.paragraphs)
    return finish(result, report, check)


if __name__ == "__main__":
    sys.exit(main())
