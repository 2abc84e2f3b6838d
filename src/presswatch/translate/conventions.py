"""Numbers and dates in the target language's conventions, after any engine.

House conventions (what ``apply_conventions`` writes):

=====  ===================  ========  =====================
lang   thousands (≥ 5 dig.)  decimal   dates
=====  ===================  ========  =====================
uk/ru  ``100 000`` (U+00A0)  ``1,5``   ``12–13 лютого``
de     ``100.000``           ``1,5``   ``12.–13. Februar``
en     ``100,000`` (≥ 4)     ``1.5``   ``February 12–13``
=====  ===================  ========  =====================

The thousands separator in uk/ru is a **no-break space** (U+00A0): it keeps a number on one line,
every font has it and search treats it as a space (a thin U+202F is typographically finer but
missing from some fonts). Four-digit numbers are not grouped in uk/ru/de (``1500``), years never.

Only numbers written with a separator are rewritten ("1.5" → "1,5", "100,000" → "100 000"),
never plain digits, numbers in URLs, e-mail addresses, handles, or numbers glued to letters or
to other numbers by ``-``, ``/``, ``:`` (ids, phone numbers, times, "COVID-19"). A number whose
format reads two ways ("1,500": 1500 in English, 1.5 in Ukrainian) is resolved by the source
text's numbers when it is given, and otherwise left as it is — except ``,000``/``.000``, which
is always a thousands group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from presswatch.translate.conventions_dates import date_fixes

NBSP = "\u00a0"
_SPACES = " \u00a0\u202f\u2009"
GROUPING = {"uk": (NBSP, ",", 5), "ru": (NBSP, ",", 5), "de": (".", ",", 5),
            "en": (",", ".", 4)}
_CANDIDATE = re.compile(
    rf"(?<!\d)\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:[.,'’]\d+)*")
_PROTECTED = re.compile(r"(?i)\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|[@#]\w+")
SCALE_WORDS = _SCALES = {
    "en": {"thousand": 3, "thousands": 3, "k": 3, "million": 6, "millions": 6, "m": 6,
           "mln": 6, "billion": 9, "billions": 9, "bn": 9, "trillion": 12, "tn": 12},
    "de": {"tausend": 3, "million": 6, "millionen": 6, "mio": 6, "milliarde": 9,
           "milliarden": 9, "mrd": 9, "billion": 12, "billionen": 12},
    "uk": {"тис": 3, "тисяча": 3, "тисячі": 3, "тисяч": 3, "тисячу": 3, "тисячами": 3,
           "млн": 6, "мільйон": 6, "мільйона": 6, "мільйони": 6, "мільйонів": 6,
           "млрд": 9, "мільярд": 9, "мільярда": 9, "мільярди": 9, "мільярдів": 9,
           "трлн": 12, "трильйон": 12, "трильйона": 12, "трильйонів": 12},
    "ru": {"тыс": 3, "тысяча": 3, "тысячи": 3, "тысяч": 3, "тысячу": 3, "тысячами": 3,
           "млн": 6, "миллион": 6, "миллиона": 6, "миллионы": 6, "миллионов": 6,
           "млрд": 9, "миллиард": 9, "миллиарда": 9, "миллиарды": 9, "миллиардов": 9,
           "трлн": 12, "триллион": 12, "триллиона": 12, "триллионов": 12},
}
_ALL_SCALES = {word: power for table in _SCALES.values() for word, power in table.items()}
_SCALE_AFTER = re.compile(r"[\s\u00a0]*([^\W\d_]+)\.?")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th|s)(?!\w)")  # "5th", "1930s"


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number as written at ``span``: ``values`` are its readings, the one in the text's own
    convention first ("1,500" in uk: 1.5 then 1500); ``free`` when it stands alone (not in an
    id, URL or range), so that it may be rewritten; ``scaled`` the readings with a following
    "million", "тис.", "Mrd."."""

    span: tuple[int, int]
    text: str
    values: tuple[Decimal, ...]
    free: bool
    scaled: tuple[Decimal, ...] = ()


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Numbers written with digits in ``text`` (a text in ``lang``), outside URLs and
    addresses. A number glued to a capital letter is part of a name ("G7", "MH17", "5G") and
    not a number here; one glued to a lower-case word lost its space ("платити350")."""
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    found = []
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in protected):
            continue
        before = text[start - 1] if start else ""
        after = text[end:end + 3]
        if before.isupper() or before == "_" or after[:1].isupper():
            continue
        glued = before.isalpha() or after[:1].isalpha()
        scale = _scale_after(text, end, lang)
        for mention in _readings(match.group(), start, lang, _is_free(text, start, end)):
            scaled = tuple(v.scaleb(scale) for v in mention.values) if scale else ()
            found.append(NumberMention(mention.span, mention.text, mention.values,
                                       mention.free and not glued, scaled))
    return found


def _is_free(text: str, start: int, end: int) -> bool:
    before = text[start - 2:start] if start >= 2 else text[:start]
    after = text[end:end + 2]
    joined = re.compile(r"[-/:#–]\d")
    return not (joined.fullmatch(after[:2]) or re.fullmatch(r"\d[-/:#–]", before))


def _scale_after(text: str, end: int, lang: str) -> int | None:
    match = _SCALE_AFTER.match(text, end)
    if match is None:
        return None
    word = match.group(1).lower()
    if len(word) <= 2 and match.start(1) != end:
        return None  # "5m" is five million, "5 m" five metres
    return _SCALES.get(lang, {}).get(word, _ALL_SCALES.get(word))


def _readings(token: str, start: int, lang: str, free: bool) -> list[NumberMention]:
    """One mention with its readings, or one mention per part of an id-like token."""
    values = number_readings(token, lang)
    if values:
        return [NumberMention((start, start + len(token)), token, values, free)]
    parts = []
    for part in re.finditer(r"\d+", token):
        parts.append(NumberMention((start + part.start(), start + part.end()), part.group(),
                                   (Decimal(part.group()),), False))
    return parts


def number_readings(token: str, lang: str) -> tuple[Decimal, ...]:
    """The values ``token`` may stand for, the reading of ``lang``'s convention first; empty
    for an id-like token ("2.6.0", "12.02.2024")."""
    compact = token
    for space in _SPACES + "'’":
        compact = compact.replace(space, "")
    if compact != token:  # grouped with spaces or apostrophes: "100 000", "1 234,5"
        return _decimal(compact.replace(",", "."))
    grouped_comma = re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token)
    grouped_dot = re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token)
    decimal = re.fullmatch(r"\d+[.,]\d+", token)
    readings: list[Decimal] = []
    if grouped_comma:
        readings += _decimal(token.replace(",", ""))
    if grouped_dot:
        readings += _decimal(token.replace(".", "").replace(",", "."))
    if decimal:
        readings += _decimal(token.replace(",", "."))
    if re.fullmatch(r"\d+", token):
        readings += _decimal(token)
    return _native_first(token, tuple(dict.fromkeys(readings)), lang)


def _decimal(text: str) -> tuple[Decimal, ...]:
    try:
        return (Decimal(text),)
    except InvalidOperation:
        return ()


def _native_first(token: str, readings: tuple[Decimal, ...], lang: str) -> tuple[Decimal, ...]:
    if len(readings) < 2:
        return readings
    separator = "," if "," in token else "."
    decimal_sep = GROUPING.get(lang, (",", ".", 4))[1]
    if token.endswith(f"{separator}000") or separator != decimal_sep:
        return tuple(sorted(readings, reverse=True))  # the group reading (the bigger) first
    return tuple(sorted(readings))


def format_number(value: Decimal, lang: str, *, min_group: int | None = None) -> str:
    """``value`` in ``lang``'s convention, with as many decimals as it has: uk "100 000" and
    "1,5"; de "100.000"; en "100,000" and "1.5". ``min_group`` overrides the number of digits
    from which thousands are grouped."""
    group, point, min_digits = GROUPING.get(lang, GROUPING["en"])
    if min_group is not None:
        min_digits = min_group
    exponent = value.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    text = f"{value:.{decimals}f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    if len(whole) >= min_digits:
        whole = f"{int(whole):,}".replace(",", group)
    return sign + whole + (point + fraction if fraction else "")


@dataclass(frozen=True, slots=True)
class Fix:
    """A number or date at ``span`` written against the convention, and how it should read."""

    span: tuple[int, int]
    written: str
    right: str
    kind: str  # "number" or "date"


def convention_fixes(
    text: str, lang: str, *, source_text: str | None = None, source_lang: str | None = None
) -> list[Fix]:
    """Numbers and dates in ``text`` (in ``lang``) not written in ``lang``'s convention."""
    if lang not in GROUPING:
        return []
    source_values = None
    if source_text is not None:
        source_values = {m.values[0] for m in find_numbers(source_text, source_lang or lang)}
        source_values |= {m.scaled[0] for m in find_numbers(source_text, source_lang or lang)
                          if m.scaled}
    fixes = [Fix(span, written, right, "date") for span, written, right in date_fixes(text, lang)]
    for mention in find_numbers(text, lang):
        right = _number_fix(mention, lang, source_values)
        if right is not None and right != mention.text:
            fixes.append(Fix(mention.span, mention.text, right, "number"))
    fixes.sort(key=lambda f: f.span)
    kept: list[Fix] = []
    for fix in fixes:  # a date wins over the numbers inside it
        if not kept or fix.span[0] >= kept[-1].span[1]:
            kept.append(fix)
    return kept


def _number_fix(mention: NumberMention, lang: str, source: set[Decimal] | None) -> str | None:
    """The house spelling of a free number written with separators, or None to leave it."""
    token = mention.text
    if not mention.free or token.isdigit():
        return None
    readings = mention.values
    if source is not None:  # with a source, only a number the source has is rewritten
        readings = tuple(v for v in readings if v in source)
        if len(readings) != 1:
            return None
    elif len(readings) > 1 and not re.search(r"[.,]000$", token):
        return None  # "1,500" reads two ways and nothing tells which
    elif _TIME_LIKE.fullmatch(token):
        return None  # "12.30" may be a time
    value = readings[0]
    allowed = _alternatives(value, lang)
    if token in allowed:
        return None
    if lang in ("uk", "ru"):
        no_break = re.sub(r"[ \u2009]", NBSP, token)
        if no_break in allowed:
            return no_break  # "1 500" keeps its group, with a no-break space
    return format_number(value, lang)


_TIME_LIKE = re.compile(r"(?:[01]?\d|2[0-3])[.,][0-5]\d")


def _alternatives(value: Decimal, lang: str) -> set[str]:
    """Other spellings the convention allows: four-digit groups ("1.500" in de); in uk and
    ru a thin space may stand for the no-break one."""
    group, point, _ = GROUPING[lang]
    found = {format_number(value, lang), format_number(value, lang, min_group=4)}
    if group == NBSP:
        found |= {f.replace(NBSP, "\u202f") for f in found}
    return found


def apply_conventions(
    text: str, lang: str, *, source_text: str | None = None, source_lang: str | None = None
) -> str:
    """``text`` with its numbers and dates rewritten in ``lang``'s convention; with the source
    text, numbers that read two ways take the reading the source has."""
    parts = []
    pos = 0
    for fix in convention_fixes(text, lang, source_text=source_text, source_lang=source_lang):
        parts.append(text[pos:fix.span[0]])
        parts.append(fix.right)
        pos = fix.span[1]
    parts.append(text[pos:])
    return "".join(parts)
