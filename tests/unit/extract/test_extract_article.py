"""What ``extract_article`` makes of a news page, and how it turns bad input away."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from presswatch.extract.article import extract_article
from presswatch.models import Article, Block, Rejected
from presswatch.settings import Settings

STRUCTURED = """
<h2>What the package contains</h2>
<p>Officials listed launchers, radar units and spare parts, and said crews would train abroad
for six weeks before the systems are deployed around the largest cities.</p>
<blockquote><p>We will not leave our partners alone in the cold months.</p></blockquote>
<h3>Deliveries</h3>
<ul><li>First batch in October</li><li>Second batch before the end of the year</li></ul>
"""


def test_article_keeps_headings_paragraphs_quotes_and_list_items(make_page, paragraphs,
                                                                 settings):
    html = make_page(paragraphs["en"], extra_body=STRUCTURED)
    article = extract_article(html.encode(), "https://sentinel.example/world/air-defence",
                              settings)
    assert isinstance(article, Article)
    assert article.title == "Allies agree on new air defence package"
    assert article.blocks[:3] == tuple(Block("p", text) for text in paragraphs["en"])
    assert Block("h2", "What the package contains") in article.blocks
    assert Block("quote", "We will not leave our partners alone in the cold months.") in (
        article.blocks)
    assert Block("h3", "Deliveries") in article.blocks
    assert Block("li", "Second batch before the end of the year") in article.blocks
    assert article.title not in article.text, "the headline is the title, not a body heading"
    for boilerplate in ("cookies", "More stories", "All rights reserved", "Economy"):
        assert boilerplate not in article.text
    assert article.text.split("\n\n")[0] == paragraphs["en"][0]
    assert article.language == "en"
    assert not article.paywalled


def test_metadata_from_meta_tags_json_ld_and_canonical_link(make_page, paragraphs, settings):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Allies agree on new air defence package",
          "datePublished": "2026-03-05T09:30:00+02:00",
          "author": [{"@type": "Person", "name": "Maria Kovalenko"}]}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<link rel="canonical" href="/world/air-defence?utm_source=feed&amp;page=1">')
    html = make_page(paragraphs["en"], head=head)
    article = extract_article(html.encode(), "https://Sentinel.example/w?id=1", settings)
    assert isinstance(article, Article)
    assert article.author == "Maria Kovalenko"
    assert article.published == datetime(2026, 3, 5, 7, 30, tzinfo=UTC)
    assert article.canonical_url == "https://sentinel.example/world/air-defence?page=1"


def test_published_time_meta_wins_and_naive_times_are_utc(make_page, paragraphs, settings):
    head = ('<meta property="article:published_time" content="2026-02-01T12:00:00">'
            '<meta name="author" content="Jonas Weber">')
    article = extract_article(make_page(paragraphs["en"], head=head).encode(),
                              "https://sentinel.example/x", settings)
    assert article.published == datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
    assert article.published.tzinfo is UTC
    assert article.author == "Jonas Weber"
    assert article.canonical_url is None


def test_ukrainian_and_russian_are_told_apart(make_page, paragraphs, settings):
    for lang in ("uk", "ru"):
        html = make_page(paragraphs[lang], title="Пакет ППО", lang="en")
        article = extract_article(html.encode(), f"https://example.{lang}/a", settings)
        assert article.language == lang, "the text decides, not a wrong lang attribute"


def test_language_is_restricted_to_the_configured_ones(make_page, paragraphs, tmp_path):
    narrow = Settings(_env_file=None, data_dir=tmp_path, source_languages=("uk", "de"))
    article = extract_article(make_page(paragraphs["ru"]).encode(), "https://x.example/", narrow)
    assert article.language in ("uk", "de")


def test_short_page_is_rejected_as_too_short(make_page, settings):
    html = make_page(("The meeting has been postponed until next week.",))
    result = extract_article(html.encode(), "https://sentinel.example/short", settings)
    assert isinstance(result, Rejected)
    assert result.reason == "too_short"


def test_paywalled_stub_is_rejected_with_reason_paywall(make_page, settings):
    stub = ('<div class="article-paywall"><p>Subscribe to continue reading this article.</p>'
            "</div>")
    html = make_page(("Defence ministers met in Brussels on Thursday.",), extra_body=stub)
    result = extract_article(html.encode(), "https://sentinel.example/paid", settings)
    assert result == Rejected("paywall", result.detail)


def test_paywall_wording_in_russian_and_schema_flag_are_noticed(make_page, paragraphs,
                                                               settings):
    ru = make_page(paragraphs["ru"][:1], lang="ru",
                   extra_body="<p>Материал доступен только для подписчиков.</p>")
    assert extract_article(ru.encode(), "https://x.ru/a", settings).reason == "paywall"
    ld = '<script type="application/ld+json">{"@type":"NewsArticle",' \
         '"isAccessibleForFree":"False"}</script>'
    long_paid = make_page(paragraphs["en"], head=ld)
    article = extract_article(long_paid.encode(), "https://x.example/b", settings)
    assert isinstance(article, Article) and article.paywalled


def test_not_html_and_empty_inputs(settings):
    assert extract_article(b'{"a": 1}', "https://x.example/a.json", settings,
                           content_type="application/json").reason == "not_html"
    assert extract_article(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "https://x.example/a.pdf",
                           settings).reason == "not_html"
    assert extract_article(b"", "https://x.example/", settings).reason == "empty"
    assert extract_article(b"  \n ", "https://x.example/", settings).reason == "empty"
    page = b"<html><head><script>var a = 1;</script></head><body><img src=x></body></html>"
    assert extract_article(page, "https://x.example/", settings).reason == "empty"


@hyp_settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600) | st.text(max_size=400).map(lambda t: f"<html>{t}".encode()))
def test_no_exception_escapes_for_arbitrary_bytes(settings, data):
    result = extract_article(data, "https://x.example/", settings)
    assert isinstance(result, (Article, Rejected))
