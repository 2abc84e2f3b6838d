"""Reported figures: a number with its unit, qualifier and subject, in uk, ru, en and de.

``extract_figures(text, language, mentions=()) -> list[FigureHit]`` reads "more than 100,000
servicemen", "понад 100 тисяч військовослужбовців", "более 100 тысяч военных", "mehr als
100.000 Soldaten", "$2.5 billion", "2,5 млрд євро" as value 100000 / 2.5e9, unit ``troops`` /
``USD`` / ``EUR``, qualifier ``min`` (more than), ``max`` (up to), ``approx`` (about) or
``exact``, and the subject words that follow. Numbers are read with the language's separators
(100,000 and 2.5 in English; 100.000 and 2,5 in German; 100 000 and 2,5 in uk/ru). A figure
is kept when it has a currency, a percent sign, a unit, a scale word (тисяч, Millionen), a
qualifier or a counted noun the unit table knows; years and dates alone are not figures.
The figure is linked to the nearest named entity in its sentence (``entity``).

Word lists live in ``presswatch/data/figure_words.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from presswatch.enrich.textforms import normalize, word_forms

__all__ = ["FigureHit", "extract_figures", "parse_number"]

WORDS_PATH = Path(__file__).resolve().parent.parent / "data" / "figure_words.toml"
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<cur>[$€£₴₽]\s?)?(?P<num>\d{1,3}(?:(?:[ \u00a0\u202f]|[.,](?=\d{3}\b))\d{3})+"
    r"(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)(?P<pct>\s?%)?"
)
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB"}
_MONEY = ("USD", "EUR", "GBP", "UAH", "RUB")
_MEASURES = ("percent", "km", "m", "miles", "yards", "ft", "tonnes", "MW", "GW")
_EN_FUNCTION_WORDS = frozenset(
    "the a an and or but near in on at to from by with for as than that this is are was were "
    "be been have has had will would could should may might away ago".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*\.?")
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+(?=[A-ZА-ЯІЇЄҐЁÄÖÜ«„\"“])|\n")


@dataclass(frozen=True, slots=True)
class FigureHit:
    """``text[start:end] == surface``; value in plain units (2.5 billion → 2.5e9)."""

    start: int
    end: int
    surface: str
    value: float
    unit: str
    qualifier: str
    subject: str
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class _Words:
    scales: dict[str, float]
    currencies: dict[str, str]
    units: dict[str, str]
    qualifiers: tuple[tuple[str, str], ...]  # (phrase, qualifier), longest first
    skip: frozenset[str]


@lru_cache(maxsize=8)
def _words(language: str) -> _Words:
    data = tomllib.loads(WORDS_PATH.read_text(encoding="utf-8"))
    common, own = data.get("common", {}), data.get(language, {})
    qualifiers = [(normalize(p), q) for q, phrases in own.get("qualifiers", {}).items()
                  for p in phrases]
    return _Words(
        scales={normalize(k): float(v) for k, v in own.get("scales", {}).items()},
        currencies={normalize(k): v for k, v in {**common.get("currencies", {}),
                                                  **own.get("currencies", {})}.items()},
        units={normalize(k): v for k, v in {**common.get("units", {}),
                                             **own.get("units", {})}.items()},
        qualifiers=tuple(sorted(qualifiers, key=lambda pq: -len(pq[0]))),
        skip=frozenset(normalize(w) for w in own.get("skip", ())),
    )


def parse_number(digits: str, language: str) -> float:
    """'100,000' (en) → 100000; '100.000' (de) → 100000; '2,5' (uk) → 2.5; '100 000' → 100000."""
    digits = re.sub(r"[ \u00a0\u202f]", "", digits)
    decimal = "." if language == "en" else ","
    thousands = "," if language == "en" else "."
    if re.search(rf"\{thousands}\d{{3}}(?!\d)", digits):
        digits = digits.replace(thousands, "")
    return float(digits.replace(decimal, ".").replace(",", "").replace(" ", ""))


def _lookup(table: dict[str, str], word: str, language: str) -> str | None:
    for form in word_forms(word.rstrip("."), language) + (normalize(word),):
        if form in table:
            return table[form]
    return None


def _qualifier(text: str, start: int, words: _Words) -> tuple[str, int]:
    """The qualifier phrase right before the number ("more than", "понад") and where it starts."""
    head = text[max(0, start - 40):start]
    stripped = head.rstrip()
    lowered = stripped.lower().replace("ё", "е")
    for phrase, qualifier in words.qualifiers:
        if lowered.endswith(phrase):
            before = lowered[: -len(phrase)]
            if not before or not before[-1].isalnum() or not phrase[0].isalnum():
                return qualifier, start - len(head) + len(stripped) - len(phrase)
    return "exact", start


def extract_figures(text: str, language: str, mentions: Sequence = ()) -> list[FigureHit]:
    """Figures in ``text`` in order; ``mentions`` (``MentionHit``s) link them to entities."""
    words = _words(language)
    figures = []
    for match in _NUMBER.finditer(text):
        figure = _read_figure(text, match, language, words)
        if figure is not None:
            figures.append(_link(text, figure, mentions))
    return figures


def _read_figure(text: str, match: re.Match, language: str, words: _Words) -> FigureHit | None:
    value = parse_number(match.group("num"), language)
    unit = "percent" if match.group("pct") else _SYMBOLS.get((match.group("cur") or "").strip(), "")
    end, scaled, subject = match.end(), False, []
    unit_end = cursor = end
    for word in _WORD.finditer(text, end):
        if text[cursor:word.start()].strip(" \u00a0") or len(subject) >= 2:
            break
        cursor = word.end()
        token = word.group()
        bare = token.rstrip(".")
        kept = word.end() if _continues(text, word.end()) else word.start() + len(bare)
        if not subject:
            scale = _lookup(words.scales, token, language)
            if scale is not None and not scaled and unit in ("", *_MONEY):
                value, scaled, end = value * float(scale), True, kept
                continue
            known = _lookup(words.currencies, token, language) or _measure(words, token, language)
            if known and (not unit or unit == known):
                unit, end = known, kept
                if unit in _MEASURES and unit != "percent":
                    break
                continue
            if normalize(bare) in words.skip:
                continue
        if not _subject_word(bare, language):
            break
        unit_end = end if not subject else unit_end
        subject.append(bare)
        end = word.start() + len(bare)
        if _lookup(words.units, bare, language) or not _modifier(bare, language):
            break
    if unit in _MONEY:
        subject, end = [], unit_end if subject else end
    return _finish(text, match, language, words, value, unit, scaled, subject, end)


def _subject_word(word: str, language: str) -> bool:
    """A noun or adjective that can say what is counted (not на, near, the)."""
    if language in ("uk", "ru"):
        from presswatch.enrich.textforms import lemma_tags

        return bool({"NOUN", "ADJF"} & lemma_tags(word, language))
    if language == "en":
        return word.lower() not in _EN_FUNCTION_WORDS and (
            word[:1].islower() or _modifier(word, language))
    return True


def _continues(text: str, end: int) -> bool:
    """A dot at ``end`` belongs to an abbreviation (млн. грн): the sentence goes on after it."""
    if not text.startswith(".", end - 1):
        return True
    rest = text[end:end + 3].lstrip()
    return bool(rest) and rest[0].islower()


def _measure(words: _Words, token: str, language: str) -> str | None:
    unit = _lookup(words.units, token, language)
    return unit if unit in _MEASURES else None


def _modifier(word: str, language: str) -> bool:
    """An adjective before the counted noun (Ukrainian soldiers, українських військових)."""
    if language in ("uk", "ru"):
        from presswatch.enrich.textforms import lemma_tags

        return "ADJF" in lemma_tags(word, language)
    if language == "de":
        return word[:1].islower()
    return word.endswith(("ian", "ese", "ish", "ean"))


def _finish(text: str, match: re.Match, language: str, words: _Words, value: float, unit: str,
            scaled: bool, subject: list[str], end: int) -> FigureHit | None:
    counted = next((u for w in subject if (u := _lookup(words.units, w, language))), None)
    if not unit and counted:
        unit = counted
    qualifier, start = _qualifier(text, match.start(), words)
    if not (unit or scaled or (qualifier != "exact" and subject)):
        return None  # a bare number, even "up to 832", says too little
    if _looks_like_year(match.group("num"), unit, scaled):
        return None
    if not subject:
        end = _trim_end(text, match.end(), end)
    return FigureHit(start, end, text[start:end], value, unit or "count", qualifier,
                     " ".join(subject))


def _trim_end(text: str, number_end: int, end: int) -> int:
    return max(number_end, len(text[:end].rstrip()))


def _looks_like_year(digits: str, unit: str, scaled: bool) -> bool:
    return (not unit and not scaled and len(digits) == 4 and digits.isdigit()
            and 1800 <= int(digits) <= 2100)


def _link(text: str, figure: FigureHit, mentions: Sequence) -> FigureHit:
    """The nearest linked mention in the figure's sentence, preferring one before it."""
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, figure.start)), default=0)
    right_match = _SENTENCE_BREAK.search(text, figure.end)
    right = right_match.start() if right_match else len(text)
    best, distance = None, None
    for mention in mentions:
        if mention.entity is None or mention.start < left or mention.end > right:
            continue
        gap = figure.start - mention.end if mention.end <= figure.start else \
            2 * (mention.start - figure.end)
        if gap >= 0 and (distance is None or gap < distance):
            best, distance = mention.entity, gap
    if best is None:
        return figure
    return FigureHit(figure.start, figure.end, figure.surface, figure.value, figure.unit,
                     figure.qualifier, figure.subject, best)
