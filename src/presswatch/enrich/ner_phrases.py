"""Phrase rules for Ukrainian and Russian names: adjective + head noun, genitive chains.

- A capitalized adjective, any lowercase adjectives, then a head noun: a place head makes a
  LOC (Козельщинського району, Російської імперії), an organisation head an ORG (Одеську
  рисувальну школу, Волинська регіональна державна лабораторія …); with any other noun the
  adjective is no name at all (Українська мова).
- A quoted name after a word for a company, party, outlet, … is an organisation: фірма
  «Луцьксантехмонтаж», партії «УДАР» (the name without its quotes).
- An organisation runs on over the genitive words after it (Міністерство охорони здоров'я
  України), over "імені X" / "ім. С. П. Корольова", and over a quoted name after an acronym
  (СГПП «Рать»).
"""

from __future__ import annotations

from presswatch.enrich.ner_context import CLOSE_QUOTES, NAME_TAGS, OPEN_QUOTES, RuleContext
from presswatch.enrich.textforms import normalize

__all__ = ["NOT_A_NAME", "adjective_phrase", "genitive_tail", "quote_after", "quoted_name",
           "quoted_tail"]

NOT_A_NAME = ""
_AND = ("та", "і", "й", "и")
_NAMED_AFTER = ("ім", "імені", "им", "имени")


def adjective_phrase(ctx: RuleContext, a: int, b: int) -> tuple[int, int, str] | None:
    """(first, last, LOC | ORG | NOT_A_NAME) for «Capitalized-adjective … head», or None."""
    tags = ctx.tags(b)
    if "ADJF" not in tags or NAME_TAGS & tags and b == a and not ctx.lower(b + 1):
        return None
    j = b + 1
    while j < len(ctx.tokens) and j - b <= 4 and ctx.lower(j) and ctx.gap(j) == " ":
        if "NOUN" in ctx.tags(j):
            break
        if "ADJF" not in ctx.tags(j):
            return _shared_head(ctx, a, b, j)
        j += 1
    if j >= len(ctx.tokens) or not ctx.lower(j) or ctx.gap(j) != " ":
        return None
    lemmas = set(ctx.lemmas(j))
    first = b
    while first > a and ctx.gap(first) == "-":
        first -= 1  # Івано-Франківської, Південно-Західній: the whole hyphenated adjective
    if lemmas & ctx.cues.loc_heads:
        return first, j, "LOC"
    if lemmas & ctx.cues.org_heads:
        end = named_after(ctx, genitive_tail(ctx, b, j))
        quoted = quote_after(ctx, end)
        if end == j and a == b and ctx.initial(b) and quoted == end:
            return a, b, NOT_A_NAME  # Приватна фірма …: an ordinary phrase opening a sentence
        return first, quoted, "ORG"
    return (a, b, NOT_A_NAME) if a == b and "NOUN" in ctx.tags(j) else None


def _shared_head(ctx: RuleContext, a: int, b: int, j: int) -> tuple[int, int, str] | None:
    """A lone adjective before «та/і Capitalized-adjective noun» whose noun is no place or
    organisation word: no name (Покровському та Костянтинівському напрямках); None otherwise
    (Київська та Львівська області: the rules type each adjective)."""
    if a != b or normalize(ctx.word(j)) not in _AND or j + 2 >= len(ctx.tokens) or ctx.lower(
            j + 1) or "ADJF" not in ctx.tags(j + 1) or not ctx.lower(j + 2):
        return None
    head = ctx.tags(j + 2)
    if "NOUN" not in head or set(ctx.lemmas(j + 2)) & (ctx.cues.loc_heads | ctx.cues.org_heads):
        return None
    return a, b, NOT_A_NAME


def genitive_tail(ctx: RuleContext, a: int, b: int) -> int:
    """Widen an organisation over the genitive words after it (оборони України)."""
    end, j = b, b + 1
    while j < len(ctx.tokens) and j - a < 12 and ctx.gap(j).strip(" -") == "":
        word = normalize(ctx.word(j))
        if word in ("м", "с", "смт") and j + 1 < len(ctx.tokens) and ctx.gap(
                j + 1).strip() == "." and ctx.word(j + 1)[:1].isupper():
            end = j = j + 1  # Галицького райсуду м. Львова
        elif word in _AND:
            if j + 1 >= len(ctx.tokens) or "gent" not in ctx.tags(j + 1) or _other_name(
                    ctx, j + 1, after_and=True):
                break
        elif "gent" not in ctx.tags(j) or word in _NAMED_AFTER or _other_name(ctx, j):
            break
        else:
            end = j
        j += 1
    return region_after(ctx, named_after(ctx, end))


def region_after(ctx: RuleContext, end: int) -> int:
    """Through "в Херсонській області" after a body's name (ГУ Нацполіції в Херсонській
    області, Головне управління юстиції у Луганській області), uk."""
    j = end + 1
    if ctx.language != "uk" or j + 2 >= len(ctx.tokens) or normalize(ctx.word(j)) not in (
            "в", "у") or not ctx.word(j + 1)[:1].isupper():
        return end
    if any(ctx.gap(k) != " " for k in (j, j + 1, j + 2)) or "ADJF" not in ctx.tags(j + 1):
        return end
    return j + 2 if normalize(ctx.word(j + 2)) in ("області", "районі") else end


def _other_name(ctx: RuleContext, j: int, *, after_and: bool = False) -> bool:
    """A person's first name, a legal form or an acronym after «та» starts another name
    (голови облради Андрія Петренка; Департаменту та ТОВ …); an acronym right after a
    body's name is its parent (Головне управління ДСНС України)."""
    word = ctx.word(j)
    if not word[:1].isupper() or ctx.language != "uk":
        return False
    if word.isupper() and len(word) > 1:
        return after_and or word in ctx.cues.org_prefixes
    return "Name" in ctx.tags(j) and "Geox" not in ctx.tags(j)


def named_after(ctx: RuleContext, end: int) -> int:
    """Through "імені X" / "ім. С. П. Корольова" / "імені Тараса Шевченка" after an
    organisation's name."""
    j = end + 1
    if j >= len(ctx.tokens) or normalize(ctx.word(j)) not in _NAMED_AFTER:
        return end
    k = j + 1
    full = 0
    while k < len(ctx.tokens) and ctx.word(k)[:1].isupper() and k - j <= 5:
        end = k
        if len(ctx.word(k)) > 1:
            full += 1
            if full == 2 or "Name" not in ctx.tags(k) or ctx.language != "uk":
                break
        k += 1
    return end


def quote_after(ctx: RuleContext, end: int) -> int:
    """Through a quoted name right after an organisation's head words (uk): Громадська
    організація «Світло», Державного підприємства «Документ»."""
    if ctx.language != "uk" or end + 1 >= len(ctx.tokens):
        return end
    if ctx.gap(end + 1).strip() not in OPEN_QUOTES or not ctx.word(end + 1)[:1].isupper():
        return end
    return quoted_tail(ctx, end)


def quoted_tail(ctx: RuleContext, b: int) -> int:
    """Through a quoted name right after b: ТОВ «Поділля – Інвест Сіті», СГПП «Рать»."""
    if b + 1 < len(ctx.tokens) and any(q in ctx.gap(b + 1) for q in OPEN_QUOTES):
        for j in range(b + 1, min(b + 10, len(ctx.tokens))):
            if j + 1 >= len(ctx.tokens) or any(q in ctx.gap(j + 1) for q in CLOSE_QUOTES):
                return j
    return b


def quoted_name(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    """«X» right after a cue word (фірма, партія, видання …): X as an ORG."""
    if i == 0 or not any(q in ctx.gap(i) for q in OPEN_QUOTES) or ctx.gap(i).strip() not in (
            "«", "„", "“", '"'):
        return None
    if not (set(ctx.lemmas(i - 1)) | {normalize(ctx.word(i - 1))}) & ctx.cues.quote_cues:
        return None
    for j in range(i, min(i + 6, len(ctx.tokens))):
        after = ctx.text[ctx.tokens[j].end:ctx.tokens[j].end + 2]
        if any(q in after for q in CLOSE_QUOTES):
            return i, j, "ORG"
        if j + 1 < len(ctx.tokens) and ctx.gap(j + 1).strip(" -–") not in ("", ".", ","):
            return None
    return None
