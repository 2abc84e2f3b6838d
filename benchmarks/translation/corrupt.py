"""Translations corrupted on purpose, for the checks' recall and precision.

Each corruption takes an aligned (source, target) paragraph — both human references, built
from the same NTREX lines — and breaks the target the way engines do; the uncorrupted pair is
the control (a check that fires on it is a false alarm). A corruption returns None where it
does not apply (no number to change, a one-sentence paragraph to drop from).

================== ============ ===========================================================
corruption         expected     what is done to the target
================== ============ ===========================================================
number_changed     number       one digit of a number the source also has is changed
number_dropped     number       a number the source also has is deleted
sentence_dropped   omission     one of its sentences (lines) is deleted
untranslated       untranslated one of its sentences is replaced by the source's sentence
name_source_form   name         a name is spelled as in the source ("Уэйда" in Ukrainian)
term_wrong_form    term         a glossary term in the wrong form ("у Киеве" for "у Києві"),
                                in a sentence added to both sides (NTREX has no such terms)
repetition         repetition   a 1–4-word sequence repeated back to back (a decoder loop)
empty              empty        nothing
================== ============ ===========================================================
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from presswatch.translate.checks_names import sounds_alike
from presswatch.translate.checks_numbers import compare_numbers
from presswatch.translate.checks_text import foreign_letter_words
from presswatch.translate.conventions import find_numbers
from presswatch.translate.glossary import Glossary


@dataclass(frozen=True, slots=True)
class Pair:
    """An aligned paragraph: its lines in both languages."""

    source_lines: tuple[str, ...]
    target_lines: tuple[str, ...]
    source: str
    target: str

    @property
    def source_text(self) -> str:
        return join_lines(self.source_lines)

    @property
    def target_text(self) -> str:
        return join_lines(self.target_lines)


_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'»”’)\]]*\s*$")


def join_lines(lines: list[str] | tuple[str, ...]) -> str:
    """Lines as one paragraph: after a line that ends a sentence a space, after one that
    does not (a headline) a line break, so that it stays a sentence of its own."""
    parts = []
    for index, line in enumerate(lines):
        parts.append(line)
        if index < len(lines) - 1:
            parts.append(" " if _ENDS_SENTENCE.search(line) else "\n")
    return "".join(parts)


Corrupted = tuple[str, str]  # (source text, corrupted target text)


def number_changed(pair: Pair, rng: random.Random) -> Corrupted | None:
    mention = _shared_number(pair, rng)
    if mention is None:
        return None
    start, end = mention.span
    digits = [i for i in range(start, end) if pair.target_text[i].isdigit()]
    at = digits[-1]
    old = int(pair.target_text[at])
    new = str((old + rng.randint(1, 8)) % 10)
    text = pair.target_text
    return pair.source_text, text[:at] + new + text[at + 1:]


def number_dropped(pair: Pair, rng: random.Random) -> Corrupted | None:
    mention = _shared_number(pair, rng)
    if mention is None:
        return None
    start, end = mention.span
    text = pair.target_text
    if end < len(text) and text[end] == " ":
        end += 1
    return pair.source_text, text[:start] + text[end:]


def _shared_number(pair: Pair, rng: random.Random):  # noqa: ANN202 - a NumberMention
    """A number of the target that the source has too (the clean pair agrees on it)."""
    source_values = {v for m in find_numbers(pair.source_text, pair.source)
                     for v in (*m.values, *m.scaled)}
    candidates = [m for m in find_numbers(pair.target_text, pair.target)
                  if m.values[0] in source_values]
    return rng.choice(candidates) if candidates else None


def sentence_dropped(pair: Pair, rng: random.Random) -> Corrupted | None:
    if len(pair.target_lines) < 2:
        return None
    drop = rng.randrange(len(pair.target_lines))
    kept = [line for i, line in enumerate(pair.target_lines) if i != drop]
    return pair.source_text, join_lines(kept)


def untranslated(pair: Pair, rng: random.Random) -> Corrupted | None:
    index = rng.randrange(len(pair.target_lines))
    lines = list(pair.target_lines)
    lines[index] = pair.source_lines[index]
    return pair.source_text, join_lines(lines)


_WORD = re.compile(r"[^\W\d_]+")


def name_source_form(pair: Pair, rng: random.Random) -> Corrupted | None:
    """A target name replaced by the source's spelling of it, where that spelling has letters
    the target alphabet lacks (ru "Уэйда" for uk "Вейда", uk "Уіллоубі" for ru "Уиллоуби")."""
    spelled = [word for word, _ in foreign_letter_words(pair.source_text, pair.target)
               if word[:1].isupper()]
    options = []
    for match in _WORD.finditer(pair.target_text):
        word = match.group()
        if word[:1].isupper() and match.start() > 0:
            options += [(match.span(), s) for s in spelled if sounds_alike(s, word)]
    if not options:
        return None
    (start, end), replacement = rng.choice(options)
    text = pair.target_text
    return pair.source_text, text[:start] + replacement + text[end:]


def repetition(pair: Pair, rng: random.Random) -> Corrupted | None:
    words = list(_WORD.finditer(pair.target_text))
    if len(words) < 8:
        return None
    size = rng.randint(1, 4)
    first = rng.randrange(len(words) - size)
    start, end = words[first].start(), words[first + size - 1].end()
    phrase = pair.target_text[start:end]
    copies = 4 if size == 1 else 3
    text = pair.target_text
    return pair.source_text, text[:end] + (" " + phrase) * copies + text[end:]


def empty(pair: Pair, rng: random.Random) -> Corrupted | None:
    return pair.source_text, ""


# A sentence with a glossary term, per language, for place and person terms; {case} slots.
_TEMPLATES = {
    "place": {"uk": "Про це повідомили у {loc}.", "ru": "Об этом сообщили в {loc}.",
              "en": "This was reported in {nom}.", "de": "Das wurde aus {nom} gemeldet."},
    "place-gen": {"uk": "Делегація прибула з {gen}.", "ru": "Делегация прибыла из {gen}.",
                  "en": "The delegation came from {nom}.",
                  "de": "Die Delegation kam aus {nom}."},
    "person": {"uk": "Журналісти поговорили з {ins}.", "ru": "Журналисты поговорили с {ins}.",
               "en": "Journalists spoke with {nom}.", "de": "Journalisten sprachen mit {nom}."},
    "person-gen": {"uk": "Заяву {gen} оприлюднили ввечері.",
                   "ru": "Заявление {gen} опубликовали вечером.",
                   "en": "The statement by {nom} came in the evening.",
                   "de": "Die Erklärung von {nom} kam am Abend."},
}


@dataclass(frozen=True, slots=True)
class TermCase:
    """A sentence with a glossary term: in the source language, in the target language with
    the term's house form (``house``) and with a wrong form of the same case."""

    source: str
    right: str
    wrong: str
    house: str


def term_sentences(glossary: Glossary, source: str, target: str) -> list[TermCase]:
    """A ``TermCase`` for each glossary term and template that has a wrong form of the
    template's case in the target language."""
    found = []
    for term in glossary.terms:
        src, dst = term.languages.get(source), term.languages.get(target)
        if src is None or dst is None:
            continue
        person = dst.form("acc") == dst.form("gen") and "gen" in dst.forms
        for name in (("person", "person-gen") if person else ("place", "place-gen")):
            slots = _TEMPLATES[name]
            case = re.search(r"\{(\w+)\}", slots[target]).group(1)
            wrong = [*dst.wrong.get(case, ()), *dst.generated_wrong.get(case, ())]
            if not wrong or case not in dst.forms:
                continue
            source_case = re.search(r"\{(\w+)\}", slots[source]).group(1)
            found.append(TermCase(slots[source].format(**{source_case: src.form(source_case)}),
                                  slots[target].format(**{case: dst.forms[case]}),
                                  slots[target].format(**{case: wrong[0]}), dst.forms[case]))
    return found


CORRUPTIONS: dict[str, tuple[str, Callable[[Pair, random.Random], Corrupted | None]]] = {
    "number_changed": ("number", number_changed),
    "number_dropped": ("number", number_dropped),
    "sentence_dropped": ("omission", sentence_dropped),
    "untranslated": ("untranslated", untranslated),
    "name_source_form": ("name", name_source_form),
    "repetition": ("repetition", repetition),
    "empty": ("empty", empty),
}


def clean_has(kind: str, pair: Pair, findings_kinds: set[str]) -> bool:
    """Whether the clean pair already shows the expected kind (then a hit proves nothing)."""
    if kind == "number":
        return bool(compare_numbers(pair.source_text, pair.target_text, pair.source,
                                    pair.target)) or kind in findings_kinds
    return kind in findings_kinds
