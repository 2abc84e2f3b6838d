"""Language identification with lingua, restricted to the configured source languages."""

from __future__ import annotations

import logging
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

log = logging.getLogger(__name__)

# Below this confidence lingua is "unsure" and the page's own ``lang`` is preferred.
MIN_CONFIDENCE = 0.5
_SAMPLE_CHARS = 1000
# Shorter texts are too little evidence: the declared language is used instead.
_MIN_SAMPLE_CHARS = 20


def lingua_language(code: str) -> Language | None:
    """The lingua language for an ISO 639-1 code (``uk``, ``de``), or None if unsupported."""
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code.strip().lower()))
    except ValueError:
        return None


@lru_cache(maxsize=16)
def detector_for(codes: tuple[str, ...]) -> LanguageDetector | None:
    """One detector per set of languages, built once with its models loaded."""
    languages = {lang for lang in map(lingua_language, codes) if lang is not None}
    unknown = [c for c in codes if lingua_language(c) is None]
    if unknown:
        log.warning("lingua does not know the languages %s; they are ignored", unknown)
    if len(languages) < 2:
        return None
    builder = LanguageDetectorBuilder.from_languages(*sorted(languages, key=str))
    return builder.with_preloaded_language_models().build()


def detect_language(text: str, allowed: tuple[str, ...], hint: str | None = None) -> str | None:
    """The ISO 639-1 code of ``text`` among ``allowed``.

    Texts under 20 characters get the hint. When lingua is unsure (top confidence below
    MIN_CONFIDENCE) the page's declared language ``hint`` wins if it is allowed; otherwise
    lingua's best guess is kept.
    """
    codes = tuple(sorted({c.strip().lower() for c in allowed if c.strip()}))
    hint = hint if hint in codes else None
    if len(codes) == 1:
        return codes[0]
    detector = detector_for(codes)
    sample = text[:_SAMPLE_CHARS]
    if detector is None or len(sample.strip()) < _MIN_SAMPLE_CHARS:
        return hint
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return hint
    best = values[0]
    if best.value < MIN_CONFIDENCE and hint:
        return hint
    return best.language.iso_code_639_1.name.lower()
