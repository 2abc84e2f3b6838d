"""Rules for names the entity base does not know (uk and de first; en/ru without a model).

A candidate is a run of capitalized words (initials, hyphens and name particles such as
"von", "фон" inside it). Its type comes from cues (``presswatch/data/ner_cues.toml``), in order:
a legal-form prefix or an organisation head word (ТОВ «…», Міністерство …, Universität …)
makes an ORG, extended over the genitive words that follow in uk/ru (Міністерство охорони
здоров'я України); a title before it (генерал X, Präsident X) or pymorphy3's name tags (Name,
Surn, Patr) make a PER; a place preposition with the right case (у Комарові, з Луцька), a
place noun after it (Луцького району), a settlement mark before it (с. Комарів) or a place
suffix make a LOC. A sentence's first word needs a dictionary tag or a cue. Last, a surname
seen in a person's name marks the same word elsewhere in the text as that person.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from presswatch.enrich.ner import NamedSpan
from presswatch.enrich.textforms import Token, lemma_tags, normalize, stem_form, word_forms

__all__ = ["rule_spans"]

CUES_PATH = Path(__file__).resolve().parent.parent / "data" / "ner_cues.toml"
_PREP_CASES = {
    "у": ("loct", "accs"), "в": ("loct", "accs", "loc2"), "во": ("loct", "loc2"),
    "на": ("loct", "accs", "loc2"), "під": ("ablt",), "под": ("ablt",),
}
_NAME_TAGS = {"Name", "Surn", "Patr"}
_COMMON_POS = {"ADVB", "VERB", "INFN", "PREP", "CONJ", "PRCL", "NPRO", "PRED", "NUMR", "GRND",
               "PRTF", "PRTS", "ADJS", "COMP", "INTJ"}
_OPEN_QUOTES = "«„“\""
_CLOSE_QUOTES = "»“”\""
_INITIAL_GAP = re.compile(r"^\s*\.\s*$")


@dataclass(frozen=True, slots=True)
class Cues:
    titles: frozenset[str]
    org_heads: frozenset[str]
    org_prefixes: frozenset[str]
    loc_heads: frozenset[str]
    loc_marks: frozenset[str]
    preps: frozenset[str]
    particles: frozenset[str]
    stopwords: frozenset[str]
    loc_suffixes: tuple[str, ...]
    per_suffixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    given_names: frozenset[str]


@lru_cache(maxsize=8)
def cues(language: str) -> Cues:
    data = tomllib.loads(CUES_PATH.read_text(encoding="utf-8")).get(language, {})
    sets = {name: frozenset(data.get(name, ())) for name in (
        "titles", "org_heads", "org_prefixes", "loc_heads", "loc_marks", "preps", "particles",
        "given_names", "stopwords")}
    tuples = {name: tuple(data.get(name, ())) for name in (
        "loc_suffixes", "per_suffixes", "org_suffixes")}
    return Cues(**sets, **tuples)


@dataclass(slots=True)
class _Context:
    text: str
    tokens: Sequence[Token]
    language: str
    cues: Cues
    free: list[bool]

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        if i <= 0:
            return self.text[: self.tokens[0].start] if self.tokens else ""
        return self.text[self.tokens[i - 1].end:self.tokens[i].start]

    def word(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def lemmas(self, i: int) -> tuple[str, ...]:
        return word_forms(self.word(i), self.language) if 0 <= i < len(self.tokens) else ()

    def initial(self, i: int) -> bool:
        """First word of a sentence, a line or the text (an initial's dot ends nothing)."""
        if i == 0:
            return True
        gap = self.gap(i)
        if "\n" in gap:
            return True
        if any(c in gap for c in ".!?…"):
            previous = self.word(i - 1)
            return not (len(previous) == 1 and previous.isupper())
        return False


def rule_spans(text: str, tokens: Sequence[Token], language: str,
               taken: Sequence[tuple[int, int]] = ()) -> list[NamedSpan]:
    """Names found by the rules in the tokens that no span in ``taken`` covers."""
    if not tokens:
        return []
    free = [not any(s < t.end and t.start < e for s, e in taken) for t in tokens]
    ctx = _Context(text, tokens, language, cues(language), free)
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        if not free[i] or not _starts_name(ctx, i) or _common_opening(ctx, i):
            i += 1
            continue
        end = _chunk_end(ctx, i)
        found = _classify(ctx, i, end)
        if found is None:
            i = end + 1
            continue
        if found[0] > i:
            before = _classify(ctx, i, found[0] - 1)
            if before is not None and before[1] < found[0]:
                spans.append(before)
        spans.append(found)
        i = found[1] + 1
    spans += _propagate(ctx, spans)
    return sorted((NamedSpan(tokens[a].start, _end_char(ctx, b), t) for a, b, t in spans),
                  key=lambda s: s.start)


def _end_char(ctx: _Context, last: int) -> int:
    end = ctx.tokens[last].end
    if ctx.text[end:end + 1] in _CLOSE_QUOTES and ctx.text[end:end + 1] and _opened(ctx, last):
        return end + 1
    return end


def _opened(ctx: _Context, last: int) -> bool:
    start = max(0, ctx.tokens[last].start - 80)
    window = ctx.text[start:ctx.tokens[last].start]
    return any(q in window for q in _OPEN_QUOTES) and not window.rstrip().endswith("»")


def _starts_name(ctx: _Context, i: int) -> bool:
    word = ctx.word(i)
    return (word[:1].isupper() and not word.isdigit()
            and normalize(word) not in ctx.cues.stopwords)


def _common_opening(ctx: _Context, i: int) -> bool:
    """A sentence's first word that is an everyday word (Пізніше, Вчора), not a name."""
    if ctx.language not in ("uk", "ru") or not ctx.initial(i):
        return False
    from presswatch.enrich.textforms import _analyzer

    parse = _analyzer(ctx.language).parse(normalize(ctx.word(i)))[0]
    tags = set(str(parse.tag).replace(" ", ",").split(","))
    if tags & (_NAME_TAGS | {"Geox", "Orgn", "Abbr"}):
        return False
    if "ADJF" in tags and i + 1 < len(ctx.tokens):
        return bool(lemma_tags(ctx.word(i + 1), ctx.language) & _NAME_TAGS)
    return bool(tags & _COMMON_POS)


def _chunk_end(ctx: _Context, i: int) -> int:
    """Last token of the capitalized run starting at i."""
    end = i
    while end + 1 < len(ctx.tokens) and ctx.free[end + 1]:
        nxt, gap = end + 1, ctx.gap(end + 1)
        initial_dot = len(ctx.word(end)) == 1 and _INITIAL_GAP.match(gap)
        if not (gap in (" ", "-", "'", "’") or initial_dot):
            break
        word = ctx.word(nxt)
        if word[:1].isupper() and not word.isdigit():
            end = nxt
        elif (normalize(word) in ctx.cues.particles and nxt + 1 < len(ctx.tokens)
              and ctx.word(nxt + 1)[:1].isupper() and ctx.gap(nxt + 1) == " "):
            end = nxt + 1
        else:
            break
    return end


def _classify(ctx: _Context, a: int, b: int) -> tuple[int, int, str] | None:
    """(first, last, type) for the run a..b, possibly widened, or None."""
    for rule in (_org_rule, _title_rule, _place_rule, _person_rule, _fallback_rule):
        found = rule(ctx, a, b)
        if found is not None:
            return found
    return None


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(word) <= 8


def _org_rule(ctx: _Context, a: int, b: int) -> tuple[int, int, str] | None:
    word = ctx.word(a)
    if word in ctx.cues.org_prefixes:
        return a, _org_tail(ctx, b), "ORG"
    if b + 1 < len(ctx.tokens) and ctx.word(b + 1) in ctx.cues.org_prefixes:
        return a, b + 1, "ORG"
    heads = set(ctx.lemmas(a)) & ctx.cues.org_heads
    suffix = ctx.language in ("de", "en") and normalize(ctx.word(b)).endswith(
        ctx.cues.org_suffixes) and (b > a or ctx.language == "de")
    if heads or suffix:
        if ctx.language in ("uk", "ru"):
            return a, _genitive_tail(ctx, a, b), "ORG"
        if b > a or not ctx.initial(a):
            return a, _linked_tail(ctx, b), "ORG"
        return None
    if _is_acronym(word) and a == b and not ctx.initial(a) or (_is_acronym(word) and b > a):
        return a, b, "ORG"
    return None


def _org_tail(ctx: _Context, b: int) -> int:
    """Through a quoted name after a legal form: ТОВ «Поділля – Інвест Сіті»."""
    if b + 1 < len(ctx.tokens) and any(q in ctx.gap(b + 1) for q in _OPEN_QUOTES):
        for j in range(b + 1, min(b + 9, len(ctx.tokens))):
            if j + 1 >= len(ctx.tokens) or any(q in ctx.gap(j + 1) for q in _CLOSE_QUOTES):
                return j
    return b


def _linked_tail(ctx: _Context, b: int) -> int:
    """Widen a German/English organisation over "der/of X" (Verband der Automobilindustrie)."""
    links = {"der", "des", "für", "von", "vom", "of", "for"}
    while (b + 2 < len(ctx.tokens) and normalize(ctx.word(b + 1)) in links
           and ctx.word(b + 2)[:1].isupper()
           and ctx.gap(b + 1) == " " and ctx.gap(b + 2) == " "):
        b = _chunk_end(ctx, b + 2)
    return b


def _genitive_tail(ctx: _Context, a: int, b: int) -> int:
    """Widen an organisation over the genitive words after it (оборони України)."""
    end = b
    j = b + 1
    while j < len(ctx.tokens) and j - a < 12 and ctx.gap(j).strip(" -") == "":
        tags = lemma_tags(ctx.word(j), ctx.language)
        if normalize(ctx.word(j)) in ("та", "і", "й", "и") and j + 1 < len(ctx.tokens):
            if "gent" not in lemma_tags(ctx.word(j + 1), ctx.language):
                break
        elif "gent" not in tags and not ctx.word(j)[:1].isupper():
            break
        elif "gent" not in tags:
            break
        else:
            end = j
        j += 1
    return end


def _title_rule(ctx: _Context, a: int, b: int) -> tuple[int, int, str] | None:
    for i in range(a, b):
        if (set(ctx.lemmas(i)) | {normalize(ctx.word(i))}) & ctx.cues.titles:
            return i + 1, b, "PER"
    if a == 0 or ctx.gap(a).strip():
        return None
    prev = set(ctx.lemmas(a - 1)) | {normalize(ctx.word(a - 1))}
    if prev & ctx.cues.titles and not _is_acronym(ctx.word(a)):
        return a, b, "PER"
    return None


def _place_rule(ctx: _Context, a: int, b: int) -> tuple[int, int, str] | None:
    if a > 0 and normalize(ctx.word(a - 1)) in ctx.cues.loc_marks and "." in ctx.gap(a):
        return a - 1, a, "LOC"
    nxt = b + 1
    if nxt < len(ctx.tokens) and ctx.gap(nxt) == " " and not ctx.word(nxt)[:1].isupper():
        if set(ctx.lemmas(nxt)) & ctx.cues.loc_heads:
            return b, nxt, "LOC"
    if a == 0 or ctx.gap(a) != " ":
        return None
    prep = normalize(ctx.word(a - 1))
    if prep not in ctx.cues.preps:
        return None
    if ctx.language in ("uk", "ru"):
        return (a, b, "LOC") if _place_case(ctx, prep, b) else None
    last = normalize(ctx.word(b))
    return (a, b, "LOC") if last.endswith(ctx.cues.loc_suffixes) else None


def _place_case(ctx: _Context, prep: str, b: int) -> bool:
    tags = lemma_tags(ctx.word(b), ctx.language)
    if tags & _NAME_TAGS and "Geox" not in tags:
        return False
    wanted = _PREP_CASES.get(prep, ("gent",))
    if "Geox" in tags:
        return True
    lemma = ctx.lemmas(b)[-1]
    return any(w in tags for w in wanted) and lemma.endswith(ctx.cues.loc_suffixes)


def _person_rule(ctx: _Context, a: int, b: int) -> tuple[int, int, str] | None:
    words = range(a, b + 1)
    if ctx.language in ("uk", "ru"):
        tags = [lemma_tags(ctx.word(i), ctx.language) for i in words]
        if any(t & _NAME_TAGS and "Geox" not in t for t in tags) and (
                b > a or not ctx.initial(a) or _dictionary_name(ctx, a)):
            return a, b, "PER"
    elif normalize(ctx.word(a)) in ctx.cues.given_names and b > a:
        return a, b, "PER"
    if b > a and len(ctx.word(a)) == 1:
        return a, b, "PER"
    return None


def _dictionary_name(ctx: _Context, i: int) -> bool:
    from presswatch.enrich.textforms import _analyzer

    parse = _analyzer(ctx.language).parse(normalize(ctx.word(i)))[0]
    return bool(_NAME_TAGS & set(str(parse.tag).replace(" ", ",").split(",")))


def _fallback_rule(ctx: _Context, a: int, b: int) -> tuple[int, int, str] | None:
    if ctx.initial(a) and a == b:
        return None
    if ctx.language == "de":
        return None
    last = ctx.lemmas(b)[-1] if ctx.lemmas(b) else ""
    if last.endswith(ctx.cues.per_suffixes) and (b > a or ctx.language != "en"):
        return a, b, "PER"
    if last.endswith(ctx.cues.loc_suffixes):
        return a, b, "LOC"
    return (a, b, "ORG") if b > a and ctx.language in ("uk", "ru") else None


def _propagate(ctx: _Context, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's surname elsewhere in the text is that person (Шевченко … Шевченка)."""
    surnames = {stem_form(ctx.word(b), ctx.language) for a, b, t in spans if t == "PER"}
    surnames = {s for s in surnames if len(s) >= 4}
    used = {i for a, b, _ in spans for i in range(a, b + 1)}
    extra = []
    for i, token in enumerate(ctx.tokens):
        if i in used or not ctx.free[i] or not token.text[:1].isupper():
            continue
        if stem_form(token.text, ctx.language) in surnames:
            extra.append((i, i, "PER"))
    return extra
