"""Feed discovery from a homepage's <link rel="alternate">."""

from __future__ import annotations

from presswatch.sources.discover import describe_page, discover_feeds

HOMEPAGE = """<!doctype html>
<html lang="de-DE"><head>
<meta charset="utf-8"><title>Berliner Morgenblatt – Nachrichten</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml?utm_source=site">
<link rel="alternate" type="application/atom+xml" href="atom.xml">
<link rel="ALTERNATE" type="Application/Feed+JSON" href="https://morgenblatt.example/feed.json">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="alternate" type="application/rss+xml" href="javascript:void(0)">
</head><body><a href="/rss-old.xml">RSS</a></body></html>
"""


def test_announced_feeds_are_absolute_canonical_and_unique() -> None:
    feeds = discover_feeds(HOMEPAGE, "https://morgenblatt.example/index.html")
    assert feeds == [
        "https://morgenblatt.example/rss.xml",
        "https://morgenblatt.example/atom.xml",
        "https://morgenblatt.example/feed.json",
    ]


def test_base_href_is_honoured() -> None:
    html = b'<html><head><base href="https://cdn.example/de/"><link rel="alternate" ' \
           b'type="application/atom+xml" href="feed.atom"></head></html>'
    assert discover_feeds(html, "https://morgenblatt.example/") == ["https://cdn.example/de/feed.atom"]


def test_page_title_and_language() -> None:
    page = describe_page(HOMEPAGE.encode("utf-8"), "https://morgenblatt.example/")
    assert page.title == "Berliner Morgenblatt – Nachrichten"
    assert page.language == "de-DE"


def test_no_links_and_junk_give_nothing() -> None:
    assert discover_feeds("<html><body>Hallo</body></html>", "https://a.example/") == []
    assert discover_feeds(b"", "https://a.example/") == []
    assert discover_feeds(b"\x00\xff\x8f junk", "https://a.example/") == []
