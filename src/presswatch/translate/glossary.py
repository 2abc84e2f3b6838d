"""The house glossary: one spelling per term and language, with its case forms.

``Glossary.apply(text, lang)`` replaces every wrong form of a term in a text of that language
with the house form of the same case ("Харькова" → "Харкова", "в Києве" → "в Києві",
"Vladimir Zelensky" → "Volodymyr Zelenskyy"); ``violations`` lists the same findings with
their spans, for checks and the desk. ``inject_terms(text, source, target)`` writes the
target's forms into a source text before a rule-based engine copies them through.

The file format is described at the top of ``presswatch/data/glossary.toml``. A uk or ru entry
may give its ``lemma`` alone (with ``kind = "person"`` or ``"place"``): pymorphy3 then writes its
case forms, the case forms of its ``wrong_lemmas`` and the dative/vocative forms that are wrong
after a locative preposition (see ``presswatch.translate.morph``); forms written out win.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from presswatch.errors import ConfigError
from presswatch.translate import morph

CASES = ("nom", "gen", "dat", "acc", "ins", "loc")


class Violation(NamedTuple):
    """A wrong form found in a text: its (start, end) span, the text there and the house form."""

    span: tuple[int, int]
    wrong: str
    right: str


@dataclass(frozen=True, slots=True)
class TermLanguage:
    """One term in one language: house forms and the wrong forms that stand for each case."""

    forms: dict[str, str]
    wrong: dict[str, tuple[str, ...]]
    wrong_locative: tuple[str, ...] = ()
    kind: str = ""
    # Written by pymorphy3 from a lemma: dropped where they clash with a house form.
    generated_wrong: dict[str, tuple[str, ...]] = field(default_factory=dict)
    generated_locative: tuple[str, ...] = ()

    def form(self, case: str = "nom") -> str:
        return self.forms.get(case, self.forms["nom"])


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    languages: dict[str, TermLanguage]

    def house_form(self, lang: str, case: str = "nom") -> str | None:
        entry = self.languages.get(lang)
        return entry.form(case) if entry else None


class _Replacer:
    """Finds whole-word occurrences of a mapping's keys (and their capitals) in a text."""

    def __init__(self, mapping: dict[str, str], prepositions: tuple[str, ...] = ()) -> None:
        self._mapping = dict(mapping)
        self._upper = {key.upper(): key for key in mapping}
        keys = sorted({*mapping, *self._upper}, key=lambda k: (-len(k), k))
        words = "|".join(r"\s+".join(map(re.escape, key.split())) for key in keys)
        prefix = ""
        if prepositions:
            preps = "|".join(map(re.escape, sorted(prepositions, key=len, reverse=True)))
            prefix = rf"(?<!\w)(?i:{preps})\s+"
        self._pattern = re.compile(rf"{prefix}(?<!\w)(?P<word>{words})(?!\w)") if keys else None

    def find(self, text: str) -> list[Violation]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            wrong = match.group("word")
            key = " ".join(wrong.split())
            if key in self._mapping:
                right = self._mapping[key]
            else:
                right = self._mapping[self._upper[key]].upper()
            right = _keep_spacing(wrong, right)
            if right != wrong:
                found.append(Violation(match.span("word"), wrong, right))
        return found


def _keep_spacing(wrong: str, right: str) -> str:
    """``right`` with the spaces or line breaks that separate the words of ``wrong``."""
    gaps = re.findall(r"\s+", wrong)
    words = right.split()
    if len(gaps) != len(words) - 1:
        return right
    return "".join(word + gap for word, gap in zip(words, [*gaps, ""], strict=True))


def _merge(first: list[Violation], second: list[Violation]) -> list[Violation]:
    """Both lists in text order; where spans overlap, the one from ``first`` wins."""
    taken = [v.span for v in first]
    kept = list(first)
    for v in second:
        if all(v.span[1] <= a or v.span[0] >= b for a, b in taken):
            kept.append(v)
    return sorted(kept, key=lambda v: v.span)


def _replace(text: str, found: list[Violation]) -> str:
    parts = []
    pos = 0
    for (start, end), _wrong, right in found:
        parts.append(text[pos:start])
        parts.append(right)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


class Glossary:
    """House terms in every language; build with ``Glossary.load()``."""

    def __init__(self, terms: list[Term], locative: dict[str, tuple[str, ...]]) -> None:
        self.terms = tuple(terms)
        self.locative = dict(locative)
        self._checks: dict[str, tuple[_Replacer, _Replacer]] = {}
        self._injectors: dict[tuple[str, str], _Replacer] = {}
        for lang in {lang for term in self.terms for lang in term.languages}:
            self._replacers(lang)  # validates the wrong forms of every language now

    @classmethod
    def load(cls, path: Path | None = None) -> Glossary:
        """The glossary in ``path``, or the built-in one; ``ConfigError`` when it is invalid."""
        try:
            if path is None:
                raw = resources.files("presswatch").joinpath("data/glossary.toml").read_text(
                    encoding="utf-8")
            else:
                raw = Path(path).read_text(encoding="utf-8")
            data = tomllib.loads(raw)
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"cannot read the glossary {path or 'built-in'}: {err}") from err
        where = str(path or "built-in glossary")
        return cls(_parse_terms(data, where), _parse_locative(data, where))

    def term(self, term_id: str) -> Term | None:
        return next((t for t in self.terms if t.id == term_id), None)

    def form_problems(self) -> list[str]:
        """House forms of uk/ru terms that pymorphy3 does not know for their case, as
        "term: lang case 'form': pymorphy3 has ..." messages (a glossary lint)."""
        problems = []
        for term in self.terms:
            for lang, entry in term.languages.items():
                if lang in morph.LANGUAGES:
                    problems.extend(f"{term.id}: {problem}" for problem in morph.verify_forms(
                        entry.forms, entry.forms["nom"], lang, entry.kind))
        return problems

    def violations(self, text: str, lang: str) -> list[Violation]:
        """Wrong forms of house terms in ``text`` (a text in ``lang``), in text order."""
        locative, plain = self._replacers(lang)
        return _merge(locative.find(text), plain.find(text))

    def apply(self, text: str, lang: str) -> str:
        """``text`` with every wrong form replaced by the house form of the same case."""
        return _replace(text, self.violations(text, lang))

    def inject_terms(self, text: str, source: str, target: str) -> str:
        """A ``source`` text with each term's forms replaced by the ``target`` form of the same
        case ("в Харькове" → "в Харкові" for ru→uk), for engines that copy unknown words."""
        key = (source, target)
        if key not in self._injectors:
            self._injectors[key] = _Replacer(self._injection_map(source, target))
        return _replace(text, self._injectors[key].find(text))

    def _injection_map(self, source: str, target: str) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for term in self.terms:
            src, dst = term.languages.get(source), term.languages.get(target)
            if src is None or dst is None:
                continue
            for case in CASES:
                seen = [src.forms[case]] if case in src.forms else []
                for form in [*seen, *src.wrong.get(case, ())]:
                    mapping.setdefault(form, dst.form(case))
        return mapping

    def _replacers(self, lang: str) -> tuple[_Replacer, _Replacer]:
        if lang not in self._checks:
            plain, locative = _wrong_maps(self.terms, lang)
            self._checks[lang] = (
                _Replacer(locative, self.locative.get(lang, ())) if locative else _Replacer({}),
                _Replacer(plain),
            )
        return self._checks[lang]


def _wrong_maps(terms: tuple[Term, ...], lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """wrong form → house form, plain and after a locative preposition; checked for clashes."""
    house = {
        form for t in terms if lang in t.languages for form in t.languages[lang].forms.values()
    }
    plain: dict[str, str] = {}
    locative: dict[str, str] = {}
    for term in terms:
        entry = term.languages.get(lang)
        if entry is None:
            continue
        for case, forms in entry.wrong.items():
            for wrong in forms:
                if wrong in house:
                    raise ConfigError(f"glossary term {term.id}: {lang} wrong form {wrong!r} "
                                      "is also a house form")
                _add(plain, wrong, entry.forms[case], term.id, lang)
        for wrong in entry.wrong_locative:
            _add(locative, wrong, entry.forms["loc"], term.id, lang)
    _add_generated(terms, lang, house, plain, locative)
    return plain, locative


def _add_generated(
    terms: tuple[Term, ...], lang: str, house: set[str], plain: dict[str, str],
    locative: dict[str, str],
) -> None:
    """Forms pymorphy3 wrote never override a written wrong form or a house form."""
    for term in terms:
        entry = term.languages.get(lang)
        if entry is None:
            continue
        for case, forms in entry.generated_wrong.items():
            for wrong in forms:
                if wrong not in house and wrong not in plain:
                    plain[wrong] = entry.forms[case]
        for wrong in entry.generated_locative:
            if "loc" in entry.forms and wrong not in locative:
                locative[wrong] = entry.forms["loc"]


def _add(mapping: dict[str, str], wrong: str, right: str, term_id: str, lang: str) -> None:
    if mapping.get(wrong, right) != right:
        raise ConfigError(f"glossary term {term_id}: {lang} form {wrong!r} maps to both "
                          f"{mapping[wrong]!r} and {right!r}")
    mapping[wrong] = right


def _parse_locative(data: dict[str, Any], where: str) -> dict[str, tuple[str, ...]]:
    raw = data.get("locative", {})
    if not isinstance(raw, dict) or not all(
        isinstance(v, list) and all(isinstance(p, str) for p in v) for v in raw.values()
    ):
        raise ConfigError(f"{where}: [locative] must map a language to a list of prepositions")
    return {lang: tuple(preps) for lang, preps in raw.items()}


def _parse_terms(data: dict[str, Any], where: str) -> list[Term]:
    terms: list[Term] = []
    for raw in data.get("term", []):
        term_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(term_id, str) or not term_id:
            raise ConfigError(f"{where}: every [[term]] needs an id")
        if any(t.id == term_id for t in terms):
            raise ConfigError(f"{where}: term {term_id} appears twice")
        languages = {
            lang: _parse_language(value, f"{where}: term {term_id}.{lang}", lang)
            for lang, value in raw.items()
            if lang != "id"
        }
        if not languages:
            raise ConfigError(f"{where}: term {term_id} has no language")
        terms.append(Term(term_id, languages))
    return terms


def _parse_language(raw: object, where: str, lang: str = "") -> TermLanguage:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = set(raw) - {"forms", "wrong", "wrong_locative", "lemma", "kind", "wrong_lemmas"}
    if "lemma" in raw or "wrong_lemmas" in raw:
        return _parse_lemma_entry(raw, where, lang, unknown)
    forms = raw.get("forms", {})
    wrong = raw.get("wrong", {})
    locative = raw.get("wrong_locative", [])
    problems = [f"unknown key {k!r}" for k in sorted(unknown)]
    if not isinstance(forms, dict) or not isinstance(forms.get("nom"), str):
        raise ConfigError(f"{where}: forms needs at least nom")
    if not all(c in CASES and isinstance(f, str) and f for c, f in forms.items()):
        problems.append(f"forms must map cases ({', '.join(CASES)}) to text")
    if not isinstance(wrong, dict) or not all(
        c in forms and isinstance(v, list) and all(isinstance(w, str) and w for w in v)
        for c, v in wrong.items()
    ):
        problems.append("wrong must map cases that forms has to lists of text")
    if not isinstance(locative, list) or not all(isinstance(w, str) and w for w in locative):
        problems.append("wrong_locative must be a list of text")
    elif locative and "loc" not in forms:
        problems.append("wrong_locative needs a loc form")
    if problems:
        raise ConfigError(f"{where}: {'; '.join(problems)}")
    return TermLanguage(
        forms=dict(forms),
        wrong={case: tuple(values) for case, values in wrong.items()},
        wrong_locative=tuple(locative),
        kind=_parse_kind(raw.get("kind", ""), where),
    )


def _parse_kind(kind: object, where: str) -> str:
    if kind not in morph.KINDS:
        raise ConfigError(f"{where}: kind must be person or place, not {kind!r}")
    return str(kind)


def _parse_lemma_entry(
    raw: dict[str, Any], where: str, lang: str, unknown: set[str]
) -> TermLanguage:
    """An entry written as a lemma: pymorphy3 writes the case forms (uk, ru); written-out
    ``forms``/``wrong``/``wrong_locative`` are kept and win."""
    lemma = raw.get("lemma") or raw.get("forms", {}).get("nom")
    wrong_lemmas = raw.get("wrong_lemmas", [])
    problems = [f"unknown key {k!r}" for k in sorted(unknown)]
    if not isinstance(lemma, str) or not lemma.strip():
        problems.append("lemma must be text")
    if not isinstance(wrong_lemmas, list) or not all(
            isinstance(w, str) and w.strip() for w in wrong_lemmas):
        problems.append("wrong_lemmas must be a list of text")
    if problems:
        raise ConfigError(f"{where}: {'; '.join(problems)}")
    kind = _parse_kind(raw.get("kind", ""), where)
    forms: dict[str, str] = {"nom": lemma}
    generated: dict[str, tuple[str, ...]] = {"nom": tuple(wrong_lemmas)} if wrong_lemmas else {}
    locative: list[str] = []
    if lang in morph.LANGUAGES:
        try:
            forms = morph.case_forms(lemma, lang, kind)
            generated = _generated_wrong(lemma, wrong_lemmas, lang, kind)
            other = next(code for code in morph.LANGUAGES if code != lang)
            locative = [*morph.locative_mistakes(lemma, lang, kind), *(
                f for w in wrong_lemmas
                for f in morph.locative_mistakes(w, morph.spelling_language(w, other), kind))]
        except ConfigError as err:
            raise ConfigError(f"{where}: {err}") from err
    written = _parse_language(
        {"forms": {**forms, **raw.get("forms", {})},
         **{k: raw[k] for k in ("wrong", "wrong_locative") if k in raw}}, where, lang)
    return TermLanguage(written.forms, written.wrong, written.wrong_locative, kind, generated,
                        tuple(dict.fromkeys(locative)))


def _generated_wrong(
    lemma: str, wrong_lemmas: list[str], lang: str, kind: str
) -> dict[str, tuple[str, ...]]:
    """pymorphy3's distorted forms of the lemma ("Київа") and the case forms of each wrong
    lemma, declined as the language its letters belong to; a wrong spelling without letters
    of either is declined as the other language (in a Ukrainian text, "Киев" is Russian)."""
    found: dict[str, list[str]] = {}
    for case, forms in morph.distorted_forms(lemma, lang, kind).items():
        found.setdefault(case, []).extend(forms)
    other = next(code for code in morph.LANGUAGES if code != lang)
    seen: set[str] = set()
    for wrong in wrong_lemmas:
        reader = morph.spelling_language(wrong, other)
        for case, variants in morph.case_variants(wrong, reader, kind).items():
            fresh = [form for form in variants if form not in seen]
            found.setdefault(case, []).extend(fresh)
            seen.update(fresh)
    return {case: tuple(dict.fromkeys(forms)) for case, forms in found.items()}
