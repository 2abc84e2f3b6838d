"""``python -m benchmarks.stories [--throughput N]``: print the scores, exit 1 below a floor."""

from __future__ import annotations

import argparse
import sys

from benchmarks import finish
from benchmarks.stories.run import check, report, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stories")
    parser.add_argument("--throughput", type=int, default=200,
                        help="documents stored and assigned one at a time for the throughput")
    args = parser.parse_args(argv)
    result = run(throughput_documents=args.throughput)
    return finish(result, report, check)


if __name__ == "__main__":
    sys.exit(main())
