"""``python -m benchmarks.stories [--throughput N]``: print the scores, exit 1 below a floor."""

from __future__ import annotations

import argparse
import sys

from benchmarks.stories.run import check, report, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stories")
    parser.add_argument("--throughput", type=int, default=200,
                        help="documents stored and assigned one at a time for the throughput")
    args = parser.parse_args(argv)
    result = run(throughput_documents=args.throughput)
    print(report(result))
    failures = check(result)
    for failure in failures:
        print(f"  FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
