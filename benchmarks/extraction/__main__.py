"""``python -m benchmarks.extraction [--limit N]``: print the scores, exit 1 below a floor."""

from __future__ import annotations

import argparse
import sys

from benchmarks.extraction.runner import check, run


def report(result: dict) -> str:
    lines = [f"extraction over {result['pages']} pages of trafilatura-eval"]
    for name in ("presswatch", "trafilatura"):
        r = result[name]
        lines.append(
            f"  {name:<12} F1 {r['f1']:.3f}  precision {r['precision']:.3f}  "
            f"recall {r['recall']:.3f}  {r['pages_per_s']:.1f} pages/s"
            + (f"  ({r['crashes']} crashed)" if r["crashes"] else "")
        )
    lines.append(f"  time ratio presswatch/trafilatura: {result['time_ratio']:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = parser.parse_args(argv)
    result = run(limit=args.limit)
    if "skipped" in result:
        print(result["skipped"])
        return 0
    print(report(result))
    failures = check(result)
    for failure in failures:
        print(f"  FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
