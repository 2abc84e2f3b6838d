"""Case forms of Ukrainian and Russian words with pymorphy3, for the house glossary and checks.

``case_forms("Київ", "uk", kind="place")`` gives ``{"nom": "Київ", "gen": "Києва", "dat":
"Києву", "acc": "Київ", "ins": "Києвом", "loc": "Києві"}``, so a glossary entry can be written
with its lemma alone. A phrase is inflected word by word ("Володимир Зеленський" →
"Володимира Зеленського"); a word pymorphy3 cannot inflect stays as written; capitals follow
the lemma ("НАТО", "Київ"). ``kind`` picks the reading: ``person`` (animate: the accusative is
the genitive, surnames first), ``place`` (inanimate, place names first) or ``""`` (nouns first).

Where a case has several standard forms the house picks one (uk dative "Володимиру", locative
"Володимирові", "Києві", "Зеленському"); ``case_variants`` lists all of them, which is what
``verify_forms`` accepts for written-out forms. Forms pymorphy3 marks as distorted ("Київа")
are offered as wrong forms by ``distorted_forms``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from presswatch.errors import ConfigError

LANGUAGES = ("uk", "ru")
# glossary case name → pymorphy3 grammeme
GRAMMEMES = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt",
             "loc": "loct"}
KINDS = ("", "person", "place")
_ONLY_UK = frozenset("іїєґ")
_ONLY_RU = frozenset("ыэъё")
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
_NONSTANDARD = frozenset({"Dist", "Erro", "Arch", "Slng", "Infr"})
_DISTORTED = frozenset({"Dist", "Erro"})
_PREFERRED_ENDINGS = {
    ("uk", "datv"): ("у", "ю"),
    ("uk", "loct", True): ("ові", "еві", "єві", "ому", "і"),
    ("uk", "loct", False): ("і", "ому"),
}
_PREFERRED_TAGS = {
    "person": ("Surn", "Name", "Patr", "anim"),
    "place": ("Geox", "inan"),
    "": ("Geox", "Orgn", "NOUN"),
}


@lru_cache(maxsize=4)
def analyzer(lang: str) -> Any:
    """The pymorphy3 analyzer for ``lang`` (loaded once); ``ConfigError`` when it is missing."""
    if lang not in LANGUAGES:
        raise ConfigError(f"pymorphy3 inflects only {', '.join(LANGUAGES)}, not {lang!r}")
    try:
        import pymorphy3
    except ImportError as err:
        raise ConfigError("pymorphy3 is not installed: pip install pymorphy3 "
                          "pymorphy3-dicts-uk pymorphy3-dicts-ru, or write the forms out") from err
    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ValueError, OSError) as err:
        raise ConfigError(f"the pymorphy3 dictionary for {lang} is missing "
                          f"(pip install pymorphy3-dicts-{lang}): {err}") from err


def available(lang: str) -> bool:
    """Whether pymorphy3 and its dictionary for ``lang`` can be loaded here."""
    try:
        analyzer(lang)
    except ConfigError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class _Reading:
    lemma: str
    forms: dict[str, list[str]]  # grammeme → standard forms, house choice first
    distorted: dict[str, list[str]]


def case_forms(phrase: str, lang: str, kind: str = "") -> dict[str, str]:
    """The house form of ``phrase`` in each case (nom gen dat acc ins loc)."""
    return {case: forms[0] for case, forms in case_variants(phrase, lang, kind).items()}


def case_variants(phrase: str, lang: str, kind: str = "") -> dict[str, list[str]]:
    """Every standard form of ``phrase`` in each case, the house form first."""
    words = phrase.split()
    per_word = [_word_forms(word, lang, kind) for word in words]
    result: dict[str, list[str]] = {}
    for case, grammeme in GRAMMEMES.items():
        options = [forms.get(grammeme) or [word] for word, forms in zip(words, per_word,
                                                                        strict=True)]
        first = " ".join(o[0] for o in options)
        variants = [first]
        for index, choices in enumerate(options):  # one word varied at a time is enough here
            for choice in choices[1:]:
                alt = [o[0] for o in options]
                alt[index] = choice
                variants.append(" ".join(alt))
        result[case] = list(dict.fromkeys(variants))
    return result


def distorted_forms(phrase: str, lang: str, kind: str = "") -> dict[str, list[str]]:
    """Forms pymorphy3 knows as distorted or erroneous ("Київа"), by case, for single words."""
    words = phrase.split()
    if len(words) != 1:
        return {}
    reading = _reading(words[0], lang, kind)
    if reading is None:
        return {}
    inverse = {g: c for c, g in GRAMMEMES.items()}
    return {inverse[g]: [_case_like(words[0], f) for f in forms]
            for g, forms in reading.distorted.items() if g in inverse}


def locative_mistakes(phrase: str, lang: str, kind: str = "") -> list[str]:
    """Forms that are right elsewhere but wrong right after a locative preposition: the dative
    and the vocative where they differ from the locative ("у Києву", "у Києве" → "у Києві")."""
    words = phrase.split()
    if len(words) != 1:
        return []
    reading = _reading(words[0], lang, kind)
    if reading is None:
        return []
    right = {*reading.forms.get("loct", [])[:1], *reading.forms.get("nomn", []),
             *reading.forms.get("accs", [])}
    wrong = [f for g in ("datv", "voct") for f in reading.forms.get(g, []) if f not in right]
    return [_case_like(words[0], f) for f in dict.fromkeys(wrong)]


def verify_forms(forms: dict[str, str], lemma: str, lang: str, kind: str = "") -> list[str]:
    """Written-out forms that pymorphy3 does not know for their case, as messages; without a
    ``kind`` any reading counts."""
    variants: dict[str, list[str]] = {}
    for reading in (kind,) if kind else KINDS:
        for case, options in case_variants(lemma, lang, reading).items():
            known = variants.setdefault(case, [])
            known.extend(f for f in options if f not in known)
    problems = []
    for case, form in forms.items():
        known = variants.get(case, [])
        if known and form not in known:
            problems.append(f"{lang} {case} {form!r}: pymorphy3 has {' / '.join(known)}")
    return problems


def spelling_language(word: str, default: str) -> str:
    """uk or ru when ``word`` has letters only that language writes (ї, ы), else ``default``."""
    lowered = word.lower()
    if any(ch in _ONLY_UK for ch in lowered):
        return "uk"
    if any(ch in _ONLY_RU for ch in lowered):
        return "ru"
    return default


@lru_cache(maxsize=65536)
def is_person_name(word: str, lang: str) -> bool:
    """Whether pymorphy3 reads ``word`` as a first name, surname or patronymic, or does not
    know it at all (a foreign name: "Гайлз"). Place names are left out: they have exonyms
    ("Германия" is "Німеччина")."""
    morph = analyzer(lang)
    if not morph.word_is_known(word.lower()):
        return True
    return any(_grammemes(parse.tag) & _NAME_GRAMMEMES for parse in morph.parse(word))


@lru_cache(maxsize=65536)
def lemmas(word: str, lang: str) -> frozenset[str]:
    """The dictionary forms ``word`` may come from ("двох" → {"два"})."""
    if lang not in LANGUAGES:
        return frozenset({word.lower()})
    return frozenset(parse.normal_form for parse in analyzer(lang).parse(word))


def _word_forms(word: str, lang: str, kind: str) -> dict[str, list[str]]:
    reading = _reading(word, lang, kind)
    if reading is None:
        return {}
    return {g: [_case_like(word, f) for f in forms] for g, forms in reading.forms.items()}


@lru_cache(maxsize=4096)
def _reading(word: str, lang: str, kind: str) -> _Reading | None:
    if kind not in KINDS:
        raise ConfigError(f"unknown glossary kind {kind!r} (use one of: person, place)")
    parse = _best_parse(word, lang, kind)
    if parse is None:
        return None
    animate = "anim" in _grammemes(parse.tag) or kind == "person"
    forms: dict[str, list[str]] = {}
    distorted: dict[str, list[str]] = {}
    for form in parse.lexeme:
        tag = form.tag
        if tag.number == "plur" or tag.case is None or _other_gender(tag, parse.tag):
            continue
        grammemes = _grammemes(tag)
        if grammemes & _DISTORTED:
            distorted.setdefault(tag.case, []).append(form.word)
        elif not grammemes & _NONSTANDARD:
            forms.setdefault(tag.case, []).append(form.word)
    if animate and parse.tag.gender == "masc" and "gent" in forms:
        forms["accs"] = list(forms["gent"])
    for grammeme, options in forms.items():
        forms[grammeme] = _ordered(options, lang, grammeme, animate)
    return _Reading(parse.normal_form, forms, distorted)


def _best_parse(word: str, lang: str, kind: str) -> Any:
    candidates = [p for p in analyzer(lang).parse(word)
                  if p.tag.case == "nomn" and p.tag.number != "plur"
                  and p.tag.POS in ("NOUN", "ADJF")]
    if kind == "place":
        candidates = [p for p in candidates if "anim" not in _grammemes(p.tag)] or candidates
    if not candidates:
        return None
    prefs = _PREFERRED_TAGS[kind]

    def rank(parse: Any) -> tuple[int, int, float]:
        grammemes = _grammemes(parse.tag)
        hits = [i for i, grammeme in enumerate(prefs) if grammeme in grammemes]
        return (min(hits, default=len(prefs)), parse.tag.POS != "NOUN", -parse.score)

    return min(candidates, key=rank)


def _grammemes(tag: Any) -> set[str]:
    return set(str(tag).replace(" ", ",").split(","))


def _other_gender(tag: Any, base: Any) -> bool:
    """A form of another gender in the same lexeme (adjectives, surnames: "Зеленская")."""
    return tag.gender is not None and base.gender is not None and tag.gender != base.gender


def _ordered(options: list[str], lang: str, grammeme: str, animate: bool) -> list[str]:
    unique = list(dict.fromkeys(options))
    endings = _PREFERRED_ENDINGS.get((lang, grammeme, animate)) or _PREFERRED_ENDINGS.get(
        (lang, grammeme), ())
    for ending in endings:
        hit = next((f for f in unique if f.endswith(ending)), None)
        if hit is not None:
            return [hit, *(f for f in unique if f != hit)]
    return unique


def _case_like(model: str, word: str) -> str:
    """``word`` with the capitals of ``model``: "київ" like "Київ" → "Київ"."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        # keep inner capitals of compound names ("Івано-Франківськ")
        parts = word.split("-")
        models = model.split("-")
        if len(parts) == len(models) > 1:
            return "-".join(_case_like(m, p) for m, p in zip(models, parts, strict=True))
        return word[:1].upper() + word[1:]
    return word
