"""Names and house terms in a translation: present, and in the house form.

* **Terms.** A glossary term found in the source (in any of its forms, right or wrong) must be
  in the translation, in any form — a wrong form is reported by ``Glossary.violations`` —
  or as a shorter term it contains ("Зеленський" for "Володимир Зеленський").
* **Names.** In a Ukrainian or Russian source, a capitalized Cyrillic word inside a sentence
  that pymorphy3 reads as a person's name (or does not know: "Гайлз") must have a counterpart
  in the
  translation that sounds alike: both are reduced to a consonant skeleton of a Latin
  transliteration ("Brett" and "Бретта" → ``brt``; "Рихтера" and "Richter" → ``rgtr``) and
  compared. English and German sources are not checked for names: without a tagger a
  capitalized "Minister" or any German noun looks like a name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from presswatch.translate import morph
from presswatch.translate.glossary import Glossary

_CYRILLIC = dict(zip(
    "абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя",
    "a b v g g d e ye yo zh z i i yi y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya"
    .split(), strict=True))
_DIGRAPHS = (("shch", "s"), ("sch", "s"), ("sh", "s"), ("ch", "s"), ("zh", "s"), ("ts", "s"),
             ("tz", "s"), ("kh", "g"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("qu", "k"),
             ("x", "ks"), ("c", "k"), ("q", "k"), ("z", "s"), ("h", "g"))
_DROPPED = set("aeiouyjwv_'’")
_NAME = re.compile(r"(?<![\w'’-])[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*")
_MIN_SKELETON = 2
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]")


def _latin(word: str) -> str:
    latin = "".join(_CYRILLIC.get(ch, ch) for ch in word.lower())
    return "".join(ch for ch in unicodedata.normalize("NFKD", latin)
                   if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonant skeleton of a word in any script: "Кавано" and "Kavanaugh" → "knn"/"kng"."""
    latin = _latin(word)
    for digraph, sound in _DIGRAPHS:
        latin = latin.replace(digraph, sound)
    latin = re.sub(r"(.)\1+", r"\1", latin)  # "Уилл" and "Уїл" alike
    return "".join(ch for ch in latin if ch.isalpha() and ch not in _DROPPED)


@lru_cache(maxsize=262144)
def sounds_alike(name: str, word: str) -> bool:
    """Whether ``word`` (perhaps inflected) may render ``name`` in another script."""
    a, b = skeleton(name), skeleton(word)
    if len(a) < _MIN_SKELETON:  # "Хью", "Айова": the skeleton, or the first letters
        return (bool(a) and a == b) or _latin(word)[:3] == _latin(name)[:3]
    if len(b) < _MIN_SKELETON:
        return False
    if b.startswith(a) or a.startswith(b):
        return True
    return SequenceMatcher(None, a, b[:len(a) + 1]).ratio() >= 0.75


@dataclass(frozen=True, slots=True)
class MissingName:
    text: str
    source_span: tuple[int, int]


def missing_names(source: str, target: str, source_lang: str,
                  sentence_spans: list[tuple[int, int]]) -> list[MissingName]:
    """Names inside the source's sentences with no sound-alike word in the target."""
    if source_lang not in morph.LANGUAGES:
        return []
    starts = {start for start, _ in sentence_spans}
    target_words = [part for m in _NAME.finditer(target)
                    for part in (m.group(), *re.split(r"[-'’]", m.group()))]
    missing = []
    for match in _NAME.finditer(source):
        word = match.group()
        if not _looks_like_name(word, match.start(), source, starts, source_lang):
            continue
        if not any(sounds_alike(word, other) for other in target_words):
            missing.append(MissingName(word, match.span()))
    return missing


def _looks_like_name(word: str, start: int, text: str, starts: set[int], lang: str) -> bool:
    if not word[:1].isupper() or word.isupper() or start in starts or not _CYRILLIC_WORD.match(
            word):
        return False
    before = text[:start].rstrip()
    if not before or before[-1] in ".!?:;«\"“„(–—-":
        return False  # the first word of a sentence, a quote or a clause
    return morph.is_person_name(word, lang)


class TermFinder:
    """Every form of every glossary term (house, wrong, generated) in a text of one language."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        forms: dict[str, str] = {}
        self.house: dict[str, str] = {}
        for term in glossary.terms:
            entry = term.languages.get(lang)
            if entry is None:
                continue
            self.house[term.id] = entry.forms["nom"]
            spelled = [*entry.forms.values(), *entry.wrong_locative, *entry.generated_locative]
            for values in (*entry.wrong.values(), *entry.generated_wrong.values()):
                spelled += values
            for form in spelled:
                forms.setdefault(form, term.id)
                forms.setdefault(form.upper(), term.id)
        self._forms = forms
        keys = sorted(forms, key=len, reverse=True)
        body = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)") if keys else None

    def find(self, text: str) -> list[tuple[str, tuple[int, int]]]:
        """(term id, span) of each occurrence, longest match first, in text order."""
        if self._pattern is None:
            return []
        return [(self._forms[" ".join(m.group().split())], m.span())
                for m in self._pattern.finditer(text)]


def missing_terms(source_terms: list[tuple[str, tuple[int, int]]],
                  target_terms: list[tuple[str, tuple[int, int]]],
                  target_finder: TermFinder) -> list[tuple[str, tuple[int, int]]]:
    """Source terms (id, span) with no occurrence of the term, or of a shorter term inside its
    target house form, in the translation."""
    present = {term_id for term_id, _ in target_terms}
    missing = []
    for term_id, span in source_terms:
        house = target_finder.house.get(term_id)
        if house is None or term_id in present:
            continue
        if any(target_finder.house.get(other, "\0") in house for other in present):
            continue
        missing.append((term_id, span))
    return missing
