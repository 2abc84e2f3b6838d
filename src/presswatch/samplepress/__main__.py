"""``python -m presswatch.samplepress``: serve the sample press and print its catalog."""

from __future__ import annotations

import argparse
import sys
import threading

from presswatch.samplepress.server import SamplePress


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m presswatch.samplepress",
                                     description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument("--feedless", action="store_true",
                        help="also serve the outlets without feeds (pages and archives only)")
    args = parser.parse_args(argv)
    with SamplePress(host=args.host, feedless=args.feedless) as press:
        sys.stdout.write(press.catalog_toml())
        sys.stdout.write(f"\n# {len(press.articles)} article pages; Ctrl-C stops.\n")
        sys.stdout.flush()
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
