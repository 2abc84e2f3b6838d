"""Fields besides the text: authors, published and modified, lead image, section."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from presswatch.extract.article import extract_article
from presswatch.extract.authors import split_names
from presswatch.extract.dates import parse_datetime
from presswatch.models import Article

URL = "https://sentinel.example/world/2026/03/05/air-defence"


def _article(make_page, paragraphs, settings, head: str = "", extra: str = "") -> Article:
    page = make_page(paragraphs["en"], head=head, extra_body=extra)
    article = extract_article(page.encode(), URL, settings)
    assert isinstance(article, Article)
    return article


def _json_ld(**fields: object) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(("byline", "names"), [
    ("By Anna Smith and Tom Lee", ("Anna Smith", "Tom Lee")),
    ("Von Anna Schmidt und Tom Berg", ("Anna Schmidt", "Tom Berg")),
    ("Анна Иванова, Пётр Смирнов", ("Анна Иванова", "Пётр Смирнов")),
    ("Автор: Оксана Гребенюк та Ігор Бондар", ("Оксана Гребенюк", "Ігор Бондар")),
    ("Marta Zielińska i Paweł Nowicki", ("Marta Zielińska", "Paweł Nowicki")),
    ("Par Claire Martin et Luc Dubois", ("Claire Martin", "Luc Dubois")),
    ("Anna Smith, 12.03.2026", ("Anna Smith",)),
    ("https://sentinel.example/authors/anna", ()),
])
def test_a_byline_is_split_into_names(byline, names):
    assert split_names(byline) == names


def test_json_ld_authors_become_the_tuple_and_the_joined_author(make_page, paragraphs,
                                                                settings):
    head = _json_ld(author=[{"@type": "Person", "name": "Maria Kovalenko"},
                            {"@type": "Person", "name": "Daniel Okafor"}])
    article = _article(make_page, paragraphs, settings, head)
    assert article.authors == ("Maria Kovalenko", "Daniel Okafor")
    assert article.author == "Maria Kovalenko; Daniel Okafor"


def test_published_and_modified_are_aware_utc(make_page, paragraphs, settings):
    head = _json_ld(datePublished="2026-03-05T09:30:00+02:00",
                    dateModified="2026-03-05T14:00:00+02:00")
    article = _article(make_page, paragraphs, settings, head)
    assert article.published == datetime(2026, 3, 5, 7, 30, tzinfo=UTC)
    assert article.modified == datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def test_a_modified_time_before_publication_is_not_believed(make_page, paragraphs, settings):
    head = ('<meta property="article:published_time" content="2026-03-05T09:30:00Z">'
            '<meta property="article:modified_time" content="2025-01-01T00:00:00Z">')
    article = _article(make_page, paragraphs, settings, head)
    assert article.published == datetime(2026, 3, 5, 9, 30, tzinfo=UTC)
    assert article.modified is None


def test_an_undeclared_date_is_guessed_from_the_url_as_a_day(make_page, paragraphs, settings):
    article = _article(make_page, paragraphs, settings)
    assert article.published == datetime(2026, 3, 5, tzinfo=UTC)
    assert article.modified is None


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-05T09:30:00+0200", datetime(2026, 3, 5, 7, 30, tzinfo=UTC)),
    ("2026-03-05 09:30:00", datetime(2026, 3, 5, 9, 30, tzinfo=UTC)),
    ("Thu, 05 Mar 2026 09:30:00 GMT", datetime(2026, 3, 5, 9, 30, tzinfo=UTC)),
    ("2026-03-05", datetime(2026, 3, 5, tzinfo=UTC)),
    ("0001-01-01T00:00:00Z", None),
    ("yesterday", None),
])
def test_date_text_is_parsed_to_aware_utc(text, expected):
    assert parse_datetime(text) == expected


def test_the_lead_image_is_made_absolute(make_page, paragraphs, settings):
    head = '<meta property="og:image" content="/media/air-defence.jpg">'
    article = _article(make_page, paragraphs, settings, head)
    assert article.image == "https://sentinel.example/media/air-defence.jpg"


def test_a_json_ld_image_object_serves_when_there_is_no_og_image(make_page, paragraphs,
                                                                 settings):
    head = _json_ld(image=[{"@type": "ImageObject", "url": "https://cdn.example/a.jpg"}])
    article = _article(make_page, paragraphs, settings, head)
    assert article.image == "https://cdn.example/a.jpg"


def test_a_non_web_image_url_is_dropped(make_page, paragraphs, settings):
    head = '<meta property="og:image" content="data:image/png;base64,AAAA">'
    assert _article(make_page, paragraphs, settings, head).image is None


def test_the_section_as_the_outlet_names_it(make_page, paragraphs, settings):
    head = '<meta property="article:section" content="Welt">'
    assert _article(make_page, paragraphs, settings, head).outlet_section == "Welt"
    head = _json_ld(articleSection=["Security", "World"])
    assert _article(make_page, paragraphs, settings, head).outlet_section == "Security"


def test_the_section_from_a_breadcrumb_trail(make_page, paragraphs, settings):
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 2, "name": "Defence", "item": "https://s.example/d"},
        {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://s.example/"},
        {"@type": "ListItem", "position": 3, "name": "Allies agree on new air defence package"},
    ]}
    head = f'<script type="application/ld+json">{json.dumps(crumbs)}</script>'
    assert _article(make_page, paragraphs, settings, head).outlet_section == "Defence"
    trail = ('<ol class="breadcrumbs"><li><a href="/">Startseite</a></li>'
             '<li><a href="/politik/">Politik</a></li></ol>')
    article = _article(make_page, paragraphs, settings, extra=trail)
    assert article.outlet_section == "Politik"
