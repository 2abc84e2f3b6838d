"""The numbers check: every number of the source is in the translation, and nothing else.

Numbers are compared by value across conventions ("100,000" = "100 000" = "100.000" in German
= "100 тисяч"; "2,8 млрд" = "2.8 billion"; "16%" = "16 відсотків"). A number written with
digits on one side may be written as a word on the other ("two" / "2", "восьмого" / "8th"),
and a numeric date's month may be a month name ("12.02." / "12 лютого"): such words and month
names make a number count as present, but are never required themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from presswatch.translate import morph
from presswatch.translate.conventions import SCALE_WORDS, find_numbers
from presswatch.translate.conventions_dates import MONTHS

_UNITS_UK = ("один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять "
             "тринадцять чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять "
             "дев'ятнадцять").split()
_TENS_UK = "двадцять тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто".split()
_COLLECTIVE_UK = "двоє троє четверо п'ятеро шестеро семеро восьмеро дев'ятеро десятеро".split()
_ORDINAL_UK = ("перший другий третій четвертий п'ятий шостий сьомий восьмий дев'ятий "
               "десятий").split()
_UNITS_RU = ("один два три четыре пять шесть семь восемь девять десять одиннадцать "
             "двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
             "восемнадцать девятнадцать").split()
_TENS_RU = "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто".split()
_COLLECTIVE_RU = "двое трое четверо пятеро шестеро семеро восьмеро девятеро десятеро".split()
_ORDINAL_RU = ("первый второй третий четвёртый пятый шестой седьмой восьмой девятый "
               "десятый").split()
_UNITS_EN = ("one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS_EN = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_EN = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_UNITS_DE = ("eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn "
             "vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn").split()
_TENS_DE = "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig".split()
_ORDINAL_DE = "erst zweit dritt viert fünft sechst siebt acht neunt zehnt".split()


def _table(units: list[str], tens: list[str], ordinals: list[str],
           collectives: tuple[str, ...] = ()) -> dict[str, int]:
    table = {word: value for value, word in enumerate(units, 1)}
    table |= {word: value for value, word in zip(range(20, 100, 10), tens, strict=True)}
    table |= {word: value for value, word in enumerate(ordinals, 1)}
    table |= {word: value for value, word in enumerate(collectives, 2)}
    return table


_WORDS = {
    "uk": _table(_UNITS_UK, _TENS_UK, _ORDINAL_UK, tuple(_COLLECTIVE_UK))
    | {"сто": 100, "півтора": 1, "одна": 1, "дві": 2},
    "ru": _table(_UNITS_RU, _TENS_RU, _ORDINAL_RU, tuple(_COLLECTIVE_RU))
    | {"сто": 100, "полтора": 1, "четвертый": 4, "одна": 1, "две": 2},
    "en": _table(_UNITS_EN, _TENS_EN, _ORDINAL_EN) | {"hundred": 100, "dozen": 12, "a": 1,
                                                      "an": 1},
    "de": _table(_UNITS_DE, _TENS_DE, []) | {"ein": 1, "hundert": 100, "dutzend": 12},
}
# imperial units and their metric factor; a number before one also reads as metric
_UNITS: dict[str, Decimal | str] = {
    **dict.fromkeys("mile miles mph миль милі миля мили милях meilen meile".split(),
                    Decimal("1.609344")),
    **dict.fromkeys("inch inches дюйм дюйма дюймів дюймов zoll".split(), Decimal("2.54")),
    **dict.fromkeys("foot feet ft фут фута футів футов fuß".split(), Decimal("0.3048")),
    **dict.fromkeys("yard yards ярд ярда ярдів ярдов".split(), Decimal("0.9144")),
    **dict.fromkeys("pound pounds lb lbs".split(), Decimal("0.45359237")),
    **dict.fromkeys("gallon gallons галон галонів галлонов".split(), Decimal("3.785")),
    **dict.fromkeys("acre acres акр акрів акров".split(), Decimal("0.4047")),
    **dict.fromkeys("°f fahrenheit фаренгейта фаренгейтом degrees degree градусів градусов "
                    "градуса".split(), "fahrenheit"),
}
_UNIT = re.compile(r"[\s\u00a0-]*(°[fF]|[^\W\d_]+)")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
# first three letters of every number word, per language: other words skip the lemmatizer
_PREFIXES = {lang: {word[:3] for word in table} for lang, table in _WORDS.items()}
_GERMAN_ENDINGS = ("e", "en", "er", "es", "em", "")


@dataclass(frozen=True, slots=True)
class NumberIssue:
    """A number of the source missing from the target ("missing"), one of the target that the
    source lacks ("added"), or the two paired ("changed")."""

    kind: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    source_text: str
    target_text: str


@dataclass(frozen=True, slots=True)
class _Mention:
    span: tuple[int, int]
    text: str
    values: frozenset[Decimal]


def compare_numbers(source: str, target: str, source_lang: str,
                    target_lang: str) -> list[NumberIssue]:
    """Numbers missing, added or changed between a source segment and its translation."""
    src = _digit_mentions(source, source_lang)
    tgt = _digit_mentions(target, target_lang)
    missing, added = _unmatched(src, tgt)
    if missing:
        words = _word_values(target, target_lang)
        missing = [m for m in missing if not m.values & words]
    if added:
        words = _word_values(source, source_lang)
        added = [m for m in added if not m.values & words]
    issues = []
    for gone, new in zip(missing, added, strict=False):
        issues.append(NumberIssue("changed", gone.span, new.span, gone.text, new.text))
    pairs = min(len(missing), len(added))
    issues += [NumberIssue("missing", m.span, None, m.text, "") for m in missing[pairs:]]
    issues += [NumberIssue("added", None, m.span, "", m.text) for m in added[pairs:]]
    return issues


def _digit_mentions(text: str, lang: str) -> list[_Mention]:
    """Numbers with all their readings: conventions, scales, a time's hour in 12 and 24 hours
    ("3 p.m." = "15:00" = "15 години"), metric values of imperial units ("10 inches" =
    "25,4 см")."""
    times = _times(text)
    mentions = list(times)
    for m in find_numbers(text, lang):
        if any(t.span[0] <= m.span[0] < t.span[1] for t in times):
            continue
        values = {*m.values, *m.scaled}
        factor = _unit_after(text, m.span[1])
        if factor is not None:
            values |= {_rounded(_convert(v, factor), places) for v in m.values
                       for places in (0, 1, 2)}
        mentions.append(_Mention(m.span, m.text, frozenset(values)))
    return sorted(mentions, key=lambda m: m.span)


_TIME = re.compile(r"(?<![\d.,:])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?"
                   r"(?:\s?(?P<ampm>[ap])\.?\s?m\b\.?)(?!\w)"
                   r"|(?<![\d.,:])(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?![\d:])")


def _times(text: str) -> list[_Mention]:
    """Clock times: "15:00", "3 p.m.", "7.55am"; each reads as the time in 24 and 12 hours
    and as its hour."""
    found = []
    for match in _TIME.finditer(text):
        hour = int(match.group("h") or match.group("h2"))
        minute = int(match.group("m") or match.group("m2") or 0)
        ampm = match.group("ampm")
        if ampm == "p" and hour < 12:
            hour += 12
        hours = {hour} if ampm else {hour, hour % 12, hour + 12 if hour < 12 else hour}
        values: set[Decimal | str] = {f"time {h % 24}:{minute:02d}" for h in hours}
        values |= {Decimal(h % 24) for h in hours if not minute}
        values.add(Decimal(f"{hour}.{minute:02d}"))  # "11.15" written for 11:15
        found.append(_Mention(match.span(), match.group(), frozenset(values)))
    return found


def _unit_after(text: str, end: int) -> Decimal | str | None:
    match = _UNIT.match(text, end)
    return _UNITS.get(match.group(1).lower()) if match else None


def _convert(value: Decimal, factor: Decimal | str) -> Decimal:
    if factor == "fahrenheit":
        return (value - 32) * 5 / 9
    return value * Decimal(factor)


def _rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places))


def _unmatched(src: list[_Mention], tgt: list[_Mention]) -> tuple[list[_Mention],
                                                                 list[_Mention]]:
    """Greedy matching by value, fewest readings first (an exact number before "1,500")."""
    free = list(tgt)
    missing = []
    for mention in sorted(src, key=lambda m: (len(m.values), m.span)):
        hit = next((t for t in free if t.values & mention.values), None) or next(
            (t for t in free if _rounds_to(t, mention) or _rounds_to(mention, t)), None)
        if hit is None:
            missing.append(mention)
        else:
            free.remove(hit)
    return sorted(missing, key=lambda m: m.span), free


def _rounds_to(precise: _Mention, rough: _Mention) -> bool:
    """Whether a number written with more decimals rounds to the other ("25,4" to "25",
    "7,6" to "8"): a converted unit rounded by the translator, not a changed number."""
    for x in precise.values:
        for y in rough.values:
            if not isinstance(x, Decimal) or not isinstance(y, Decimal):
                continue
            places = _places(y)
            if _places(x) > places and _rounded(x, places) == y:
                return True
    return False


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _word_values(text: str, lang: str) -> set[Decimal]:
    """Values of number words ("двох" 2, "twenty-five" 25) and month names (as months)."""
    values: set[Decimal] = set()
    previous: int | None = None
    for match in _WORD.finditer(text):
        word = match.group()
        month = MONTHS.get(word.lower()) or MONTHS.get(word.lower() + ".")
        if month is not None:
            values.add(Decimal(month[0]))
        scale = SCALE_WORDS.get(lang, {}).get(word.lower())
        if scale is not None:
            values.add(Decimal(10) ** scale)
            if previous is not None:
                values.add(Decimal(previous) * Decimal(10) ** scale)  # "two million"
            previous = None
            continue
        value = _word_value(word, lang)
        if value is None:
            previous = None
            continue
        values.add(Decimal(value))
        if previous is not None and previous >= 20 and previous % 10 == 0 and value < 10:
            values.add(Decimal(previous + value))  # "двадцять п'ять", "twenty-five"
        if previous is not None and value == 100:
            values.add(Decimal(previous * 100))
        previous = value
    return values


def _word_value(word: str, lang: str) -> int | None:
    lowered = word.lower().replace("’", "'").replace("ʼ", "'")
    table = _WORDS.get(lang)
    if table is None:
        return None
    if lang in morph.LANGUAGES:
        if lowered in table:
            return table[lowered]
        if lowered[:3] not in _PREFIXES[lang]:
            return None  # no number word starts like this: pymorphy3 is not asked
        return next((table[lemma] for lemma in sorted(morph.lemmas(lowered, lang))
                     if lemma in table), None)
    if lang == "de":
        for stem in _ORDINAL_DE:
            if any(lowered == stem + ending for ending in _GERMAN_ENDINGS[:-1]):
                return _ORDINAL_DE.index(stem) + 1
        for ending in ("e", "en", "er", "em", "es", "s", ""):
            if lowered.endswith(ending) and lowered[:len(lowered) - len(ending)] in table:
                return table[lowered[:len(lowered) - len(ending)]]
        return None
    return table.get(lowered)
