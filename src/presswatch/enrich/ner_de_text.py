"""The document model of German name rules (``ner_de``): units, their word classes, cues.

A *unit* is a word or a hyphenated compound (Baden-Württemberg is one; a compound whose last
part is a common noun, Grünen-Spitzenkandidat, is no name), classed by
``ner_de_lexicon.word_class``; ``GermanText`` holds a text's units, with whether each opens a
sentence and follows the one before after a single space. The cue lists are in
``presswatch/data/ner_de.toml`` and the ``[de]`` part of ``ner_cues.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from presswatch.enrich.ner import NamedSpan
from presswatch.enrich.ner_context import cues
from presswatch.enrich.ner_de_lexicon import DE_CUES_PATH, major_place, word_class
from presswatch.enrich.textforms import Token, normalize

__all__ = ["ARTICLES", "DETERMINERS", "ENGLISH", "LINKS", "Cues", "GermanText", "Unit",
           "acronym", "cap_adjective", "load_cues", "name_like", "next_is_word", "noun_compound",
           "role_word", "unit_class"]

ARTICLES = frozenset({"der", "den", "das", "dem", "des", "die"})
DETERMINERS = ARTICLES | frozenset(
    "ein eine einen einem eines einer kein keine keinen keinem keines keiner dieser diese dieses "
    "diesen diesem jeder jede jedes jeden jedem beim vom zum zur am im ins".split())
LINKS = frozenset({"der", "des", "für", "of", "for"})
ENGLISH = frozenset({"the", "of", "and", "it", "do", "us", "my", "to", "a", "on", "is", "you",
                      "me", "we", "your", "our", "there", "till", "at", "with", "by"})
_SENTENCE_MARKS = frozenset(".!?:;\"„“”«»*|")


@dataclass(frozen=True, slots=True)
class Cues:
    roles: frozenset[str]
    role_suffixes: tuple[str, ...]
    org_heads: frozenset[str]
    org_suffixes: tuple[str, ...]
    org_name_heads: frozenset[str]
    loc_descriptors: frozenset[str]
    org_prefixes: tuple[str, ...]
    loc_heads: frozenset[str]
    loc_word_suffixes: tuple[str, ...]
    loc_suffixes: tuple[str, ...]
    place_preps: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    given_names: frozenset[str]
    org_context: tuple[str, ...]
    org_descriptor_suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = tomllib.loads(DE_CUES_PATH.read_text(encoding="utf-8"))
    shared = cues("de")
    return Cues(
        roles=frozenset(data["roles"]) | shared.titles,
        role_suffixes=tuple(data["role_suffixes"]),
        org_heads=frozenset(data["org_heads"]) | shared.org_heads,
        org_suffixes=tuple(data["org_suffixes"]),
        org_name_heads=frozenset(data["org_name_heads"]),
        loc_descriptors=frozenset(data["loc_descriptors"]),
        org_prefixes=tuple(data["org_prefixes"]),
        loc_heads=frozenset(data["loc_heads"]),
        loc_word_suffixes=tuple(data["loc_word_suffixes"]),
        loc_suffixes=tuple(shared.loc_suffixes) + ("hofen", "ach", "au", "hain", "thal"),
        place_preps=frozenset(data["place_preps"]),
        particles=frozenset(data["particles"]),
        not_names=frozenset(data["not_names"]) | shared.stopwords,
        given_names=frozenset(data["given_names"]) | shared.given_names,
        org_context=tuple(data["org_context"]),
        org_descriptor_suffixes=tuple(data["org_descriptor_suffixes"]),
    )


@dataclass(slots=True)
class Unit:
    """A word or a hyphenated compound: tokens first..last, its class and flags."""

    first: int
    last: int
    text: str
    cls: str
    initial: bool
    capital: bool


class GermanText:
    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text, self.tokens, self.cues = text, tokens, load_cues()
        self.units = self._units()

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        return self.text[self.tokens[i - 1].end:self.tokens[i].start] if i > 0 else ""

    def _units(self) -> list[Unit]:
        units: list[Unit] = []
        i, tokens = 0, self.tokens
        while i < len(tokens):
            last = i
            while last + 1 < len(tokens) and (self.gap(last + 1) == "-" or (
                    self.gap(last + 1) == "- " and tokens[last].text[:1].isupper()
                    and tokens[last + 1].text[:1].isupper())):
                last += 1  # Baden-Württemberg; Mecklenburg- Vorpommern (a line break's hyphen)
            words = [t.text for t in tokens[i:last + 1]]
            gap = self.gap(i) if i else "."
            initial = i == 0 or "\n" in gap or (
                any(c in _SENTENCE_MARKS for c in gap)
                and not (gap.strip() == "." and len(tokens[i - 1].text) == 1))
            capital = words[0][:1].isupper() and not words[0][:1].isdigit()
            units.append(Unit(i, last, self.text[tokens[i].start:tokens[last].end],
                               unit_class(words, initial), initial, capital))
            i = last + 1
        return units

    def joined(self, k: int) -> bool:
        """Unit k follows unit k-1 after one space (no punctuation between them)."""
        return k > 0 and self.gap(self.units[k].first) == " "

    def unit_spans(self, spans: Sequence[NamedSpan]) -> list[tuple[int, int, str]]:
        """Character spans as unit ranges (those that start and end on a unit's edges)."""
        firsts = {self.tokens[u.first].start: k for k, u in enumerate(self.units)}
        lasts = {self.tokens[u.last].end: k for k, u in enumerate(self.units)}
        return [(firsts[s.start], lasts[s.end], s.type) for s in spans
                if s.start in firsts and s.end in lasts]

    def norm(self, k: int) -> str:
        return normalize(self.units[k].text) if 0 <= k < len(self.units) else ""


def unit_class(words: list[str], initial: bool) -> str:
    if len(words) == 1:
        return word_class(words[0], initial)
    if not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return "NN"  # Down-to-earth-Habitus, Schwarz-Rot-Gold
    head = word_class(words[-1])
    if len(words) == 2 and major_place(words[0]) and (
            head in ("NNC", "UNK", "NE") or words[-1].lower() in _DISTRICTS):
        return "NE"  # Düsseldorf-Gerresheim, Berlin-Mitte: a city's district
    if head in ("NN", "NNC", "ADJ", "FUNC") and not acronym(words[-1]):
        return "NN" if head != "ADJ" else "ADJ"  # Grünen-Spitzenkandidat, EU-weiten
    return "NE"


_DISTRICTS = frozenset({"mitte", "nord", "süd", "ost", "west", "zentrum", "altstadt",
                        "neustadt", "innenstadt", "land", "stadt"})


def acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and not set(
        word) <= set("IVXLCDM")


def cap_adjective(doc: GermanText, k: int) -> bool:
    u = doc.units[k]
    return u.capital and u.cls == "ADJ" and not u.initial


def name_like(doc: GermanText, k: int) -> bool:
    """A unit that can be part of a name: a proper noun, unknown word or acronym."""
    u = doc.units[k]
    if not u.capital or doc.norm(k) in doc.cues.not_names:
        return False
    if acronym(u.text):
        return u.cls != "FUNC"
    return u.cls == "NE" or (u.cls == "UNK" and not u.initial and not noun_compound(doc, k))


def noun_compound(doc: GermanText, k: int) -> bool:
    """An unknown word whose tail is a common noun (Handelsgut, Ruderschäfte): a compound
    noun the lexicon missed; not with a place's ending (Rodenbach)."""
    text, norm = doc.units[k].text, doc.norm(k)
    if "-" in text or len(text) < 9 or norm.endswith(doc.cues.loc_suffixes) or norm.endswith(
            ("er", "mann")):
        return False  # Fraunhofer, Zimmermann: names often end so
    return any(word_class(text[i].upper() + text[i + 1:]) == "NN"
               for i in range(3, len(text) - 4))


def role_word(doc: GermanText, k: int) -> bool:
    """Unit k names a person's role (Herr, Trainer, Landrat, Bayern-Vorstand)."""
    norm = doc.norm(k)
    return norm in doc.cues.roles or (doc.units[k].capital and len(norm) > 5 and norm.endswith(
        doc.cues.role_suffixes))


def next_is_word(doc: GermanText, k: int) -> bool:
    return k + 1 < len(doc.units) and doc.joined(k + 1) and doc.units[k + 1].capital
