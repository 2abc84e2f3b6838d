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

from collections.abc import Sequence

from presswatch.enrich.ner import NamedSpan
from presswatch.enrich.ner_context import (
    CLOSE_QUOTES,
    COMMON_POS,
    INITIAL_GAP,
    NAME_TAGS,
    OPEN_QUOTES,
    PREP_CASES,
    RuleContext,
    cues,
    top_tags,
)
from presswatch.enrich.ner_phrases import (
    NOT_A_NAME,
    adjective_phrase,
    genitive_tail,
    quote_after,
    quoted_name,
    quoted_tail,
)
from presswatch.enrich.ner_uk import (
    common_word,
    elided_place,
    is_roman,
    person_split,
    possessive_person,
    shouted_run,
    uk_span,
)
from presswatch.enrich.textforms import Token, lemma_tags, normalize, stem_form

__all__ = ["rule_spans"]

def rule_spans(text: str, tokens: Sequence[Token], language: str,
               taken: Sequence[tuple[int, int]] = (), *, strict: bool = False) -> list[NamedSpan]:
    """Names found by the rules in the tokens that no span in ``taken`` covers; ``strict``
    (a model found the names) keeps to the cue rules: legal forms, head words, titles."""
    if not tokens:
        return []
    free = _free_tokens(tokens, taken)
    ctx = RuleContext(text, tokens, language, cues(language), free, strict)
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        quoted = _quoted(ctx, i) if free[i] else None
        if quoted is not None:
            spans.append(quoted)
            i = quoted[1] + 1
            continue
        if not free[i] or not _starts_name(ctx, i) or _common_opening(ctx, i):
            i += 1
            continue
        end = _chunk_end(ctx, i)
        if ctx.language == "uk" and (is_roman(ctx.word(i)) or shouted_run(ctx, i, end)):
            i = end + 1
            continue
        if ctx.language == "uk" and not ctx.strict:
            end = person_split(ctx, i, end)
            if set(ctx.lemmas(i)) & ctx.cues.title_heads:
                i = end + 1  # Кубка України, День Конституції: a title, no name
                continue
        found = _classify(ctx, i, end)
        if found is None or found[2] == NOT_A_NAME:
            i = end + 1
            continue
        if found[0] > i:
            before = _classify(ctx, i, found[0] - 1)
            if before is not None and before[1] < found[0] and before[2] != NOT_A_NAME:
                spans.append(before)
        spans.append(found)
        i = found[1] + 1
    spans += _propagate(ctx, spans)
    return sorted((NamedSpan(tokens[a].start, _end_char(ctx, a, b), t) for a, b, t in spans),
                  key=lambda s: s.start)


def _quoted(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    if ctx.language == "uk" and not ctx.strict:
        return uk_span(ctx, i) or quoted_name(ctx, i)
    return quoted_name(ctx, i) if ctx.language in ("uk", "ru") else None


_SETTLEMENTS = frozenset({"село", "селище", "смт", "місто", "містечко", "хутір", "станція"})
_SECOND_PARTICLES = frozenset({"der", "den", "dem", "дер"})
_DE_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "ität", "ismus", "nis", "tum", "ik",
                     "ie", "ur", "enz", "anz", "ment", "age", "chen", "lein", "ling", "ei", "in",
                     "sch", "ungen", "ien", "ionen", "äten", "uren", "isse", "ss", "gebiet",
                     "bereich", "zeit", "weise", "art", "heiten", "keiten", "schaften",
                     "iken", "ismen")


def _free_tokens(tokens: Sequence[Token], taken: Sequence[tuple[int, int]]) -> list[bool]:
    """Per token: no span of ``taken`` overlaps it (one sweep over both, in order)."""
    spans = sorted(taken)
    free, k = [], 0
    for token in tokens:
        while k < len(spans) and spans[k][1] <= token.start:
            k += 1
        free.append(not any(s < token.end and token.start < e for s, e in spans[k:k + 3]))
    return free


def _end_char(ctx: RuleContext, first: int, last: int) -> int:
    """The span's end, through a closing quote whose opening quote is inside the span."""
    end = ctx.tokens[last].end
    if normalize(ctx.word(last)) in ctx.cues.loc_marks and ctx.text.startswith(".", end):
        return end + 1  # Рівненська обл.
    rest = ctx.text[end:end + 2].lstrip(" ")
    inside = ctx.text[ctx.tokens[first].start:end]
    if rest[:1] and rest[:1] in CLOSE_QUOTES and any(q in inside for q in OPEN_QUOTES):
        return ctx.text.index(rest[0], end) + 1
    return end


def _starts_name(ctx: RuleContext, i: int) -> bool:
    word = ctx.word(i)
    return (word[:1].isupper() and not word.isdigit()
            and normalize(word) not in ctx.cues.stopwords)


def _common_opening(ctx: RuleContext, i: int) -> bool:
    """A sentence's first word that is an everyday word (Пізніше, Вчора), not a name."""
    if ctx.language not in ("uk", "ru") or not ctx.initial(i):
        return False
    tags, known = top_tags(ctx.word(i), ctx.language)
    if ctx.language == "uk" and _common_uk_opening(ctx, i, tags):
        return True  # Далі, Галасом: a sentence opens with a word the dictionary knows
    if tags & (NAME_TAGS | {"Geox", "Orgn", "Abbr"}):
        return False
    following = i + 1 < len(ctx.tokens) and ctx.gap(i + 1) == " " and _starts_name(ctx, i + 1)
    if known and following and "NOUN" in tags and not (
            ctx.language == "uk" and ctx.tags(i) & NAME_TAGS):
        return True  # Тато Еріка, Автомобіля Захара: a common noun opens the sentence
    if "ADJF" in tags and i + 1 < len(ctx.tokens):
        return bool(lemma_tags(ctx.word(i + 1), ctx.language) & NAME_TAGS)
    return bool(tags & COMMON_POS)


def _common_uk_opening(ctx: RuleContext, i: int, tags: frozenset[str]) -> bool:
    if ctx.word(i + 1)[:1].isupper() or "ADJF" in tags or _is_acronym(ctx.word(i)):
        return False
    heads = ctx.cues.org_heads | ctx.cues.loc_heads
    return not set(ctx.lemmas(i)) & heads and common_word(ctx.word(i))


def _chunk_end(ctx: RuleContext, i: int) -> int:
    """Last token of the capitalized run starting at i."""
    end = i
    while end + 1 < len(ctx.tokens):
        nxt, gap = end + 1, ctx.gap(end + 1)
        if not ctx.free[nxt]:
            return nxt if _known_surname(ctx, end, nxt) else end
        initial_dot = len(ctx.word(end)) == 1 and INITIAL_GAP.match(gap)
        if not (gap in (" ", "-", "'", "’") or initial_dot):
            break
        word = ctx.word(nxt)
        if word[:1].isupper() and not word.isdigit():
            end = nxt
        elif normalize(word) in ctx.cues.particles and _particles_then_name(ctx, nxt):
            end = _particles_then_name(ctx, nxt)
        else:
            break
    return end


def _known_surname(ctx: RuleContext, end: int, nxt: int) -> bool:
    """A first name, then a surname the entity base knows (Олександра Януковича, the son):
    the rule span takes both (uk)."""
    if ctx.language != "uk" or ctx.gap(nxt) != " " or not ctx.word(nxt)[:1].isupper():
        return False
    if nxt + 1 < len(ctx.tokens) and not ctx.free[nxt + 1] and ctx.gap(nxt + 1) == " ":
        return False
    return "Name" in top_tags(ctx.word(end), "uk")[0] and "Surn" in ctx.tags(nxt)


def _particles_then_name(ctx: RuleContext, i: int) -> int:
    """The capitalized word after one or two name particles at i (von der Leyen), or 0."""
    for j in (i + 1, i + 2):
        if j >= len(ctx.tokens) or ctx.gap(j) != " ":
            return 0
        if ctx.word(j)[:1].isupper():
            return j
        if normalize(ctx.word(j)) not in ctx.cues.particles | _SECOND_PARTICLES:
            return 0
    return 0


def _classify(ctx: RuleContext, a: int, b: int) -> tuple[int, int, str] | None:
    """(first, last, type) for the run a..b, possibly widened, or None."""
    rules = (_org_rule, _title_rule, _place_rule, _person_rule, _fallback_rule)
    if ctx.language in ("de", "en"):
        rules = (_title_rule, _org_rule, *rules[2:])
    if ctx.strict:
        rules = rules[:2]
    elif ctx.language == "uk":
        rules = (_org_rule, possessive_person, adjective_phrase, elided_place, _title_rule,
                 *rules[2:])
    elif ctx.language == "ru":
        rules = (_org_rule, _title_rule, adjective_phrase, *rules[2:])
    for rule in rules:
        found = rule(ctx, a, b)
        if found is not None:
            return found
    return None


def _is_acronym(word: str) -> bool:
    """НАТО, ЗСУ, SPD; not a Roman numeral (XXI), not a shouted word (ТЕМРЯВА)."""
    letters = [c for c in word if c.isalpha()]
    if not 2 <= len(letters) <= 6 or not all(c.isupper() for c in letters):
        return False
    return not set(word) <= set("IVXLCDM") and not _shouted(word)


def _shouted(word: str) -> bool:
    if len(word) < 5:
        return False
    for language in ("uk", "ru"):
        tags, known = top_tags(word, language)
        if known and "Abbr" not in tags:
            return True
    return False


def _org_rule(ctx: RuleContext, a: int, b: int) -> tuple[int, int, str] | None:
    word = ctx.word(a)
    if word in ctx.cues.org_prefixes:
        return a, quoted_tail(ctx, b), "ORG"
    if (b + 1 < len(ctx.tokens) and ctx.word(b + 1) in ctx.cues.org_prefixes
            and ctx.gap(b + 1) == " "):
        return a, b + 1, "ORG"
    if _is_acronym(word) and b > a and ctx.language == "uk" and "Name" in ctx.tags(a + 1):
        return a, a, "ORG"  # голова ОДА Іван Петренко
    heads = set(ctx.lemmas(a)) & ctx.cues.org_heads
    suffix = ctx.language in ("de", "en") and normalize(ctx.word(b)).endswith(
        ctx.cues.org_suffixes) and b > a
    if heads or suffix:
        if ctx.language in ("uk", "ru"):
            end = genitive_tail(ctx, a, b)
            quoted = quote_after(ctx, end) if not ctx.initial(a) or end > a else end
            return (a, quoted, "ORG") if quoted > a else None  # "Суд" alone is no name
        end = _linked_tail(ctx, b)
        return (a, end, "ORG") if end > a else None
    if _is_acronym(word) and quoted_tail(ctx, b) > b:
        return a, quoted_tail(ctx, b), "ORG"
    if ctx.language == "uk" and _is_acronym(word) and word not in ctx.cues.org_prefixes and (
            not ctx.initial(a) or b > a) and genitive_tail(ctx, a, b) > b:
        return a, genitive_tail(ctx, a, b), "ORG"  # ГУ Нацполіції, УДМС України в … області
    initial_ok = ctx.language == "uk" and not common_word(word)
    if _is_acronym(word) and a == b and (initial_ok or not ctx.initial(a)) or (
            _is_acronym(word) and b > a):
        return a, b, "ORG"
    return None


def _linked_tail(ctx: RuleContext, b: int) -> int:
    """Widen a German/English organisation over "der/of X" (Verband der Automobilindustrie)."""
    links = {"der", "des", "für", "von", "vom", "of", "for"}
    while (b + 2 < len(ctx.tokens) and normalize(ctx.word(b + 1)) in links
           and ctx.word(b + 2)[:1].isupper()
           and ctx.gap(b + 1) == " " and ctx.gap(b + 2) == " "):
        b = _chunk_end(ctx, b + 2)
    return b


def _title_rule(ctx: RuleContext, a: int, b: int) -> tuple[int, int, str] | None:
    for i in range(a, b):
        if (set(ctx.lemmas(i)) | {normalize(ctx.word(i))}) & ctx.cues.titles:
            return i + 1, b, "PER"
    if a == 0 or ctx.gap(a).strip():
        return None
    prev = set(ctx.lemmas(a - 1)) | {normalize(ctx.word(a - 1))}
    if ctx.language == "uk" and set(ctx.lemmas(a)) & (ctx.cues.titles | ctx.cues.org_heads):
        return None  # радник Президента: a title, not a name
    if prev & ctx.cues.titles and not _is_acronym(ctx.word(a)):
        return a, b, "PER"
    return None


def _place_rule(ctx: RuleContext, a: int, b: int) -> tuple[int, int, str] | None:
    if (a > 0 and normalize(ctx.word(a - 1)) in ctx.cues.loc_marks and "." in ctx.gap(a)
            and "\n" not in ctx.gap(a)):
        return a, b, "LOC"  # с. Старі Безрадичі: the place without its mark
    nxt = b + 1
    if nxt < len(ctx.tokens) and ctx.gap(nxt) == " " and not ctx.word(nxt)[:1].isupper():
        if set(ctx.lemmas(nxt)) & ctx.cues.loc_heads:
            return b, nxt, "LOC"
    if a == 0 or ctx.gap(a) != " ":
        return None
    if ctx.language == "uk" and ctx.lower(a - 1) and set(ctx.lemmas(a - 1)) & _SETTLEMENTS and (
            "Name" not in top_tags(ctx.word(a), "uk")[0]):
        return a, b, "LOC"  # станцію Колчино, селі Липники, смт Козин
    prep = normalize(ctx.word(a - 1))
    if prep not in ctx.cues.preps:
        return None
    if ctx.language in ("uk", "ru"):
        return (a, b, "LOC") if _place_case(ctx, prep, b) else None
    last = normalize(ctx.word(b))
    if last.endswith(ctx.cues.loc_suffixes):
        return a, b, "LOC"
    bare = ctx.language == "de" and prep in ("in", "nach", "aus") and not ctx.initial(a - 1)
    if bare and a == b and not last.endswith(_DE_NOUN_SUFFIXES) and last not in ctx.cues.stopwords:
        return a, b, "LOC"  # "in Bochum": a German common noun would take an article
    return None


def _place_case(ctx: RuleContext, prep: str, b: int) -> bool:
    tags = lemma_tags(ctx.word(b), ctx.language)
    if tags & NAME_TAGS and "Geox" not in tags:
        return False
    wanted = PREP_CASES.get(prep, ("gent",))
    if "Geox" in tags:
        return True
    lemma = ctx.lemmas(b)[-1]
    return any(w in tags for w in wanted) and lemma.endswith(ctx.cues.loc_suffixes)


def _person_rule(ctx: RuleContext, a: int, b: int) -> tuple[int, int, str] | None:
    words = range(a, b + 1)
    if ctx.language in ("uk", "ru"):
        tags = [lemma_tags(ctx.word(i), ctx.language) for i in words]
        if any(t & NAME_TAGS and "Geox" not in t for t in tags) and (
                b > a or not ctx.initial(a) or _dictionary_name(ctx, a)):
            return a, b, "PER"
    elif normalize(ctx.word(a)) in ctx.cues.given_names and b > a:
        return a, b, "PER"
    if b > a and len(ctx.word(a)) == 1:
        return a, b, "PER"
    return None


def _dictionary_name(ctx: RuleContext, i: int) -> bool:
    return bool(NAME_TAGS & top_tags(ctx.word(i), ctx.language)[0])


def _fallback_rule(ctx: RuleContext, a: int, b: int) -> tuple[int, int, str] | None:
    if ctx.initial(a) and a == b:
        return None
    if ctx.language == "de":
        return None
    last = ctx.lemmas(b)[-1] if ctx.lemmas(b) else ""
    if last.endswith(ctx.cues.per_suffixes) and (b > a or ctx.language != "en"):
        return a, b, "PER"
    if last.endswith(ctx.cues.loc_suffixes):
        return a, b, "LOC"
    if ctx.language in ("uk", "ru") and _company_word(ctx, a, b):
        return a, b, "ORG"  # Київрада, Сервісбуд-Інвест, Укренерго: company-name formants
    if ctx.language in ("uk", "ru") and a == b and not top_tags(ctx.word(a), ctx.language)[1]:
        return a, b, "PER"  # a capitalized word the dictionary does not know: most often a name
    return (a, b, "ORG") if b > a and ctx.language in ("uk", "ru") else None


def _company_word(ctx: RuleContext, a: int, b: int) -> bool:
    words = [normalize(ctx.word(i)) for i in range(a, b + 1)]
    stems = {stem_form(w, ctx.language) for w in words} | {ctx.lemmas(i)[-1]
                                                           for i in range(a, b + 1)}
    return any(len(s) > 5 and s.endswith(ctx.cues.org_suffixes) for s in stems)


def _propagate(ctx: RuleContext, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
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
