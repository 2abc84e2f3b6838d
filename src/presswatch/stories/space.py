"""Where documents are compared: e5 vectors with each language's mean taken away.

Raw multilingual-e5 vectors of two unrelated texts in one language are closer (cosine about
0.78) than the same text in two languages (0.82 at worst, ntrex-128), because every vector
carries a large component shared by its language. Subtracting the mean vector of each
language removes it: translations then meet at 0.4–0.95 and unrelated documents at about
0 ± 0.15. The mean of a language is a running mean over the documents seen, started from a
prior (the sample press's texts, ``data/story_language_means.npz``) worth ``PRIOR_WEIGHT``
documents, so the first documents of a language are already centred sensibly.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from presswatch.stories.encoder import DIM

PRIOR_FILE = Path(__file__).resolve().parent.parent / "data" / "story_language_means.npz"
PRIOR_WEIGHT = 20.0


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes | None) -> np.ndarray | None:
    if not data:
        return None
    vector = np.frombuffer(data, dtype="<f4")
    return vector.astype(np.float32) if vector.shape == (DIM,) else None


def unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def load_prior() -> dict[str, np.ndarray]:
    """The shipped mean vector per language (de, en, ru, uk)."""
    with np.load(PRIOR_FILE) as data:
        return {name: np.asarray(data[name], dtype=np.float64) for name in data.files}


class LanguageMeans:
    """Running mean vector per language, started from a prior; a language without a prior
    starts from the average of the others."""

    def __init__(self, prior: dict[str, np.ndarray] | None = None,
                 prior_weight: float = PRIOR_WEIGHT) -> None:
        self._prior = load_prior() if prior is None else prior
        self._weight = prior_weight
        shared = (np.mean(list(self._prior.values()), axis=0) if self._prior
                  else np.zeros(DIM))
        self._fallback = np.asarray(shared, dtype=np.float64)
        self._sums: dict[str, np.ndarray] = {}
        self._counts: dict[str, int] = {}

    def _start(self, language: str) -> np.ndarray:
        return self._prior.get(language, self._fallback) * self._weight

    def observe(self, language: str, vector: np.ndarray) -> None:
        if language not in self._sums:
            self._sums[language] = self._start(language).copy()
            self._counts[language] = 0
        self._sums[language] += vector
        self._counts[language] += 1

    def observe_many(self, pairs: Iterable[tuple[str, np.ndarray]]) -> None:
        for language, vector in pairs:
            self.observe(language, vector)

    def count(self, language: str) -> int:
        return self._counts.get(language, 0)

    def mean(self, language: str) -> np.ndarray:
        if language not in self._sums:
            return self._start(language) / self._weight if self._weight else self._fallback
        return self._sums[language] / (self._weight + self._counts[language])

    def center(self, language: str, vector: np.ndarray) -> np.ndarray:
        """``vector`` minus its language's mean, unit length (float32)."""
        return unit(np.asarray(vector, dtype=np.float64) - self.mean(language)).astype(np.float32)
