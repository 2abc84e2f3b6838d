"""One canonical URL per article: what the duplicate check and the article table rely on."""

from __future__ import annotations

import pytest

from presswatch.urls import absolute_url, canonicalize_url, host_key


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("HTTPS://News.Example.COM:443/a/b?x=1#comments", "https://news.example.com/a/b?x=1"),
        ("http://news.example:80", "http://news.example/"),
        ("http://news.example:8080/p", "http://news.example:8080/p"),
        ("  https://news.example/p?b=2&a=1  ", "https://news.example/p?a=1&b=2"),
        (
            "https://news.example/p?utm_source=tw&utm_medium=social&id=7&fbclid=abc&gclid=x"
            "&yclid=1&mc_cid=2&mc_eid=3&ref=home&ocid=rss",
            "https://news.example/p?id=7",
        ),
        ("https://news.example/p?UTM_Campaign=spring", "https://news.example/p"),
        ("https://news.example/p?tag=a&tag=b&page=2", "https://news.example/p?page=2&tag=a&tag=b"),
        ("https://news.example/%D0%BA%D0%B8%D1%97%D0%B2", "https://news.example/%D0%BA%D0%B8%D1%97%D0%B2"),
        ("http://[::1]:80/x", "http://[::1]/x"),
        ("mailto:desk@news.example", "mailto:desk@news.example"),
    ],
)
def test_canonical_form(raw: str, canonical: str) -> None:
    assert canonicalize_url(raw) == canonical


def test_url_variants_of_one_article_meet() -> None:
    variants = [
        "https://news.example/2024/03/kyiv-talks?utm_source=newsletter",
        "HTTPS://NEWS.EXAMPLE/2024/03/kyiv-talks#top",
        "https://news.example:443/2024/03/kyiv-talks?fbclid=IwAR0",
    ]
    assert len({canonicalize_url(v) for v in variants}) == 1


def test_canonical_form_is_stable() -> None:
    once = canonicalize_url("http://A.example/x?b=1&utm_id=2&a=3#f")
    assert canonicalize_url(once) == once


def test_host_key_fills_default_port() -> None:
    assert host_key("https://News.Example/a") == "news.example:443"
    assert host_key("http://news.example/a") == "news.example:80"
    assert host_key("http://127.0.0.1:8101/rss.xml") == "127.0.0.1:8101"
    assert host_key("http://[::1]:8000/") == "[::1]:8000"


def test_absolute_url_resolves_relative_links() -> None:
    base = "https://news.example/world/europe/index.html"
    assert absolute_url(base, "story.html") == "https://news.example/world/europe/story.html"
    assert absolute_url(base, "/rss.xml") == "https://news.example/rss.xml"
    assert absolute_url(base, "//cdn.example/f.xml") == "https://cdn.example/f.xml"
    assert absolute_url(base, " ") == base
