"""Ukrainian name rules that run before the capitalized-run rules of ``ner_rules``.

- A legal form or an acronym right before a quoted name is one organisation with it:
  ТОВ «Каштан-плюс», ВО «Свобода», ДП «Документ» (prefix, name and quotes).
- A street word before a capitalized name is one place with it, through a house number:
  вул. Садова, 12; проспекту Миру; вулиці Зеленій.
- A short quoted name that reads as a name, not a sentence or a work's title, is an
  organisation (without its quotes): «Київенерго», «Нове життя», «11 канал». A quote after a
  word for a book, a song, a law, an event … («роман «Місто»») is left alone, and so is a quote
  with a verb or a pronoun in it («Я мушу»).
"""

from __future__ import annotations

from functools import lru_cache

from presswatch.enrich.ner_context import CLOSE_QUOTES, OPEN_QUOTES, RuleContext, top_tags
from presswatch.enrich.textforms import _analyzer, normalize

__all__ = ["common_word", "is_roman", "shouted_run", "uk_span"]

_STREETS = frozenset({
    "вулиця", "вул", "проспект", "просп", "провулок", "пров", "бульвар", "бульв", "узвіз",
    "площа", "пл", "набережна", "шосе", "алея", "тупик"})
_NOT_ORG_QUOTES = frozenset({
    "роман", "повість", "поема", "оповідання", "новела", "вірш", "збірка", "збірник", "книга",
    "книжка", "твір", "п'єса", "драма", "комедія", "трагедія", "вистава", "спектакль", "фільм",
    "кінофільм", "серіал", "мультфільм", "пісня", "альбом", "сингл", "опера", "балет", "картина",
    "полотно", "портрет", "скульптура", "стаття", "есе", "нарис", "рубрика", "розділ", "цикл",
    "казка", "легенда", "балада", "дума", "закон", "кодекс", "постанова", "указ", "наказ",
    "програма", "проект", "проєкт", "операція", "акція", "конкурс", "фестиваль", "премія",
    "орден", "медаль", "нагорода", "відзнака", "свято", "турнір", "чемпіонат", "кубок",
    "виставка", "експозиція", "слоган", "гасло", "напис", "псевдонім", "прізвисько", "слово",
    "вислів", "фраза", "термін", "поняття", "назва", "девіз", "марка", "модель", "автомобіль",
    "літак", "корабель", "ракета", "комплекс", "система", "сорт", "порода", "тема", "лекція",
    "урок", "номінація", "категорія", "маршрут", "потяг", "поїзд", "журнал", "часопис",
    "альманах", "вісник", "бюлетень", "праця", "підручник", "посібник", "монографія",
    "у", "в"})
_SENTENCE_TAGS = frozenset({"VERB", "INFN", "GRND", "NPRO", "PRED", "CONJ", "PRCL", "ADVB"})
_ROMAN = frozenset("IVXLCDMІХ")


def uk_span(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    """(first, last, type) of a name starting at token i by the rules above, or None."""
    return _prefixed_org(ctx, i) or _street(ctx, i) or _bare_quote(ctx, i)


def is_roman(word: str) -> bool:
    """XX, XIX, V (a century or a volume, no name); Latin or Cyrillic І and Х."""
    return bool(word) and set(word) <= _ROMAN


def shouted_run(ctx: RuleContext, a: int, b: int) -> bool:
    """A heading in capitals (ЖОВТИЙ БАНАН НА СІРОМУ АСФАЛЬТІ): several upper-case words,
    one of them an everyday word of five letters or more."""
    words = [ctx.word(i) for i in range(a, b + 1)]
    if len(words) < 2 or not all(w.isupper() for w in words):
        return False
    return any(len(w) >= 5 and "Abbr" not in ctx.tags(k + a) and _known(w)
               for k, w in enumerate(words))


def _known(word: str) -> bool:
    return top_tags(word, "uk")[1]


def _sentence_word(word: str) -> bool:
    tags, known = top_tags(word, "uk")
    return known and bool(tags & _SENTENCE_TAGS)


def _opens_quote(ctx: RuleContext, i: int) -> bool:
    return 0 < i < len(ctx.tokens) and any(q in ctx.gap(i) for q in OPEN_QUOTES)


def _closes_after(ctx: RuleContext, j: int) -> bool:
    after = ctx.text[ctx.tokens[j].end:ctx.tokens[j].end + 2].lstrip(" ")
    return bool(after) and after[0] in CLOSE_QUOTES


def _prefix_word(ctx: RuleContext, word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    acronym = 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)
    return word in ctx.cues.org_prefixes or (acronym and not is_roman(word))


def _prefixed_org(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    if not _prefix_word(ctx, ctx.word(i)) or not _opens_quote(ctx, i + 1):
        return None
    if ctx.gap(i + 1).strip() not in OPEN_QUOTES:
        return None
    for j in range(i + 1, min(i + 12, len(ctx.tokens))):
        if not ctx.free[j]:
            return None
        if _closes_after(ctx, j):
            return i, j, "ORG"
        if j + 1 < len(ctx.tokens) and "\n" in ctx.gap(j + 1):
            return None
    return None


def _by_author(ctx: RuleContext, j: int) -> bool:
    """«Ревізор» Гоголя: a title followed by its author's name in the genitive."""
    if j >= len(ctx.tokens) or not ctx.word(j)[:1].isupper() or "\n" in ctx.gap(j):
        return False
    tags = ctx.tags(j)
    return bool(tags & {"Surn", "Name"}) and "gent" in tags


def common_word(word: str) -> bool:
    """The dictionary knows the word as something other than a name (Далі, Галасом)."""
    return _common_word(normalize(word))


@lru_cache(maxsize=50_000)
def _common_word(word: str) -> bool:
    for parse in _analyzer("uk").parse(word):
        if type(parse.methods_stack[0][0]).__name__ != "DictionaryAnalyzer":
            continue
        if not {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} & set(
                str(parse.tag).replace(" ", ",").split(",")):
            return True
    return False


def _street(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    if i + 1 >= len(ctx.tokens) or not ctx.lower(i):
        return None
    if not (set(ctx.lemmas(i)) | {normalize(ctx.word(i))}) & _STREETS:
        return None
    gap = ctx.gap(i + 1)
    if gap not in (" ", ". ", " . ", "."):
        return None
    end = i
    for j in range(i + 1, min(i + 5, len(ctx.tokens))):
        if j > i + 1 and ctx.gap(j) != " ":
            break
        word = ctx.word(j)
        if word[:1].isupper() and not word.isdigit():
            end = j
        elif j > i + 1 and normalize(word) in _STREETS:
            end = j  # вул. Столичне шосе
            break
        else:
            break
    if end == i:
        return None
    return i, _house_number(ctx, end), "LOC"


def _house_number(ctx: RuleContext, end: int) -> int:
    """Through ", 12", ", 2-В", " 9а", ", 17-23" after a street name."""
    j = end + 1
    if j >= len(ctx.tokens) or ctx.gap(j) not in (", ", " , ", " ") or not ctx.word(j).isdigit():
        return end
    end = j
    k = j + 1
    if k < len(ctx.tokens) and ctx.gap(k) in ("", "-", "/") and (
            ctx.word(k).isdigit() or len(ctx.word(k)) == 1):
        end = k
    return end


def _bare_quote(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    if not _opens_quote(ctx, i) or ctx.gap(i).strip() not in OPEN_QUOTES:
        return None
    first = ctx.word(i)
    if not (first[:1].isupper() or first.isdigit()) or is_roman(first):
        return None
    if (set(ctx.lemmas(i - 1)) | {normalize(ctx.word(i - 1))}) & _NOT_ORG_QUOTES:
        return None
    for j in range(i, min(i + 5, len(ctx.tokens))):
        if not ctx.free[j]:
            return None
        if j > i and ctx.gap(j).strip(" -–—'.") != "":
            return None
        word = ctx.word(j)
        if (j > i or first.isdigit()) and word[:1].islower() and ctx.tags(j) & _SENTENCE_TAGS:
            return None
        if j == i and (normalize(word) in ctx.cues.stopwords or _sentence_word(word)):
            return None
        if _closes_after(ctx, j):
            end_char = ctx.tokens[j].end
            if ctx.text[end_char:end_char + 1] in "?!" or _by_author(ctx, j + 1):
                return None
            return (i, j, "ORG") if not (first.isdigit() and j == i) else None
    return None
