"""Feeds in legacy charsets give their titles back as written, however they are declared.

Feedparser reads a feed in its declared charset or, when that fails, in windows-1252; a
windows-1251 or KOI8 feed that says UTF-8 (or nothing, which means UTF-8 in XML) or
ISO-8859-1 would come out as "Ìèíèñòðû". Every feed here is written for these tests.
"""

from __future__ import annotations

import pytest

from presswatch.sources.feeds import parse_feed

HEADLINES = {
    "ru": ("Новости регионов",
           ["Правительство утвердило бюджет на следующий год",
            "Ёлки уже стоят на площади, метро продлит работу",
            "Учителя получат прибавку весной, обещает министр"]),
    "uk": ("Новини громад",
           ["Уряд затвердив бюджет на наступний рік",
            "Її ґрунтовні пропозиції щодо єдиного реєстру підтримали",
            "З'їзд громад перенесли на осінь"]),
    "de": ("Nachrichten aus der Stadt",
           ["Die Straßenbahn über die Brücke wird früher fertig",
            "Anwohner äußern Ärger über nächtlichen Lärm",
            "Größere Änderungen des Fahrplans sind nicht geplant"]),
    "fr-euro": ("Actualités du quartier",
                ["Le cœur du budget : 5 € par habitant",
                 "Les sœurs de la bibliothèque recevront 300 €",
                 "Le ticket passe à 2 € en mars"]),
}
FEEDS = [("ru", "cp1251"), ("ru", "koi8-r"), ("uk", "cp1251"), ("uk", "koi8-u"),
         ("de", "iso-8859-1"), ("fr-euro", "iso-8859-15")]
DECLARATIONS = [None, "", "utf-8", "iso-8859-1", "windows-1252"]


def rss(language: str, declaration: str | None) -> str:
    title, headlines = HEADLINES[language]
    prolog = ('<?xml version="1.0"?>' if declaration == "" else
              f'<?xml version="1.0" encoding="{declaration}"?>' if declaration else "")
    items = "".join(f"<item><title>{h}</title><link>https://news.example/{i}</link>"
                    f"<pubDate>Tue, 05 Mar 2024 08:0{i}:00 +0000</pubDate></item>"
                    for i, h in enumerate(headlines))
    return (f'{prolog}\n<rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://news.example/</link>{items}</channel></rss>")


def atom(language: str, declaration: str) -> str:
    title, headlines = HEADLINES[language]
    entries = "".join(f'<entry><title>{h}</title><link href="https://news.example/{i}"/>'
                      f"<id>urn:x:{i}</id><updated>2024-03-05T08:0{i}:00Z</updated></entry>"
                      for i, h in enumerate(headlines))
    return (f'<?xml version="1.0" encoding="{declaration}"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{entries}</feed>')


@pytest.mark.parametrize("declaration", DECLARATIONS,
                         ids=["no-prolog", "no-encoding", "says-utf-8", "says-latin-1",
                              "says-1252"])
@pytest.mark.parametrize(("language", "charset"), FEEDS, ids=[f"{a}-{b}" for a, b in FEEDS])
def test_rss_titles_come_out_as_written(language: str, charset: str,
                                        declaration: str | None) -> None:
    parsed = parse_feed(rss(language, declaration).encode(charset), "https://news.example/rss")
    title, headlines = HEADLINES[language]
    assert parsed.title == title
    assert [item.title for item in parsed.items] == headlines


@pytest.mark.parametrize(("language", "charset"), FEEDS, ids=[f"{a}-{b}" for a, b in FEEDS])
def test_a_correctly_declared_feed_parses_cleanly(language: str, charset: str) -> None:
    parsed = parse_feed(rss(language, charset).encode(charset), "https://news.example/rss")
    assert parsed.error is None
    assert [item.title for item in parsed.items] == HEADLINES[language][1]


def test_atom_in_koi8_u_declared_as_koi8_r_keeps_the_ukrainian_letters() -> None:
    parsed = parse_feed(atom("uk", "koi8-r").encode("koi8-u"), "https://news.example/atom")
    assert parsed.items[1].title == "Її ґрунтовні пропозиції щодо єдиного реєстру підтримали"


def test_atom_in_windows_1251_declared_as_koi8_r() -> None:
    parsed = parse_feed(atom("ru", "koi8-r").encode("cp1251"), "https://news.example/atom")
    assert [item.title for item in parsed.items] == HEADLINES["ru"][1]


def test_smart_quotes_of_windows_1252_under_a_latin_1_label() -> None:
    body = rss("de", "iso-8859-1").replace("Anwohner", "\u201eAnwohner\u201c").encode("cp1252")
    parsed = parse_feed(body, "https://news.example/rss")
    assert parsed.items[1].title == "\u201eAnwohner\u201c äußern Ärger über nächtlichen Lärm"


def test_utf8_feeds_are_left_as_they_are() -> None:
    for language in HEADLINES:
        parsed = parse_feed(rss(language, "utf-8").encode("utf-8"), "https://news.example/")
        assert (parsed.error, [i.title for i in parsed.items]) == (None, HEADLINES[language][1])


def test_the_feed_row_learns_that_the_declaration_was_wrong() -> None:
    parsed = parse_feed(rss("ru", "iso-8859-1").encode("koi8-r"), "https://news.example/rss")
    assert [item.title for item in parsed.items] == HEADLINES["ru"][1]
    assert parsed.error == ("character encoding problem: the feed declares iso-8859-1 but is "
                            "koi8-r, and was read so")
    undeclared = parse_feed(rss("uk", None).encode("cp1251"), "https://news.example/rss")
    assert undeclared.error.startswith("character encoding problem: the feed declares no "
                                       "charset (so UTF-8) but is windows-1251")
