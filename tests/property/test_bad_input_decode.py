"""``decode_page`` over any bytes and any Content-Type, and over generated prose in legacy
code pages, declared wrongly or not at all: it never raises, and the prose comes back.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from presswatch.extract.decode import decode_page

SOURCES = {"bom", "ascii", "utf-8", "http", "meta", "xml", "utf-8-lenient", "guess"}
# Words of our own, for prose the strategies assemble; the Ukrainian ones carry і, ї, є, ґ.
RUSSIAN = ("правительство", "утвердило", "бюджет", "на", "следующий", "год", "депутаты",
           "обсуждали", "расходы", "оборону", "школы", "и", "больницы", "вечера", "ёлки",
           "площади", "метро", "объявили", "министр", "пообещал", "зарплаты", "учителей",
           "вырастут", "весной", "оппозиция", "потребовала", "отчёта", "долгах", "регионов")
UKRAINIAN = ("уряд", "затвердив", "бюджет", "на", "наступний", "рік", "депутати", "видатки",
             "оборону", "школи", "й", "лікарні", "її", "ґрунтовні", "пропозиції", "щодо",
             "єдиного", "реєстру", "підтримали", "всі", "фракції", "з'їзд", "громад", "осінь",
             "ґазда", "чекає", "гроші", "третій", "їхні", "є")
GERMAN = ("die", "straßenbahn", "über", "brücke", "wird", "früher", "fertig", "größere",
          "verzögerungen", "befürchten", "kosten", "lägen", "zwölf", "millionen", "anwohner",
          "äußerten", "ärger", "nächtlichen", "lärm", "öffnungszeiten", "ausschuss", "euro")
FRENCH = ("le", "ministre", "a", "présenté", "jeudi", "texte", "très", "attendu", "élus",
          "débattu", "jusqu'à", "l'aube", "réforme", "où", "intérêt", "séance", "reprendra",
          "noël", "cœur", "œuvre", "sœurs", "5 €", "mairie", "à", "âgés", "déjà")
PROSE = [(RUSSIAN, "ru", ("cp1251", "koi8-r")), (UKRAINIAN, "uk", ("cp1251", "koi8-u")),
         (GERMAN, "de", ("latin-1", "iso-8859-15", "cp1252")),
         (FRENCH, "fr", ("iso-8859-15",))]
WRONG_LABELS = [None, "utf-8", "iso-8859-1", "windows-1251", "koi8-r", "bogus"]


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=3000), content_type=st.text(max_size=40))
def test_any_bytes_give_text_or_none(body: bytes, content_type: str) -> None:
    decoded = decode_page(body, content_type)
    if decoded is not None:
        assert decoded.charset and decoded.source in SOURCES
        assert "\x00" not in decoded.text and decoded.replaced >= 0


@settings(max_examples=100, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=400))
def test_utf8_text_comes_back_unchanged(text: str) -> None:
    assume(not text.startswith("\ufeff"))
    decoded = decode_page(text.encode("utf-8"))
    assert decoded is not None and decoded.text == text


def sentences(words: tuple[str, ...]) -> st.SearchStrategy[str]:
    sentence = st.lists(st.sampled_from(words), min_size=4, max_size=12).map(
        lambda ws: " ".join(ws).capitalize() + ".")
    return st.lists(sentence, min_size=3, max_size=6).map(" ".join)


@st.composite
def legacy_pages(draw: st.DrawFn) -> tuple[str, str, str | None, str]:
    words, lang, charsets = draw(st.sampled_from(PROSE))
    prose = draw(sentences(words))
    label = draw(st.sampled_from(WRONG_LABELS))
    with_lang = draw(st.booleans())
    meta = f'<meta charset="{label}">' if label else ""
    attribute = f' lang="{lang}"' if with_lang else ""
    page = (f"<!DOCTYPE html><html{attribute}><head>{meta}<title>News</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><p>{prose}</p></article></body></html>")
    return page, draw(st.sampled_from(charsets)), label, prose


@settings(max_examples=120, deadline=None)
@given(case=legacy_pages(), header=st.sampled_from(["", "text/html",
                                                    "text/html; charset=iso-8859-1"]))
def test_prose_in_a_legacy_code_page_comes_back_however_declared(
        case: tuple[str, str, str | None, str], header: str) -> None:
    page, charset, _, prose = case
    decoded = decode_page(page.encode(charset), header)
    assert decoded is not None
    assert prose in decoded.text, (charset, decoded.charset, decoded.note)
