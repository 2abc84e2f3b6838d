"""``python -m benchmarks.translation.calibrate``: the length ratios of the checks.

For every direction among en, de, ru, uk: the ratio of letters and digits (target / source)
over the paragraphs of the even-numbered NTREX-128 documents, its median (the figure in
``presswatch.translate.checks_text.LENGTH_RATIOS``) and its spread (median-relative 1st/5th/
95th/99th percentiles), which the omission/addition factors must clear. The scored half of the
benchmark (odd documents) is not used here.
"""

from __future__ import annotations

import statistics
import sys
from itertools import permutations

from benchmarks.translation.corpus import available, load_corpus
from presswatch.translate.checks_text import MIN_LENGTH, letter_count


def ratios(half: str = "even") -> dict[tuple[str, str], list[float]]:
    corpus = load_corpus()
    paragraphs = {lang: corpus.paragraphs(lang, half) for lang in corpus.lines}
    found: dict[tuple[str, str], list[float]] = {}
    for source, target in permutations(sorted(paragraphs), 2):
        found[(source, target)] = [
            letter_count(t) / letter_count(s)
            for s, t in zip(paragraphs[source], paragraphs[target], strict=True)
            if letter_count(s) >= MIN_LENGTH and letter_count(t)]
    return found


def main() -> int:
    if not available():
        print("calibration skipped: ../shared/datasets/ntrex-128 not found")
        return 0
    print("pair    median   p1    p5    p95   p99  (relative to the median)  n")
    for (source, target), values in sorted(ratios().items()):
        median = statistics.median(values)
        cuts = statistics.quantiles(values, n=100)
        spread = "  ".join(f"{cuts[p - 1] / median:.2f}" for p in (1, 5, 95, 99))
        print(f"{source}→{target}   {median:.3f}   {spread}   {len(values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
