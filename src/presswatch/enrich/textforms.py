"""Words and their matching forms in uk, ru, en and de.

``tokenize(text)`` splits a text into word tokens with character offsets (hyphens and
punctuation separate words, an apostrophe inside a word does not: «сім'я», «Zelenskyy's»).
``word_forms(word, language)`` gives the forms a name is matched on: the normalized surface
always, plus for uk/ru every pymorphy3 lemma (Києві → київ, кий), for de the surface without
a genitive -s/-es (Russlands → russland), for en without a possessive 's. ``stem_form`` strips
a case ending (Шольцем → шольц; russischen → russisch): uk/ru names match on it, German names
of several words too (Russischen Föderation).

pymorphy3 analyzers are built once per process, lazily, and lookups are cached.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "Token",
    "all_tags",
    "is_capitalized",
    "lemma_tags",
    "normalize",
    "stem_form",
    "tokenize",
    "word_forms",
]

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ё": "е", "Ё": "Е"})
_DE_ENDINGS = ("ern", "em", "en", "er", "es", "e", "s", "n")
_SLAVIC_ENDINGS = tuple(sorted(
    "ами ями ові еві ому ого ими іми ого ий ій ой ою ею ем ом ам ям ах ях ів ев ов ої ей ые ых "
    "ым і и а я у ю е о ь й ы".split(), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text: its characters ``text[start:end]``."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """Word and number tokens with offsets; punctuation and spaces fall between them."""
    return [Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=1 << 16)  # the same words come back in every text (pure, so cached)
def normalize(text: str) -> str:
    """Lowercase, NFC, one apostrophe, ё → е, no stress marks, single spaces."""
    text = unicodedata.normalize("NFD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if ch not in "\u0301\u0300")
    text = unicodedata.normalize("NFC", text).lower().translate(_APOSTROPHES)
    return " ".join(text.split())


def is_capitalized(word: str) -> bool:
    """First letter upper case (Київ, NATO, McCain)."""
    return bool(word) and word[0].isupper()


@lru_cache(maxsize=2)
def _analyzer(language: str):  # pymorphy3.MorphAnalyzer, built once per language
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=200_000)
def _morph_forms(word: str, language: str) -> tuple[tuple[str, ...], frozenset[str]]:
    parses = _analyzer(language).parse(word)
    lemmas: list[str] = []
    tags: set[str] = set()
    for parse in parses[:4]:
        lemma = normalize(parse.normal_form)
        if lemma not in lemmas:
            lemmas.append(lemma)
        tags.update(str(parse.tag).replace(" ", ",").split(","))
    return tuple(lemmas), frozenset(tags)


def lemma_tags(word: str, language: str) -> frozenset[str]:
    """pymorphy3 grammemes of a uk/ru word over its likeliest parses (Surn, Name, gent, …)."""
    if language not in ("uk", "ru"):
        return frozenset()
    return _morph_forms(normalize(word), language)[1]


def all_tags(word: str, language: str) -> frozenset[str]:
    """pymorphy3 grammemes over every dictionary parse of a uk/ru word (no guesses)."""
    if language not in ("uk", "ru"):
        return frozenset()
    return frozenset(g for parse in _analyzer(language).parse(normalize(word))
                     if type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
                     for g in str(parse.tag).replace(" ", ",").split(","))


@lru_cache(maxsize=200_000)
def word_forms(word: str, language: str) -> tuple[str, ...]:
    """The normalized word first, then its lemmas or case-stripped forms."""
    norm = normalize(word)
    forms = [norm]
    if language in ("uk", "ru") and not norm.isdigit():
        forms.extend(f for f in _morph_forms(norm, language)[0] if f not in forms)
    elif language == "de":
        if norm.endswith("es") and len(norm) > 5:
            forms.append(norm[:-2])
        if norm.endswith("s") and len(norm) > 4 and not norm.endswith("ss"):
            forms.append(norm[:-1])
    elif norm.endswith("'s"):
        forms.append(norm[:-2])
    elif norm.endswith("s'"):
        forms.append(norm[:-1])
    return tuple(forms)


@lru_cache(maxsize=1 << 16)
def stem_form(word: str, language: str) -> str:
    """A case ending stripped: Шольцем → шольц, russischen → russisch; en: as is."""
    norm = normalize(word)
    endings = {"de": _DE_ENDINGS, "uk": _SLAVIC_ENDINGS, "ru": _SLAVIC_ENDINGS}.get(language, ())
    for ending in endings:
        if norm.endswith(ending) and len(norm) - len(ending) >= 4:
            return norm[: -len(ending)]
    return norm
