"""Vectors made to order: a topic direction plus a language direction, as e5's are."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from presswatch.stories.encoder import DIM
from presswatch.stories.space import LanguageMeans


def direction(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).normal(size=DIM)
    return vector / np.linalg.norm(vector)


LANGUAGE = {"en": direction(1001), "uk": direction(1002), "ru": direction(1003),
            "de": direction(1004)}


def made(topic: int, language: str, language_weight: float = 0.0, noise: int = 0) -> np.ndarray:
    """Unit vector of topic ``topic`` in ``language`` (the language adds its direction)."""
    vector = direction(topic) + language_weight * LANGUAGE[language]
    if noise:
        vector = vector + 0.3 * direction(10_000 + noise)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def flat_means() -> LanguageMeans:
    """Means that stay at zero: vectors are compared as they are."""
    return LanguageMeans(prior={lang: np.zeros(DIM) for lang in LANGUAGE},
                         prior_weight=1e9)


class TableEncoder:
    """Looks each text's first line up in a table of vectors; counts what it embedded."""

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        return np.stack([self.table[text.split("\n")[0]] for text in texts])
