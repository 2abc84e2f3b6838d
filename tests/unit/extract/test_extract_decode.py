"""Bytes in legacy encodings come out as the text their author wrote."""

from __future__ import annotations

import codecs

from presswatch.extract.article import extract_article
from presswatch.extract.decode import decode_html
from presswatch.models import Article


def test_cp1251_page_declared_in_meta_is_read_as_cyrillic(make_page, paragraphs, settings):
    html = make_page(paragraphs["ru"], title="Альянс согласовал пакет ПВО", lang="ru",
                     charset="windows-1251")
    article = extract_article(html.encode("cp1251"), "https://example.ru/a", settings)
    assert isinstance(article, Article)
    assert article.title == "Альянс согласовал пакет ПВО"
    assert article.blocks[0].text == paragraphs["ru"][0]
    assert article.language == "ru"


def test_koi8r_page_declared_only_in_the_http_header(make_page, paragraphs, settings):
    html = make_page(paragraphs["ru"], title="Альянс согласовал пакет ПВО", lang="ru")
    article = extract_article(html.encode("koi8-r"), "https://example.ru/a", settings,
                              content_type="text/html; charset=KOI8-R")
    assert isinstance(article, Article)
    assert "противовоздушной обороны" in article.text


def test_undeclared_cp1251_is_guessed(make_page, paragraphs):
    html = make_page(paragraphs["uk"] * 2, title="Союзники погодили пакет ППО", lang="uk")
    assert decode_html(html.encode("cp1251")) == html


def test_http_header_beats_a_wrong_meta_declaration(make_page, paragraphs):
    html = make_page(paragraphs["ru"], lang="ru", charset="iso-8859-1")
    assert decode_html(html.encode("koi8-r"), "text/html; charset=koi8-r") == html


def test_byte_order_marks_decide(make_page, paragraphs):
    html = make_page(paragraphs["uk"], lang="uk")
    assert decode_html(codecs.BOM_UTF8 + html.encode("utf-8")) == html
    assert decode_html(codecs.BOM_UTF16_LE + html.encode("utf-16-le")) == html


def test_one_stray_byte_does_not_turn_a_utf8_page_into_mojibake(make_page, paragraphs):
    html = make_page(paragraphs["uk"], lang="uk", charset="utf-8")
    body = html.encode("utf-8").replace(b"<footer>", b"<footer>\xff")
    text = decode_html(body)
    assert paragraphs["uk"][0] in text
    assert "\ufffd" in text
