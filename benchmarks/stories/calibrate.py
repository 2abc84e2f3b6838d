"""``python -m benchmarks.stories.calibrate``: the thresholds, chosen on the dev split.

The dev split is every third ntrex-128 document (41 of 123, ``corpus.dev_documents``), on
the ``spread`` timeline, scored per document; the threshold with the best mean B-cubed F1
over the seeds is printed for presswatch (``stories.online.THRESHOLD``) and for the TF-IDF
baseline (``run.TFIDF_THRESHOLD``). The test documents are never looked at here.
"""

from __future__ import annotations

import statistics
import sys

import numpy as np

from benchmarks.stories.corpus import available, dev_documents, load_versions
from benchmarks.stories.run import SEEDS, cluster, embed, tfidf
from benchmarks.stories.score import bcubed

GRIDS = {"presswatch": np.arange(0.30, 0.80, 0.025), "tfidf": np.arange(0.05, 0.60, 0.025)}


def sweep(versions, vectors, grid, baseline: bool) -> list[tuple[float, float]]:
    gold = {v.key: v.document for v in versions}
    results = []
    for threshold in grid:
        f1 = statistics.mean(
            bcubed(cluster(versions, vectors, float(threshold), baseline=baseline, seed=seed,
                           timing={"by_event": False}), gold).f1
            for seed in SEEDS)
        results.append((round(float(threshold), 3), f1))
    return results


def main() -> int:
    if not available():
        print("ntrex-128 not found: nothing to calibrate")
        return 0
    versions = load_versions()
    dev = dev_documents(versions)
    versions = [v for v in versions if v.document in dev]
    print(f"dev split: {len(dev)} documents, {len(versions)} versions")
    for name, vectors, baseline in (("presswatch", embed(versions), False),
                                    ("tfidf", tfidf(versions), True)):
        results = sweep(versions, vectors, GRIDS[name], baseline)
        best = max(results, key=lambda pair: (pair[1], -abs(pair[0] - 0.5)))
        print(f"{name}: best threshold {best[0]} (F1 {best[1]:.4f}); "
              + " ".join(f"{t}:{f:.3f}" for t, f in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
