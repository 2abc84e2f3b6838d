"""Sentence splitting for the engines that translate sentence by sentence (CTranslate2).

``sentence_spans(text, lang)`` gives the (start, end) of each sentence of one line of text, so
that the text between sentences (spaces) can be put back unchanged around the translations.
A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with closing quotes or brackets after it) when
whitespace and a capital letter, a digit or an opening quote follow, except after an
abbreviation of that language ("Dr.", "z. B.", "т. е.", "вул."), an initial ("В. Зеленский"),
or, in German, an ordinal number ("am 12. Februar").
"""

from __future__ import annotations

import re

ABBREVIATIONS: dict[str, frozenset[str]] = {
    "de": frozenset("dr prof nr bzw ca vgl z b d h u a s st abs art str mio mrd jh bspw "
                    "evtl ggf inkl usw etc hr fr dipl ing".split()),
    "en": frozenset("mr mrs ms dr prof st jr sr vs etc e g i e u s n a no gen col lt sgt "
                    "gov sen rep inc ltd co corp jan feb mar apr jun jul aug sep sept oct "
                    "nov dec".split()),
    "ru": frozenset("т е д п г гг им ул пр просп тыс млн млрд руб коп проф акад см стр "
                    "др рис напр ок т.е т.д т.п".split()),
    "uk": frozenset("т е д п р рр ім вул просп тис млн млрд грн коп проф акад див стор "
                    "напр ін ін.".split()),
}
_CANDIDATE = re.compile(r"[.!?\u2026]+[\"'»”“’)\]]*(?=\s+[\"'«„“(\[]?[\d\w])")
_OPENING = "\"'«„“([ "


def _word_before(text: str, end: int) -> str:
    """The word that ends at ``end`` (letters, digits and inner dots), lower case."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".-"):
        start -= 1
    return text[start:end].strip(".").lower()


def _is_boundary(text: str, match: re.Match[str], lang: str) -> bool:
    punct = match.group()
    rest = text[match.end() :].lstrip()
    first = rest.lstrip(_OPENING)[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    if not punct.startswith("."):
        return True
    word = _word_before(text, match.start())
    if not word:
        return True
    if len(word) == 1 and word.isalpha():
        return False  # an initial or a one-letter abbreviation
    if word in ABBREVIATIONS.get(lang, frozenset()):
        return False
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return False  # "z.b", "u.s", "т.е"
    return not (lang == "de" and word.isdigit())


def sentence_spans(line: str, lang: str) -> list[tuple[int, int]]:
    """The sentences of one line (no newlines) as spans, leading/trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    start = len(line) - len(line.lstrip())
    for match in _CANDIDATE.finditer(line):
        if match.end() <= start or not _is_boundary(line, match, lang):
            continue
        spans.append((start, match.end()))
        start = match.end() + (len(line[match.end() :]) - len(line[match.end() :].lstrip()))
    end = len(line.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text``; a line break always ends a sentence."""
    return [line[a:b] for line in text.splitlines() for a, b in sentence_spans(line, lang)]
