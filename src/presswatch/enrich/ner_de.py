"""German names the entity base does not know: which capitalized words are names, and of what type.

German capitalizes every noun, so the question is which capitalized words are names at all.
``ner_de_lexicon.word_class`` answers per word (proper noun, common noun, adjective, other,
unknown); a *unit* is a word or a hyphenated compound (Baden-Württemberg is one; a compound
whose last part is a common noun, Grünen-Spitzenkandidat, is no name). Then, in order:

- organisation phrases: capitalized adjectives or names before an organisation head word,
  a linked tail after it (Europäische Union, Hirzel Verlag, Bundesamt für Gesundheit,
  Universität Hamburg), and single compounds such as Bundesärztekammer;
- place phrases with a place head (Neuendorfer Straße, Vereinigten Staaten) and unseen
  street-like compounds (Gendarmenmarkt);
- runs of name units (proper nouns, unknown words, a first name and the word after it,
  initials and particles inside: Giacomo della Porta), typed by cues: a role word before it
  (Trainer, Sängerin, Bildungsminister) or a first name → PER; a place preposition before
  it (in, nach, aus, nahe) or a place suffix → LOC; an acronym → ORG; several words → PER;
- last, a surname seen in a person's name marks the same word elsewhere in the text.

Adjectival derivations (deutschen, Berliner) are no names on their own. The cue lists are in
``presswatch/data/ner_de.toml`` and the ``[de]`` part of ``ner_cues.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from presswatch.enrich.ner import NamedSpan
from presswatch.enrich.ner_context import cues
from presswatch.enrich.ner_de_lexicon import finite_verb, given_name, place_name, word_class
from presswatch.enrich.ner_de_post import context_spans
from presswatch.enrich.textforms import Token, normalize

__all__ = ["german_spans"]

DE_CUES_PATH = Path(__file__).resolve().parent.parent / "data" / "ner_de.toml"
_ARTICLES = frozenset({"der", "den", "das", "dem", "des", "die"})
_DETERMINERS = _ARTICLES | frozenset(
    "ein eine einen einem eines einer kein keine keinen keinem keines keiner dieser diese dieses "
    "diesen diesem jeder jede jedes jeden jedem beim vom zum zur am im ins".split())
_LINKS = frozenset({"der", "des", "für", "of", "for"})
_ENGLISH = frozenset({"the", "of", "and", "it", "do", "us", "my", "to", "a", "on", "is", "you",
                      "me", "we", "your", "our", "there", "till", "at", "with", "by"})
_SENTENCE_MARKS = frozenset(".!?:;\"„“”«»*|")


@dataclass(frozen=True, slots=True)
class _Cues:
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


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = tomllib.loads(DE_CUES_PATH.read_text(encoding="utf-8"))
    shared = cues("de")
    return _Cues(
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
    )


@dataclass(slots=True)
class _Unit:
    """A word or a hyphenated compound: tokens first..last, its class and flags."""

    first: int
    last: int
    text: str
    cls: str
    initial: bool
    capital: bool


class _Text:
    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text, self.tokens, self.cues = text, tokens, _cues()
        self.units = self._units()

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        return self.text[self.tokens[i - 1].end:self.tokens[i].start] if i > 0 else ""

    def _units(self) -> list[_Unit]:
        units: list[_Unit] = []
        i, tokens = 0, self.tokens
        while i < len(tokens):
            last = i
            while last + 1 < len(tokens) and self.gap(last + 1) == "-":
                last += 1
            words = [t.text for t in tokens[i:last + 1]]
            gap = self.gap(i) if i else "."
            initial = i == 0 or "\n" in gap or (
                any(c in _SENTENCE_MARKS for c in gap)
                and not (gap.strip() == "." and len(tokens[i - 1].text) == 1))
            capital = words[0][:1].isupper() and not words[0][:1].isdigit()
            units.append(_Unit(i, last, self.text[tokens[i].start:tokens[last].end],
                               _unit_class(words, initial), initial, capital))
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


def _unit_class(words: list[str], initial: bool) -> str:
    if len(words) == 1:
        return word_class(words[0], initial)
    if not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return "NN"  # Down-to-earth-Habitus, Schwarz-Rot-Gold
    head = word_class(words[-1])
    if head in ("NN", "NNC", "ADJ", "FUNC") and not _acronym(words[-1]):
        return "NN" if head != "ADJ" else "ADJ"  # Grünen-Spitzenkandidat, EU-weiten
    return "NE"


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and not set(
        word) <= set("IVXLCDM")


def german_spans(text: str, tokens: Sequence[Token],
                 known: Sequence[NamedSpan] = ()) -> list[NamedSpan]:
    """PER, ORG and LOC spans of German ``text`` (tokens from ``textforms.tokenize``);
    ``known``: names found before (the entity base's), which type lone names listed with them."""
    if not tokens:
        return []
    doc = _Text(text, tokens)
    found: list[tuple[int, int, str]] = []  # unit ranges
    k = 0
    while k < len(doc.units):
        span = _org_phrase(doc, k) or _loc_phrase(doc, k) or _name_run(doc, k)
        if span is None:
            k += 1
            continue
        if span[2]:
            found.append(span)
        k = span[1] + 1
    found += context_spans(doc, found, doc.unit_spans(known), _name_like)
    return sorted((NamedSpan(tokens[doc.units[a].first].start, tokens[doc.units[b].last].end, t)
                   for a, b, t in found), key=lambda s: s.start)


def _is_org_head(doc: _Text, k: int) -> bool:
    norm = doc.norm(k)
    return norm in doc.cues.org_heads or (
        doc.units[k].capital and norm.endswith(doc.cues.org_suffixes) and len(norm) > 6)


def _cap_adjective(doc: _Text, k: int) -> bool:
    u = doc.units[k]
    return u.capital and u.cls == "ADJ" and not u.initial


def _name_like(doc: _Text, k: int) -> bool:
    """A unit that can be part of a name: a proper noun, unknown word or acronym."""
    u = doc.units[k]
    if not u.capital or doc.norm(k) in doc.cues.not_names:
        return False
    if _acronym(u.text):
        return u.cls != "FUNC"
    return u.cls == "NE" or (u.cls == "UNK" and not u.initial)


def _org_phrase(doc: _Text, k: int) -> tuple[int, int, str] | None:
    """[Adjectives or names] + head + [tail]: Europäische Union, Universität Hamburg."""
    u = doc.units[k]
    if not u.capital:
        return None
    head, before = k, 0
    while head < len(doc.units) and (_cap_adjective(doc, head) or _name_like(doc, head)) and (
            head == k or doc.joined(head)) and not _is_org_head(doc, head):
        head, before = head + 1, before + 1
    if head >= len(doc.units) or (head > k and not doc.joined(head)):
        return None
    if not _is_org_head(doc, head) or not doc.units[head].capital:
        return _org_compound(doc, k) if before == 0 else None
    end = _tail(doc, head)
    if before == 0 and end == head:
        return _org_compound(doc, k)
    if before == 0 and doc.norm(head) not in doc.cues.org_name_heads and _name_like(doc, head + 1):
        kind = "LOC" if doc.norm(head) in doc.cues.loc_descriptors else "ORG"
        return head + 1, end, kind  # Chemiekonzern BASF: BASF; Gemeinde X: X
    if before and all(_cap_adjective(doc, j) for j in range(k, head)) and end == head and (
            doc.units[head].cls == "NN" and doc.norm(head) not in doc.cues.org_heads):
        return None  # "Deutsche Bank" yes (head word), "Neue Ministerium" no
    return k, end, "ORG"


def _org_compound(doc: _Text, k: int) -> tuple[int, int, str] | None:
    u, norm = doc.units[k], doc.norm(k)
    if u.capital and norm.startswith(doc.cues.org_prefixes) and norm.endswith(
            doc.cues.org_suffixes) and u.first == u.last:
        return k, k, "ORG"  # Bundesärztekammer, Landeskriminalamt
    return None


def _tail(doc: _Text, head: int) -> int:
    """The end of a head's tail: names right after it, or der/für + capitalized words."""
    end = head
    while end + 1 < len(doc.units) and doc.joined(end + 1):
        nxt = end + 1
        if _name_like(doc, nxt) or (doc.units[nxt].capital and doc.units[nxt].cls == "UNK"):
            end = nxt
        elif doc.norm(nxt) in _LINKS and nxt + 1 < len(doc.units) and doc.joined(nxt + 1) and (
                doc.units[nxt + 1].capital and doc.units[nxt + 1].cls != "FUNC"):
            end = nxt + 1
            while end + 1 < len(doc.units) and doc.joined(end + 1) and (
                    doc.units[end + 1].capital and doc.units[end].cls == "ADJ"):
                end += 1  # der Deutschen Industrie
        else:
            break
    return end


def _is_loc_head(doc: _Text, k: int) -> bool:
    return doc.units[k].capital and doc.norm(k) in doc.cues.loc_heads


def _loc_phrase(doc: _Text, k: int) -> tuple[int, int, str] | None:
    """Neuendorfer Straße, Vereinigten Staaten, Gendarmenmarkt, St. Nikolauskapelle."""
    u = doc.units[k]
    if not u.capital:
        return None
    if (doc.norm(k) in ("st", "sankt") and k + 1 < len(doc.units)
            and doc.units[k + 1].capital and doc.units[k + 1].first == u.last + 1):
        end = k + 1
        return k, end, "PER" if given_name(doc.units[end].text) else "LOC"
    if (k + 1 < len(doc.units) and doc.joined(k + 1) and _is_loc_head(doc, k + 1)
            and (_name_like(doc, k) or _cap_adjective(doc, k)
                 or (u.cls == "NNC" and not u.initial))):
        end = k + 1
        if end + 1 < len(doc.units) and doc.joined(end + 1) and doc.units[end + 1].text.isdigit():
            end += 1  # Bundesstraße 216
        return k, end, "LOC"
    if doc.norm(k) in doc.cues.loc_descriptors and _next_is_word(doc, k) and _name_like(doc, k + 1):
        end = k + 1
        while end + 1 < len(doc.units) and doc.joined(end + 1) and _name_like(doc, end + 1):
            end += 1
        return k + 1, end, "LOC"  # die Dörfer Hokkala, …; die Stadt Teirm
    norm = doc.norm(k)
    if (u.cls in ("NNC", "UNK") and not u.initial and norm.endswith(doc.cues.loc_word_suffixes)
            and len(norm) > 7):
        return k, k, "LOC"
    return None


def _name_run(doc: _Text, k: int) -> tuple[int, int, str] | None:
    u = doc.units[k]
    if not u.capital or doc.norm(k) in doc.cues.not_names:
        return None
    first_name = given_name(u.text, doc.cues.given_names) and u.cls != "FUNC"
    prev = doc.norm(k - 1) if k > 0 and doc.joined(k) else ""
    place_prep = _place_prep_before(doc, k)
    if (not first_name and u.cls in ("NN", "NNC") and _next_is_word(doc, k)
            and given_name(doc.units[k + 1].text, doc.cues.given_names)):
        return None  # Hostess Silvia X, Ordensnamen Johannes: the name starts after
    if not _starts_run(doc, k, first_name, place_prep):
        return None
    end = k
    while end + 1 < len(doc.units) and doc.joined(end + 1):
        nxt = end + 1
        if _name_like(doc, nxt) and not _is_org_head(doc, nxt):
            end = nxt
        elif end == k and (first_name or len(u.text) == 1) and doc.units[nxt].capital and (
                doc.units[nxt].cls in ("NN", "NNC", "UNK")):
            end = nxt  # Renate Bassen, Peter Stein
        elif (doc.norm(nxt) in doc.cues.particles and not doc.units[nxt].capital
              and _after_particles(doc, nxt)):
            end = _after_particles(doc, nxt)  # Giacomo della Porta
        elif len(doc.units[end].text) == 1 and doc.units[nxt].capital:
            end = nxt
        else:
            break
    if len(u.text) == 1 and end == k:
        return None
    if any(doc.norm(j) in _ENGLISH for j in range(max(k - 1, 0), end + 2)):
        return None  # a title in English (Till Death Do Us Part), not a name
    return k, end, _name_type(doc, k, end, first_name, place_prep)


def _place_prep_before(doc: _Text, k: int) -> bool:
    """In X, nach X, südlich von X (a capital only where it opens the sentence: In Iowa)."""
    if k == 0 or not doc.joined(k):
        return False
    prev = doc.units[k - 1]
    if doc.norm(k - 1) in doc.cues.place_preps:
        return not prev.capital or prev.initial
    return doc.norm(k - 1) == "von" and k >= 2 and doc.joined(k - 1) and (
        doc.norm(k - 2) in doc.cues.place_preps and doc.norm(k - 2).endswith("lich"))


def _starts_run(doc: _Text, k: int, first_name: bool, place_prep: bool) -> bool:
    """Unit k opens a name: a proper noun, a first name before a word, an unseen place after
    a place preposition, an unknown word before a name, an initial (A. Wiegemann)."""
    u = doc.units[k]
    if len(u.text) == 1:
        return (k + 1 < len(doc.units) and doc.units[k + 1].capital
                and doc.gap(doc.units[k + 1].first).strip() == "."
                and (_name_like(doc, k + 1) or doc.units[k + 1].cls in ("NN", "NNC", "UNK")))
    if _name_like(doc, k) or (first_name and _next_is_word(doc, k)):
        return True
    if place_prep and u.cls == "NNC" and doc.norm(k).endswith(doc.cues.loc_suffixes):
        return True
    return u.initial and u.cls == "UNK" and _next_is_word(doc, k) and _name_like(doc, k + 1)


def _next_is_word(doc: _Text, k: int) -> bool:
    return k + 1 < len(doc.units) and doc.joined(k + 1) and doc.units[k + 1].capital


def _after_particles(doc: _Text, k: int) -> int:
    """The capitalized unit after one to three particles at k (von der Leyen), or 0; not after
    an article alone (Madoff den Rest) nor a common noun (Ida vom Bankdirektor)."""
    if doc.norm(k) in _ARTICLES:
        return 0
    for j in range(k + 1, min(k + 4, len(doc.units))):
        if not doc.joined(j):
            return 0
        if doc.units[j].capital:
            return j if doc.units[j].cls not in ("FUNC", "NN", "NNC") else 0
        if doc.norm(j) not in doc.cues.particles:
            return 0
    return 0


def _role_before(doc: _Text, k: int) -> bool:
    if k == 0 or not doc.joined(k):
        return False
    norm = doc.norm(k - 1)
    return norm in doc.cues.roles or (doc.units[k - 1].capital and len(norm) > 5 and norm.endswith(
        doc.cues.role_suffixes))


def _name_type(doc: _Text, a: int, b: int, first_name: bool, place_prep: bool) -> str:
    words = [doc.units[j] for j in range(a, b + 1)]
    norms = [doc.norm(j) for j in range(a, b + 1)]
    if a == b and _acronym(words[0].text):
        return "ORG"
    if _role_before(doc, a):
        return "PER"
    if first_name and (b > a or not place_prep):
        return "PER"
    surface = " ".join(w.text for w in words)
    if place_name(surface) or (len(surface) > 4 and place_name(surface[:-1])
                               and surface.endswith("s")):
        return "LOC"
    if place_prep or norms[-1].endswith(doc.cues.loc_suffixes):
        return "LOC"
    if b > a and any(_acronym(w.text) for w in words):
        return "ORG"  # Fraunhofer FIT, PKN Orlen, THW Kiel
    if any(n in doc.cues.particles for n in norms[1:]) or b > a:
        return "PER"
    if a > 0 and doc.joined(a) and doc.norm(a - 1) in _DETERMINERS:
        return ""  # das Kondensat, der Fischer: a person's name takes no article
    if not (words[0].cls == "NE" or _verb_after(doc, b) or _verb_before(doc, a)):
        return ""
    return "ORG" if _business_sentence(doc, a) else "PER"


def _business_sentence(doc: _Text, k: int) -> bool:
    """Unit k's sentence speaks of companies (Aktie, Konzern, Hersteller): a lone name in it
    is more often a company than a person (Siemens, Porsche)."""
    cues = doc.cues.org_context
    for step in (-1, 1):
        j = k
        while 0 <= j + step < len(doc.units) and abs(j - k) < 30:
            if step < 0 and any(c in ".!?\n" for c in doc.gap(doc.units[j].first)):
                break
            j += step
            if step > 0 and any(c in ".!?\n" for c in doc.gap(doc.units[j].first)):
                break
            if doc.norm(j).endswith(cues):
                return True
    return False


def _verb_before(doc: _Text, a: int) -> bool:
    """A finite verb right before the name (sagte Kolb, vergab aber Kolb)."""
    for j in (a - 1, a - 2):
        if j < 0 or not doc.joined(j + 1) or doc.units[j].capital:
            return False
        if finite_verb(doc.units[j].text):
            return True
        if doc.norm(j) not in ("aber", "auch", "nun", "dann", "noch", "jedoch", "zudem"):
            return False
    return False


def _verb_after(doc: _Text, b: int) -> bool:
    """A lower-case word right after the name that the lexicon reads as a verb (X sagte)."""
    nxt = b + 1
    if nxt >= len(doc.units) or not doc.joined(nxt) or doc.units[nxt].capital:
        return False
    return finite_verb(doc.units[nxt].text)
