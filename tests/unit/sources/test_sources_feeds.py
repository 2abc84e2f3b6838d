"""Feed parsing: every supported format gives absolute canonical URLs and aware UTC dates,
and bad input gives an error sentence, never an exception."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from presswatch.sources.feeds import MAX_FEED_BYTES, detect_feed_format, parse_feed

BASE = "https://morgenblatt.example/feeds/main.xml"

RSS091 = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="0.91"><channel>
<title>Baltic Herald</title><link>https://herald.example/</link>
<description>News from the Baltic states</description><language>en</language>
<item><title>Riga hosts defence ministers</title>
<link>https://herald.example/riga-ministers?utm_source=rss&amp;id=4</link>
<description>Ministers met in Riga.</description></item>
<item><title>Tallinn port reopens</title><link>/tallinn-port</link></item>
</channel></rss>"""

RSS10 = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://ledger.example/rss">
  <title>Warsaw Ledger</title><link>https://ledger.example/</link><description>d</description>
  <items><rdf:Seq><rdf:li rdf:resource="https://ledger.example/a/1"/></rdf:Seq></items>
</channel>
<item rdf:about="https://ledger.example/a/1">
  <title>Sejm debates the budget</title><link>https://ledger.example/a/1#top</link>
  <dc:date>2024-03-05T09:30:00+01:00</dc:date>
</item>
</rdf:RDF>"""

RSS20 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Kharkiv Courier</title><link>https://courier.example/</link><description>x</description>
<item>
  <title>Харків: нова лінія метро</title>
  <link>https://courier.example/news/metro?fbclid=IwAR1&amp;utm_campaign=x</link>
  <guid isPermaLink="false">courier-1001</guid>
  <pubDate>Tue, 05 Mar 2024 14:00:00 +0200</pubDate>
</item>
<item>
  <title>Guid as permalink</title>
  <guid>https://courier.example/news/guid-link</guid>
  <pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate>
</item>
<item>
  <title>Same story again</title>
  <link>https://COURIER.example/news/metro</link>
</item>
</channel></rss>""".encode()

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://kurier.example/de/">
  <title type="html">Kurier &lt;b&gt;Wien&lt;/b&gt;</title>
  <id>urn:uuid:feed</id><updated>2024-03-05T10:00:00Z</updated>
  <entry>
    <title>Gipfel in Wien</title>
    <link rel="alternate" type="text/html" href="politik/gipfel.html"/>
    <link rel="enclosure" href="https://kurier.example/audio.mp3"/>
    <id>urn:uuid:1</id>
    <published>2024-03-05T11:15:00+01:00</published>
    <updated>2024-03-05T12:00:00+01:00</updated>
  </entry>
  <entry>
    <title type="html">Energie &amp;amp; &lt;i&gt;Gas&lt;/i&gt;</title>
    <link href="https://kurier.example/de/wirtschaft/gas.html?ref=rss"/>
    <id>urn:uuid:2</id>
    <updated>2024-03-04T08:00:00Z</updated>
  </entry>
</feed>"""

JSON_FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Odesa Observer",
    "home_page_url": "https://observer.example/",
    "items": [
        {"id": "77", "url": "https://observer.example/port?utm_medium=json",
         "title": "Port traffic grows", "date_published": "2024-03-05T06:00:00-05:00"},
        {"id": "78", "url": "/grain", "title": "Grain corridor", "date_modified": "2024-03-04"},
        {"id": "79", "external_url": "https://elsewhere.example/story", "title": "Link post"},
        {"id": "80", "content_text": "no url at all"},
    ],
}).encode()

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://gazeta.example/politika/2024/03/05/vybory.html?utm_source=sitemap</loc>
    <news:news>
      <news:publication><news:name>Gazeta</news:name><news:language>ru</news:language>
      </news:publication>
      <news:publication_date>2024-03-05T12:30:00+03:00</news:publication_date>
      <news:title>Выборы и безопасность</news:title>
    </news:news>
  </url>
  <url><loc>https://gazeta.example/ekonomika/rubl.html</loc><lastmod>2024-03-04</lastmod></url>
</urlset>""".encode()


def test_rss_091() -> None:
    feed = parse_feed(RSS091, "https://herald.example/rss091.xml")
    assert feed.error is None
    assert feed.title == "Baltic Herald"
    assert [i.url for i in feed.items] == [
        "https://herald.example/riga-ministers?id=4",
        "https://herald.example/tallinn-port",
    ]
    assert feed.items[0].title == "Riga hosts defence ministers"


def test_rss_10() -> None:
    feed = parse_feed(RSS10, BASE)
    assert feed.error is None
    [item] = feed.items
    assert item.url == "https://ledger.example/a/1"
    assert item.published == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)


def test_rss_20_tracking_stripped_permalink_guid_and_dedup() -> None:
    feed = parse_feed(RSS20, BASE)
    assert feed.error is None
    assert [i.url for i in feed.items] == [
        "https://courier.example/news/metro",
        "https://courier.example/news/guid-link",
    ]
    first = feed.items[0]
    assert first.title == "Харків: нова лінія метро"
    assert first.guid == "courier-1001"
    assert first.published == datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    assert first.published.tzinfo is UTC


def test_atom_relative_links_html_titles_and_published_date() -> None:
    feed = parse_feed(ATOM, "https://kurier.example/feed.atom")
    assert feed.error is None
    assert feed.title == "Kurier Wien"
    assert [i.url for i in feed.items] == [
        "https://kurier.example/de/politik/gipfel.html",
        "https://kurier.example/de/wirtschaft/gas.html",
    ]
    assert feed.items[0].published == datetime(2024, 3, 5, 10, 15, tzinfo=UTC)
    assert feed.items[1].title == "Energie & Gas"
    assert feed.items[1].published == datetime(2024, 3, 4, 8, 0, tzinfo=UTC)


def test_json_feed() -> None:
    feed = parse_feed(JSON_FEED, "https://observer.example/feed.json")
    assert feed.title == "Odesa Observer"
    assert [i.url for i in feed.items] == [
        "https://observer.example/port",
        "https://observer.example/grain",
        "https://elsewhere.example/story",
    ]
    assert feed.items[0].published == datetime(2024, 3, 5, 11, 0, tzinfo=UTC)
    assert feed.items[1].published == datetime(2024, 3, 4, tzinfo=UTC)
    assert feed.error == "1 of 4 items have no usable link"


def test_news_sitemap() -> None:
    feed = parse_feed(SITEMAP, "https://gazeta.example/news-sitemap.xml")
    assert feed.error is None
    assert [i.url for i in feed.items] == [
        "https://gazeta.example/politika/2024/03/05/vybory.html",
        "https://gazeta.example/ekonomika/rubl.html",
    ]
    assert feed.items[0].title == "Выборы и безопасность"
    assert feed.items[0].published == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    assert feed.items[1].published == datetime(2024, 3, 4, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "kind"),
    [(RSS091, "rss"), (RSS10, "rdf"), (RSS20, "rss"), (ATOM, "atom"), (JSON_FEED, "json"),
     (SITEMAP, "sitemap"), (b"<!doctype html><html><head></head></html>", None),
     (b'{"name": "not a feed"}', None), (b"", None)],
)
def test_detect_feed_format(body: bytes, kind: str | None) -> None:
    assert detect_feed_format(body) == kind


def test_recovered_items_come_with_the_error() -> None:
    truncated = RSS20[: RSS20.index(b"<item>\n  <title>Same")]
    feed = parse_feed(truncated, BASE)
    assert feed.error is not None and "not well-formed XML" in feed.error
    assert "https://courier.example/news/metro" in [i.url for i in feed.items]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty document"),
        (b"   \n ", "empty document"),
        (b"<html><body><p>Cookie wall</p></body></html>", "not a recognised feed"),
        (bytes(range(256)) * 40, "not a recognised feed"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "not a recognised feed"),
        (b'{"items": [', "not valid JSON"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": "no"}', "no items list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'\xff\xfe{\x00}\x00', "must be UTF-8"),
        (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         b"<sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>",
         "sitemap index"),
        (b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "has no items"),
    ],
)
def test_bad_input_gives_a_reason_not_an_exception(body: bytes, reason: str) -> None:
    feed = parse_feed(body, BASE)
    assert feed.error is not None
    assert reason in feed.error


def test_huge_input_is_refused_cheaply() -> None:
    feed = parse_feed(b"<rss>" + b" " * (MAX_FEED_BYTES + 1), BASE)
    assert feed.items == ()
    assert "larger than" in (feed.error or "")


def test_a_body_that_looks_like_a_path_is_never_opened(tmp_path) -> None:
    local = tmp_path / "feed.xml"
    local.write_bytes(RSS20)
    feed = parse_feed(str(local).encode(), BASE)
    assert feed.items == ()
    assert feed.error is not None


def test_feedparser_never_fetches_urls() -> None:
    feed = parse_feed(b"http://127.0.0.1:9/never-fetched.xml", BASE)
    assert feed.items == ()
    assert feed.error is not None
