"""Pages in legacy charsets come out as their authors wrote them: declared, declared wrongly
(HTTP and ``<meta>`` disagreeing, a Latin label on Cyrillic bytes, UTF-8 claimed for
windows-1251) or not declared at all. Every page here is written for these tests.

The Russian and Ukrainian pages carry ё, і, ї, є and ґ; the French and German ones ä, ö, ü,
ß, é, à and, for ISO-8859-15 only, € and œ (which ISO-8859-1 lacks).
"""

from __future__ import annotations

import codecs

import pytest

from presswatch.extract.article import extract_article
from presswatch.extract.decode import decode_html, decode_page
from presswatch.models import Article, Rejected

TEXTS = {
    "ru": (
        "Правительство утвердило бюджет на следующий год",
        "Депутаты обсуждали расходы на оборону, школы и больницы до позднего вечера. "
        "Ёлки уже стоят на площади, а в метро объявили о продлении работы в праздники.",
        "Министр финансов пообещал, что зарплаты учителей вырастут весной. Оппозиция "
        "назвала план нереалистичным и потребовала отчёта о долгах регионов.",
    ),
    "uk": (
        "Уряд затвердив бюджет на наступний рік",
        "Депутати обговорювали видатки на оборону, школи й лікарні до пізнього вечора. "
        "Її ґрунтовні пропозиції щодо єдиного реєстру підтримали всі фракції.",
        "Міністр фінансів пообіцяв, що зарплати вчителів зростуть навесні, а з'їзд громад "
        "перенесли на осінь. Ґазда з Яремче сказав, що чекає на гроші вже третій рік.",
    ),
    "de": (
        "Die Straßenbahn über die Brücke wird früher fertig",
        "Die Bürgermeisterin erklärte am Dienstag, größere Verzögerungen seien nicht zu "
        "befürchten. Die Kosten lägen bei zwölf Millionen, der Zuschuss des Landes sei sicher.",
        "Anwohner äußerten dennoch Ärger über nächtlichen Lärm. Über die Öffnungszeiten der "
        "Baustelle soll nun ein Ausschuss entscheiden.",
    ),
    "fr": (
        "Le projet de loi sur les écoles est adopté",
        "Le ministre a présenté jeudi un texte très attendu. Les élus ont débattu jusqu'à "
        "l'aube d'une réforme où chacun a défendu son intérêt ; la séance reprendra à Noël.",
        "Les syndicats réclament un geste supplémentaire pour les enseignants âgés. Le "
        "gouvernement répond que l'effort est déjà considérable.",
    ),
    "fr-euro": (
        "Le cœur du budget : cinq euros par habitant",
        "La mairie consacrera 5 € par habitant à l'œuvre d'un collectif de quartier. Les élus "
        "ont salué un geste « à la fois modeste et bienvenu ».",
        "Le prix du ticket passe à 2 € en mars ; les sœurs qui tiennent la bibliothèque "
        "recevront une aide de 300 €.",
    ),
    "de-euro": (
        "Fahrpreise steigen auf drei Euro",
        "Eine Einzelfahrt kostet ab März 3 € statt 2,80 €. Die Verkehrsbetriebe begründen das "
        "mit höheren Löhnen und Energiepreisen.",
        "Für Schüler bleibt die Monatskarte bei 29 €, sagte der Geschäftsführer. Größere "
        "Änderungen des Fahrplans seien nicht geplant.",
    ),
}
# (text, charset of its bytes, the charset decode_page names, a wrong label for it)
PAGES = [
    ("ru", "cp1251", "windows-1251", "koi8-r"),
    ("ru", "koi8-r", "koi8-r", "windows-1251"),
    ("uk", "cp1251", "windows-1251", "koi8-u"),
    ("uk", "koi8-u", "koi8-u", "windows-1251"),
    ("de", "iso-8859-1", "windows-1252", "windows-1251"),  # browsers read latin-1 as 1252
    ("fr", "iso-8859-1", "windows-1252", "koi8-r"),
    ("fr-euro", "iso-8859-15", "iso-8859-15", "windows-1251"),
    ("de-euro", "iso-8859-15", "iso-8859-15", "koi8-u"),
]
IDS = [f"{text}-{charset}" for text, charset, *_ in PAGES]


def news_page(text: str, *, meta: str | None = None, short: bool = False,
              lang: bool = True) -> str:
    """A news page with navigation and a footer, and ``<meta charset>`` when ``meta``."""
    title, *paragraphs = TEXTS[text]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[: 1 if short else None])
    declaration = f'<meta charset="{meta}">' if meta else ""
    html_lang = f' lang="{text.partition("-")[0]}"' if lang else ""
    return (f"<!DOCTYPE html>\n<html{html_lang}><head>{declaration}<title>{title}</title></head>"
            f'\n<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>\n'
            f"<article><h1>{title}</h1>\n{body}\n</article>\n"
            "<footer><p>(c) Example Media. Imprint. Privacy.</p></footer></body></html>")


def declarations(charset: str, wrong: str) -> dict[str, tuple[str | None, str]]:
    """Ways a server and a page declare (or misdeclare) the charset: (meta, Content-Type)."""
    return {
        "meta": (charset, ""),
        "http": (None, f"text/html; charset={charset}"),
        "none": (None, ""),
        "none, text/html": (None, "text/html"),
        "meta says utf-8": ("utf-8", ""),
        "meta says iso-8859-1": ("iso-8859-1", ""),
        "meta names another code page": (wrong, ""),
        "http says iso-8859-1": (None, "text/html; charset=ISO-8859-1"),
        "http wrong, meta right": (charset, f"text/html; charset={wrong}"),
        "http right, meta wrong": (wrong, f"text/html; charset={charset}"),
        "http utf-8, meta wrong": (wrong, "text/html; charset=utf-8"),
        "unknown label": ("x-no-such-charset", ""),
    }


@pytest.mark.parametrize("short", [False, True], ids=["page", "one-paragraph"])
@pytest.mark.parametrize("lang", [True, False], ids=["lang", "no-lang"])
@pytest.mark.parametrize(("text", "charset", "label", "wrong"), PAGES, ids=IDS)
def test_every_declaration_gives_the_text_back(text: str, charset: str, label: str, wrong: str,
                                               short: bool, lang: bool) -> None:
    failures = []
    for name, (meta, content_type) in declarations(charset, wrong).items():
        html = news_page(text, meta=meta, short=short, lang=lang)
        decoded = decode_page(html.encode(charset), content_type)
        if decoded is None or decoded.text != html or decoded.charset != label:
            failures.append(f"{name}: {decoded and (decoded.charset, decoded.note)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(("text", "charset", "label", "wrong"), PAGES, ids=IDS)
def test_the_result_says_which_declaration_was_used_and_which_was_overruled(
        text: str, charset: str, label: str, wrong: str) -> None:
    html = news_page(text, meta=charset)
    declared = decode_page(html.encode(charset))
    assert (declared.source, declared.note) == ("meta", "")
    guessed = decode_page(news_page(text).encode(charset))
    assert guessed.source == "guess" and label in guessed.note
    conflict = decode_page(html.encode(charset), f"text/html; charset={wrong}")
    assert conflict.source == "meta"
    assert f"http said {wrong}" in conflict.note


@pytest.mark.parametrize(("text", "charset", "label", "wrong"), PAGES, ids=IDS)
def test_an_article_in_a_misdeclared_page_reads_right(settings, text: str, charset: str,
                                                      label: str, wrong: str) -> None:
    title, first, second = TEXTS[text]
    body = news_page(text, meta=wrong).encode(charset)
    article = extract_article(body, "https://example.org/a",
                              settings.model_copy(update={"min_article_chars": 100}),
                              content_type="text/html; charset=iso-8859-1")
    assert isinstance(article, Article)
    assert article.title == title
    assert [block.text for block in article.blocks] == [first, second]
    assert article.language == text.partition("-")[0]


def test_a_latin_label_on_cyrillic_bytes_is_explained() -> None:
    decoded = decode_page(news_page("ru", meta="iso-8859-1").encode("cp1251"))
    assert decoded.charset == "windows-1251"
    assert "meta said iso-8859-1, but that reading looks like mojibake" in decoded.note


def test_koi8_r_label_on_ukrainian_koi8_u_bytes_keeps_the_ukrainian_letters() -> None:
    decoded = decode_page(news_page("uk", meta="koi8-r").encode("koi8-u"))
    assert decoded.charset == "koi8-u"
    assert "ґрунтовні" in decoded.text and "Її" in decoded.text
    assert "koi8-u reads the bytes better" in decoded.note


def test_iso_8859_1_label_on_iso_8859_15_bytes_keeps_euro_and_oe() -> None:
    decoded = decode_page(news_page("fr-euro").encode("iso-8859-15"),
                          "text/html; charset=iso-8859-1")
    assert decoded.charset == "iso-8859-15"
    assert "5 € par habitant à l'œuvre" in decoded.text


def test_windows_1252_euro_under_an_iso_8859_15_label_is_read_as_1252() -> None:
    html = news_page("de-euro", meta="iso-8859-15")
    decoded = decode_page(html.encode("cp1252"))  # € is byte 0x80 here, a control in -15
    assert (decoded.text, decoded.charset) == (html, "windows-1252")


def test_valid_utf8_wins_over_a_legacy_declaration() -> None:
    html = news_page("uk", meta="windows-1251")
    decoded = decode_page(html.encode("utf-8"), "text/html; charset=koi8-u")
    assert decoded.text == html
    assert (decoded.charset, decoded.source) == ("utf-8", "utf-8")
    assert "the bytes are valid UTF-8" in decoded.note


def test_utf8_with_a_stray_byte_under_a_latin_header_is_still_utf8() -> None:
    html = news_page("ru")
    body = html.encode("utf-8").replace(b"<footer>", b"<footer>\xe9")
    decoded = decode_page(body, "text/html; charset=iso-8859-1")
    assert TEXTS["ru"][1] in decoded.text
    assert (decoded.charset, decoded.source, decoded.replaced) == ("utf-8", "utf-8-lenient", 1)


def test_smart_quotes_in_a_page_mislabelled_utf8_are_windows_1252() -> None:
    html = ('<html><head><meta charset="utf-8"><title>Talks</title></head><body><p>The '
            "minister said: \u201cWe don\u2019t expect a deal \u2013 not this week.\u201d</p>"
            "</body></html>")
    decoded = decode_page(html.encode("cp1252"))
    assert (decoded.text, decoded.charset) == (html, "windows-1252")


def test_all_capitals_headline_in_cp1251_is_not_taken_for_koi8() -> None:
    title = TEXTS["ru"][0].upper()
    html = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            "<p>Subscribe to our newsletter.</p></body></html>")
    assert decode_html(html.encode("cp1251")) == html


def test_utf16_without_a_byte_order_mark() -> None:
    html = news_page("uk")
    assert decode_page(html.encode("utf-16-le")).text == html
    assert decode_page(html.encode("utf-16-be")).charset == "utf-16-be"


def test_a_byte_order_mark_beats_every_declaration() -> None:
    html = news_page("ru", meta="koi8-r")
    decoded = decode_page(codecs.BOM_UTF8 + html.encode("utf-8"), "text/html; charset=cp1251")
    assert (decoded.text, decoded.source) == (html, "bom")


def test_binary_bytes_are_no_text(settings) -> None:
    body = bytes(range(256)) * 40
    assert decode_page(body) is None
    rejected = extract_article(b"<html><body>" + body, "https://example.org/x", settings)
    assert rejected == Rejected("decode_error", "no character encoding decodes the page")


@pytest.mark.parametrize(("text", "charset", "label"), [
    ("Η κυβέρνηση ενέκρινε τον προϋπολογισμό για το επόμενο έτος, μετά από συζήτηση.",
     "cp1253", "windows-1253"),
    ("הממשלה אישרה את התקציב לשנה הבאה לאחר דיון ארוך בכנסת.", "cp1255", "windows-1255"),
    ("政府は来年度の予算を承認した。議員たちは夜遅くまで議論した。", "shift_jis", "cp932"),
])
def test_undeclared_pages_in_other_scripts_use_charset_normalizers_guess(
        text: str, charset: str, label: str) -> None:
    html = f"<html><head><title>x</title></head><body><p>{text}</p></body></html>"
    decoded = decode_page(html.encode(charset))
    assert (decoded.text, decoded.charset, decoded.source) == (html, label, "guess")


def test_a_declared_central_european_page_is_not_called_mojibake() -> None:
    html = ('<html><head><meta charset="iso-8859-2"></head><body><p>Vláda schválila rozpočet '
            "na příští rok; poslanci jednali až do pozdního večera.</p></body></html>")
    decoded = decode_page(html.encode("iso-8859-2"))
    assert (decoded.text, decoded.source, decoded.note) == (html, "meta", "")


def test_a_stray_nul_byte_becomes_a_replacement_character() -> None:
    html = news_page("uk", meta="windows-1251")
    body = html.encode("cp1251").replace(b"<article>", b"<article>\x00")
    decoded = decode_page(body)
    assert decoded.text == html.replace("<article>", "<article>\ufffd")
    assert decoded.replaced == 1


def test_koi8u_prose_with_one_ukrainian_letter_and_no_declaration_is_koi8u():
    # Found by the property test: repetitive text whose only Ukrainian letter is є.
    page = ("<html><body><article><p>Уряд уряд уряд уряд. Уряд уряд уряд на. "
            "Уряд уряд уряд затвердив затвердив єдиного.</p></article></body></html>")
    decoded = decode_page(page.encode("koi8-u"), "")
    assert decoded.charset == "koi8-u"
    assert "єдиного" in decoded.text
