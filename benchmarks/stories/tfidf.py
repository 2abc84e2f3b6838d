"""The baseline: the same online clustering over TF-IDF vectors of character 4-grams.

No embeddings and no language centring: what string overlap alone achieves. The 4-grams of
the lower-cased story text are hashed into 2^15 buckets (CRC32, stable across runs), weighted
by the log of their inverse document frequency over the texts clustered.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter

import numpy as np

BUCKETS = 1 << 15


def _grams(text: str, n: int = 4) -> Counter:
    text = f" {' '.join(text.lower().split())} "
    return Counter(zlib.crc32(text[i:i + n].encode()) % BUCKETS
                   for i in range(max(1, len(text) - n + 1)))


def tfidf_vectors(texts: list[str]) -> np.ndarray:
    """Unit-length TF-IDF rows, one per text."""
    counts = [_grams(t) for t in texts]
    frequency: Counter = Counter()
    for grams in counts:
        frequency.update(grams.keys())
    idf = np.zeros(BUCKETS, dtype=np.float32)
    for bucket, df in frequency.items():
        idf[bucket] = math.log((1 + len(texts)) / (1 + df)) + 1
    matrix = np.zeros((len(texts), BUCKETS), dtype=np.float32)
    for row, grams in enumerate(counts):
        for bucket, tf in grams.items():
            matrix[row, bucket] = (1 + math.log(tf)) * idf[bucket]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)
