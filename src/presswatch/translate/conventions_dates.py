"""Dates in each language's convention: "12.–13. Februar" → uk "12–13 лютого", ru "12–13
февраля", en "February 12–13", de "12.–13. Februar".

``find_dates(text)`` finds a day (or a range of days) with a month name in any of uk, ru, en,
de — the month in any grammatical case ("лютого", "лютий", "февраля") — in either order, with
an optional year. ``format_date`` writes one in a language's convention (uk/ru: day, en dash
for a range, month in the genitive; en: month first, "February 12–13, 2024"; de: "12.–13.
Februar 2024"), and ``date_fixes`` lists the dates in a text that are not written that way,
which ``conventions.apply_conventions`` rewrites. A month name without a day is never touched
("у лютому", "im Februar").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DASH = "\u2013"  # en dash, no spaces, in a range of days in every language

# The twelve months: uk and ru by stem and declension, all case forms; en and de spelled out.
_UK = (("січ", "soft"), ("лют", "adj"), ("берез", "soft"), ("квіт", "soft"), ("трав", "soft"),
       ("черв", "soft"), ("лип", "soft"), ("серп", "soft"), ("верес", "soft"),
       ("жовт", "soft"), ("листопад", "hard"), ("груд", "soft"))
_UK_ENDINGS = {
    "soft": ("ень", "ня", "ню", "нем", "ні", "нею"),
    "adj": ("ий", "ого", "ому", "им", "ім"),
    "hard": ("", "а", "у", "ом", "і"),
}
_RU = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
       "ноябр", "декабр")
_RU_ENDINGS = {
    "soft": ("ь", "я", "ю", "ём", "ем", "е"),  # январь, января, январю, январём, январе
    "hard": ("", "а", "у", "ом", "е"),  # март, марта, марту, мартом, марте
    "may": ("й", "я", "ю", "ем", "е"),  # май, мая, маю, маем, мае
}
_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
       "October", "November", "December")
_EN_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep|Sept", "Oct", "Nov",
             "Dec")
_DE = ("Januar|Jänner", "Februar|Feber", "März", "April", "Mai", "Juni", "Juli", "August",
       "September", "Oktober", "November", "Dezember")
_DE_SHORT = ("Jan", "Feb", "Mär|Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep|Sept", "Okt",
             "Nov", "Dez")


def _uk_forms(month: int) -> tuple[str, ...]:
    stem, kind = _UK[month - 1]
    return tuple(stem + ending for ending in _UK_ENDINGS[kind])


def _ru_forms(month: int) -> tuple[str, ...]:
    stem = _RU[month - 1]
    kind = "may" if stem == "ма" else "hard" if stem in ("март", "август") else "soft"
    return tuple(stem + ending for ending in _RU_ENDINGS[kind])


def genitive(month: int, lang: str) -> str:
    """The month's name after a day: uk "лютого", ru "февраля", en "February", de "Februar"."""
    if lang == "uk":
        return _uk_forms(month)[1]
    if lang == "ru":
        return _ru_forms(month)[1]
    if lang == "de":
        return _DE[month - 1].split("|")[0]
    return _EN[month - 1]


def _month_table() -> dict[str, tuple[int, str]]:
    """Every known month word, lower case → (month number, language)."""
    table: dict[str, tuple[int, str]] = {}
    for month in range(1, 13):
        for form in _uk_forms(month):
            table[form] = (month, "uk")
        for form in _ru_forms(month):
            table.setdefault(form, (month, "ru"))
        for names, lang in ((_EN[month - 1], "en"), (_DE[month - 1], "de")):
            for name in names.split("|"):
                table.setdefault(name.lower(), (month, lang))
        for names, lang in ((_EN_SHORT[month - 1], "en"), (_DE_SHORT[month - 1], "de")):
            for name in names.split("|"):
                table.setdefault(name.lower() + ".", (month, lang))
    return table


MONTHS = _month_table()
_WORDS = "|".join(re.escape(w) for w in sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>(?i:{_WORDS}))(?!\w)"
_RANGE = r"\s*[-\u2010-\u2015]\s*"
_DAY_FIRST = re.compile(
    rf"(?<![\w.,])(?P<d1>[0-3]?\d)(?P<dot1>\.)?(?:{_RANGE}(?P<d2>[0-3]?\d)(?P<dot2>\.)?)?"
    rf"\s+{_MONTH}(?:\s+(?P<year>[12]\d{{3}})(?![\d.,]\d))?")
_MONTH_FIRST = re.compile(
    rf"(?<!\w){_MONTH}\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:{_RANGE}(?P<d2>[0-3]?\d)"
    rf"(?:st|nd|rd|th)?)?(?![\w.,]\d|\d)(?:,?\s+(?P<year>[12]\d{{3}})(?![\d.,]\d))?")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A day or range of days with a month name, as written at ``span``."""

    span: tuple[int, int]
    text: str
    day: int
    day_end: int | None
    month: int
    year: int | None
    month_span: tuple[int, int]


def find_dates(text: str) -> list[DateMention]:
    """Day-and-month dates in ``text`` in any of uk, ru, en, de, in text order."""
    found: list[DateMention] = []
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        for match in pattern.finditer(text):
            mention = _mention(match)
            if mention is not None and all(
                    mention.span[1] <= m.span[0] or mention.span[0] >= m.span[1] for m in found):
                found.append(mention)
    return sorted(found, key=lambda m: m.span)


def _mention(match: re.Match[str]) -> DateMention | None:
    word = match.group("month")
    month, lang = MONTHS[word.lower()]
    if lang == "en" and word[:1].islower():
        return None  # "may 5" is a modal verb more often than a date
    day = int(match.group("d1"))
    day_end = int(match.group("d2")) if match.group("d2") else None
    if not 1 <= day <= 31 or (day_end is not None and not day < day_end <= 31):
        return None
    year = int(match.group("year")) if match.group("year") else None
    return DateMention(match.span(), match.group(), day, day_end, month, year,
                       match.span("month"))


def format_date(day: int, month: int, lang: str, *, day_end: int | None = None,
                year: int | None = None) -> str:
    """One date in ``lang``'s convention: uk "12–13 лютого 2024", en "February 12–13, 2024"."""
    if lang == "en":
        days = f"{day}{DASH}{day_end}" if day_end else str(day)
        return f"{genitive(month, lang)} {days}" + (f", {year}" if year else "")
    if lang == "de":
        days = f"{day}.{DASH}{day_end}." if day_end else f"{day}."
    else:
        days = f"{day}{DASH}{day_end}" if day_end else str(day)
    return f"{days} {genitive(month, lang)}" + (f" {year}" if year else "")


def date_fixes(text: str, lang: str) -> list[tuple[tuple[int, int], str, str]]:
    """(span, as written, in ``lang``'s convention) for each date written another way; dates
    in a language without a convention here are left alone."""
    if lang not in ("uk", "ru", "en", "de"):
        return []
    fixes = []
    for date in find_dates(text):
        right = format_date(date.day, date.month, lang, day_end=date.day_end, year=date.year)
        word = text[date.month_span[0]:date.month_span[1]]
        if lang in ("en", "de") and MONTHS[word.lower()][1] == lang:
            right = right.replace(genitive(date.month, lang), word)  # "Feb. 12" is house style
        if _normalized(date.text) != _normalized(right):
            fixes.append((date.span, date.text, _keep_capital(date, right, lang)))
    return fixes


def _normalized(date: str) -> str:
    """A date up to spaces (no-break or not) and the dash of a range."""
    return re.sub(r"\s+", " ", re.sub(_RANGE, DASH, date)).lower()


def _keep_capital(date: DateMention, right: str, lang: str) -> str:
    """uk/ru month names are lower case, unless the date starts a sentence in capitals."""
    if lang in ("uk", "ru") and date.text.isupper():
        return right.upper()
    return right
