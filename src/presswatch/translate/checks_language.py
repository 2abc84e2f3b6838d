"""Language ID for the untranslated-text check: lingua restricted to the pair's two languages.

The translate stage may not import the extract stage, so this is its own small wrapper (same
library, same lazy model loading). A sentence is "in the source language" when lingua gives
the source at least ``MIN_CONFIDENCE`` between the two; sentences with fewer than
``MIN_LETTERS`` letters are too little evidence and are not judged.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

log = logging.getLogger(__name__)

MIN_CONFIDENCE = 0.9
MIN_LETTERS = 20


def _language(code: str) -> Language | None:
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except ValueError:
        return None


@lru_cache(maxsize=16)
def detector(source: str, target: str) -> LanguageDetector | None:
    """One detector per pair (models load on first use); None when lingua lacks a language."""
    languages = [_language(source), _language(target)]
    if None in languages or source == target:
        log.warning("no language ID for %s→%s: lingua lacks a language", source, target)
        return None
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@lru_cache(maxsize=8192)
def source_confidence(text: str, source: str, target: str) -> float | None:
    """How sure lingua is that ``text`` is in ``source`` rather than ``target`` (0–1), or
    None when it cannot judge (too short, unknown language)."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return None
    found = detector(source, target)
    if found is None:
        return None
    wanted = _language(source)
    for value in found.compute_language_confidence_values(text):
        if value.language == wanted:
            return value.value
    return 0.0
