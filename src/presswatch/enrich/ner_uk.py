"""Ukrainian name rules that run before the capitalized-run rules of ``ner_rules``.

- A legal form or an acronym right before a quoted name is one organisation with it:
  ТОВ «Каштан-плюс», ВО «Свобода», ДП «Документ» (prefix, name and quotes).
- A street word before a capitalized name is one place with it, through a house number:
  вул. Садова, 12; проспекту Миру; вулиці Зеленій.
- A place adjective in a list before a place noun is a place on its own: Полтавського,
  Сумського і Київського районів; so is a bare feminine one where «області» is understood
  (у Херсонській; Волинській, Київській).
- A capitalized possessive adjective made from a first name or a surname is that person:
  Шевченкового слова, Миколину книгу, Тарасової думи (the dictionary's adjective in -ів/-ин
  whose base word it tags as a name).
- A first name inside a run of capitalized words starts a new person where the words before
  it are complete: a first name and a surname (Леоніда Черновецького | Вячеслава
  Супруненка), a word in another case (Супруненка | Олександр), a word that is no name (мер
  Луцька | Микола Романюк).
- A short quoted name that reads as a name, not a sentence or a work's title, is an
  organisation (without its quotes): «Київенерго», «Нове життя», «11 канал». A quote after a
  word for a book, a song, a law, an event … («роман «Місто»») is left alone, and so is a quote
  with a verb or a pronoun in it («Я мушу»).
"""

from __future__ import annotations

from functools import lru_cache

from presswatch.enrich.ner_context import CLOSE_QUOTES, OPEN_QUOTES, RuleContext, top_tags
from presswatch.enrich.textforms import _analyzer, normalize

__all__ = ["common_word", "elided_place", "is_roman", "person_split", "possessive_person",
           "shouted_run", "uk_span"]

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
_BEFORE_QUOTE = frozenset({"", ",", "(", "–", "—", "-", ":"})


def uk_span(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    """(first, last, type) of a name starting at token i by the rules above, or None."""
    word = ctx.word(i)
    found = None
    if word[:1].isupper():
        found = _prefixed_org(ctx, i)
    elif word[:1].islower():
        return _street(ctx, i) or _regional_body(ctx, i)
    if found is None and i > 0 and ctx.tokens[i].start > ctx.tokens[i - 1].end:
        found = _bare_quote(ctx, i)
    return found



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
    return known and bool(tags & _SENTENCE_TAGS - {"ADVB"})


def _sentence_inside(ctx: RuleContext, j: int) -> bool:
    """A lowercase verb, pronoun, adverb … inside quotes: a quoted sentence, not a name
    (but «Дух і Літера», «гірничо-металургійний»)."""
    word = ctx.word(j)
    if not word[:1].islower() or (j + 1 < len(ctx.tokens) and ctx.gap(j + 1) == "-"):
        return False
    if normalize(word) in _AND and ctx.word(j + 1)[:1].isupper():
        return False
    return bool(ctx.tags(j) & _SENTENCE_TAGS)


def _opens_quote(ctx: RuleContext, i: int) -> bool:
    return 0 < i < len(ctx.tokens) and ctx.gap(i).strip()[-1:] in OPEN_QUOTES


def _closes_after(ctx: RuleContext, j: int) -> bool:
    after = ctx.text[ctx.tokens[j].end:ctx.tokens[j].end + 2].lstrip(" ")
    return bool(after) and after[0] in CLOSE_QUOTES


def _prefix_word(ctx: RuleContext, word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    acronym = 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)
    return word in ctx.cues.org_prefixes or (acronym and not is_roman(word))


def _prefixed_org(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    if not _opens_quote(ctx, i + 1) or not _prefix_word(ctx, ctx.word(i)):
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


_PLACE_STEMS = ("ськ", "цьк", "зьк")
_AND = frozenset({"і", "й", "та"})


def elided_place(ctx: RuleContext, a: int, b: int) -> tuple[int, int, str] | None:
    """A lone place adjective whose place noun is elided or shared (see the module doc)."""
    if a != b or not _place_adjective(ctx, a):
        return None
    j = a + 1
    while j < len(ctx.tokens):
        if ctx.gap(j).strip() == "," and _place_adjective(ctx, j):
            j += 1
        elif (normalize(ctx.word(j)) in _AND and ctx.gap(j) == " " and j + 1 < len(ctx.tokens)
              and ctx.gap(j + 1) == " " and _place_adjective(ctx, j + 1)):
            j += 2
        else:
            break
    if j > a + 1 and j < len(ctx.tokens) and ctx.gap(j) == " " and ctx.lower(j) and set(
            ctx.lemmas(j)) & ctx.cues.loc_heads:
        return a, a, "LOC"
    word = normalize(ctx.word(a))
    after = ctx.gap(a + 1) if a + 1 < len(ctx.tokens) else ctx.text[ctx.tokens[a].end:]
    if word.endswith(("ській", "цькій", "зькій")) and after.strip()[:1] in (",", ".", ""):
        listed = ctx.gap(a).strip() in (",", "–", "—", ":")  # Волинській, Київській
        if (listed or not ctx.word(a - 1)[:1].isupper()) and not (
                set(ctx.lemmas(a - 1)) & ctx.cues.titles):
            return a, a, "LOC"
    return None


def _place_adjective(ctx: RuleContext, i: int) -> bool:
    word = ctx.word(i)
    if not word[:1].isupper() or "ADJF" not in ctx.tags(i):
        return False
    return any(stem in normalize(word)[-7:] for stem in _PLACE_STEMS)


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


_REGIONAL_BODIES = frozenset({"суд", "госпсуд", "прокуратура"})
_REGIONS = frozenset({"області", "району", "міста"})


def _regional_body(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    """A court or prosecutor's office named by its region, lowercase: господарський суд
    Кіровоградської області, прокуратури Луганської області (one ORG)."""
    if i + 2 >= len(ctx.tokens) or _REGIONAL_BODIES.isdisjoint(ctx.lemmas(i)):
        return None
    if ctx.gap(i + 1) != " " or ctx.gap(i + 2) != " " or not ctx.word(i + 1)[:1].isupper():
        return None
    if "ADJF" not in ctx.tags(i + 1) or normalize(ctx.word(i + 2)) not in _REGIONS:
        return None
    first = i - 1 if i > 0 and ctx.gap(i) == " " and ctx.lower(i - 1) and "ADJF" in ctx.tags(
        i - 1) and ctx.free[i - 1] else i
    return first, i + 2, "ORG"


def _street(ctx: RuleContext, i: int) -> tuple[int, int, str] | None:
    if i + 1 >= len(ctx.tokens) or not ctx.word(i + 1)[:1].isupper():
        return None
    if _STREETS.isdisjoint(ctx.lemmas(i)):  # the normalized word, then its lemmas
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
    if not _opens_quote(ctx, i) or ctx.gap(i).strip()[:-1].strip(" »”\"") not in _BEFORE_QUOTE:
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
        if (j > i or first.isdigit()) and _sentence_inside(ctx, j):
            return None
        if j == i and (normalize(word) in ctx.cues.stopwords or _sentence_word(word)):
            return None
        if _closes_after(ctx, j):
            end_char = ctx.tokens[j].end
            if ctx.text[end_char:end_char + 1] in "?!" or _by_author(ctx, j + 1):
                return None
            return (i, j, "ORG") if not (first.isdigit() and j == i) else None
    return None


def possessive_person(ctx: RuleContext, a: int, b: int) -> tuple[int, int, str] | None:
    """A lone capitalized possessive adjective of a person's name (see the module doc)."""
    if a != b or "ADJF" not in top_tags(ctx.word(a), "uk")[0]:
        return None
    if a > 0 and ctx.gap(a) == " " and set(ctx.lemmas(a - 1)) & ctx.cues.loc_heads:
        return None  # село Шевченкове
    nxt = a + 1
    if nxt < len(ctx.tokens) and ctx.gap(nxt) == " " and set(ctx.lemmas(nxt)) & (
            ctx.cues.loc_heads | ctx.cues.org_heads):
        return None  # Петрова гора, Іванове поле: a place named after someone
    return (a, a, "PER") if _possessive_of_name(normalize(ctx.word(a))) else None


_POSSESSIVE_BASES = {"ів": ("", "о", "а"), "їв": ("й", "я"), "ин": ("а", "я"), "ін": ("а", "я")}


@lru_cache(maxsize=20_000)
def _possessive_of_name(word: str) -> bool:
    for parse in _analyzer("uk").parse(word)[:3]:
        lemma = parse.normal_form
        if ("ADJF" not in parse.tag or len(lemma) < 5
                or type(parse.methods_stack[0][0]).__name__ != "DictionaryAnalyzer"):
            continue
        for ending, tails in _POSSESSIVE_BASES.items():
            if lemma.endswith(ending) and any(
                    _name_word(lemma[:-2] + tail) for tail in tails):
                return True
    return False


def _name_word(word: str) -> bool:
    return any({"Name", "Surn"} & set(str(p.tag).replace(" ", ",").split(","))
               for p in _analyzer("uk").parse(word)
               if type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
               and p.normal_form == word)


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})


def person_split(ctx: RuleContext, a: int, b: int) -> int:
    """The last token of the run a..b before a first name that starts another person (see
    the module doc), or b."""
    if b == a or set(ctx.lemmas(a)) & (ctx.cues.org_heads | ctx.cues.titles):
        return b
    for k in range(a + 1, b + 1):
        if ctx.gap(k) != " " or "Name" not in top_tags(ctx.word(k), "uk")[0]:
            continue
        before, tags = ctx.tags(k - 1), ctx.tags(k)
        if "Name" in before or _is_prefix(ctx, k - 1):
            continue
        named = {"Name", "Surn", "Patr"} & before
        if not named and "NOUN" in before and top_tags(ctx.word(k - 1), "uk")[1]:
            return k - 1  # Атлантики | Едґар По
        if k - a >= 2 and "Name" in ctx.tags(a) and "Surn" in before:
            return k - 1  # Леоніда Черновецького | Вячеслава Супруненка
        if named and not before & tags & _CASES:
            return k - 1  # Супруненка | Олександр
        if k - 1 == a and a > 0 and normalize(ctx.word(a - 1)) in ctx.cues.loc_marks:
            return a  # м. Луцька | Юрій Нечай
    return b


def _is_prefix(ctx: RuleContext, i: int) -> bool:
    return _prefix_word(ctx, ctx.word(i)) or bool(set(ctx.lemmas(i)) & ctx.cues.org_heads)
