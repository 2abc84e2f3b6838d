"""What the name rules look at: cue words per language and a tokenized text with morphology.

``cues(language)`` reads ``presswatch/data/ner_cues.toml`` (titles, organisation and place
head words, prepositions, suffixes, …) once per process. ``RuleContext`` wraps a text and its
tokens: the gap before a token, its lemmas and pymorphy3 tags, whether it opens a sentence.
``one_word_names`` tells the entity base which one-word names a token may spell: a sentence
opening with an everyday word (Кошти, Читайте) names no entity spelled otherwise, and a
country after a word for a law code, a cup or a day (Кодексу України, Кубка України) is part
of a title, no place (uk).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from presswatch.enrich.textforms import Token, lemma_tags, normalize, word_forms

__all__ = ["CLOSE_QUOTES", "COMMON_POS", "INITIAL_GAP", "NAME_TAGS", "OPEN_QUOTES", "PREP_CASES",
           "Cues", "LazyTokens", "RuleContext", "cues", "one_word_names", "opening_lemma",
           "top_tags"]

CUES_PATH = Path(__file__).resolve().parent.parent / "data" / "ner_cues.toml"
PREP_CASES = {
    "у": ("loct", "accs"), "в": ("loct", "accs", "loc2"), "во": ("loct", "loc2"),
    "на": ("loct", "accs", "loc2"), "під": ("ablt",), "под": ("ablt",),
}
NAME_TAGS = {"Name", "Surn", "Patr"}
COMMON_POS = {"ADVB", "VERB", "INFN", "PREP", "CONJ", "PRCL", "NPRO", "PRED", "NUMR", "GRND",
               "PRTF", "PRTS", "ADJS", "COMP", "INTJ"}
OPEN_QUOTES = "«„“\""
CLOSE_QUOTES = "»“”\""
INITIAL_GAP = re.compile(r"^\s*\.\s*$")


@dataclass(frozen=True, slots=True)
class Cues:
    titles: frozenset[str]
    org_heads: frozenset[str]
    org_prefixes: frozenset[str]
    loc_heads: frozenset[str]
    loc_marks: frozenset[str]
    preps: frozenset[str]
    particles: frozenset[str]
    stopwords: frozenset[str]
    loc_suffixes: tuple[str, ...]
    per_suffixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    given_names: frozenset[str]
    quote_cues: frozenset[str]
    title_heads: frozenset[str]


@lru_cache(maxsize=8)
def cues(language: str) -> Cues:
    data = tomllib.loads(CUES_PATH.read_text(encoding="utf-8")).get(language, {})
    sets = {name: frozenset(data.get(name, ())) for name in (
        "titles", "org_heads", "org_prefixes", "loc_heads", "loc_marks", "preps", "particles",
        "given_names", "stopwords", "quote_cues", "title_heads")}
    tuples = {name: tuple(data.get(name, ())) for name in (
        "loc_suffixes", "per_suffixes", "org_suffixes")}
    return Cues(**sets, **tuples)


@dataclass(slots=True)
class RuleContext:
    text: str
    tokens: Sequence[Token]
    language: str
    cues: Cues
    free: list[bool]
    strict: bool = False  # a statistical model found the names: only cue rules add to it

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        if i <= 0:
            return self.text[: self.tokens[0].start] if self.tokens else ""
        return self.text[self.tokens[i - 1].end:self.tokens[i].start]

    def word(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def lemmas(self, i: int) -> tuple[str, ...]:
        return word_forms(self.word(i), self.language) if 0 <= i < len(self.tokens) else ()

    def initial(self, i: int) -> bool:
        """First word of a sentence, a line or the text (an initial's dot ends nothing)."""
        if i == 0:
            return True
        gap = self.gap(i)
        if "\n" in gap:
            return True
        if any(c in gap for c in ".!?…:—«„“\""):
            previous = self.word(i - 1)
            abbreviation = len(previous) == 1 or normalize(previous) in self.cues.loc_marks
            return not (abbreviation and gap.strip() == ".")
        return False

    def tags(self, i: int) -> frozenset[str]:
        """pymorphy3 grammemes of token i over its likely parses (uk/ru; empty otherwise)."""
        return lemma_tags(self.word(i), self.language) if 0 <= i < len(self.tokens) else frozenset()

    def lower(self, i: int) -> bool:
        word = self.word(i)
        return bool(word) and word[:1].islower()


def top_tags(word: str, language: str) -> tuple[frozenset[str], bool]:
    """The grammemes of the likeliest parse and whether the dictionary knows the word."""
    return _top_tags(normalize(word), language)


@lru_cache(maxsize=100_000)
def _top_tags(word: str, language: str) -> tuple[frozenset[str], bool]:
    from presswatch.enrich.textforms import _analyzer

    parse = _analyzer(language).parse(word)[0]
    known = type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
    return frozenset(str(parse.tag).replace(" ", ",").split(",")), known


class LazyTokens:
    """Per-token values computed on first use (most words never start or continue a name)."""

    def __init__(self, compute, tokens: Sequence[Token]) -> None:
        self._compute, self._tokens, self._done = compute, tokens, {}

    def __getitem__(self, i: int):
        if i not in self._done:
            self._done[i] = self._compute(self._tokens[i])
        return self._done[i]


def one_word_names(i: int, tokens: Sequence[Token], text: str,
                   language: str) -> tuple[str, ...] | None:
    """The one-word names token i may spell (see the module doc), None where any."""
    if language == "uk" and i and text[tokens[i - 1].end:tokens[i].start] == " " and (
            set(word_forms(tokens[i - 1].text, "uk")) & cues("uk").title_heads
            and "gent" in lemma_tags(tokens[i].text, "uk")):
        return ()
    lemma = opening_lemma(i, tokens, text, language)
    return (lemma, normalize(tokens[i].text)) if lemma else None


_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"})


def opening_lemma(i: int, tokens: Sequence[Token], text: str, language: str) -> str:
    """The lemma of token i where it opens a sentence and its likeliest reading is an
    everyday word the dictionary knows (no name, place or organisation tag), else ""."""
    gap = text[tokens[i - 1].end:tokens[i].start] if i else "\n"
    if not ("\n" in gap or any(c in gap for c in ".!?…")):
        return ""
    if i and gap.strip() == "." and len(tokens[i - 1].text) == 1:
        return ""  # an initial: В. Кличко
    return _common_lemma(normalize(tokens[i].text), language)


@lru_cache(maxsize=50_000)
def _common_lemma(word: str, language: str) -> str:
    from presswatch.enrich.textforms import _analyzer

    parse = _analyzer(language).parse(word)[0]
    if type(parse.methods_stack[0][0]).__name__ != "DictionaryAnalyzer":
        return ""
    if _NAME_GRAMMEMES & set(str(parse.tag).replace(" ", ",").split(",")):
        return ""
    return normalize(parse.normal_form)
