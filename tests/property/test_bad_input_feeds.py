"""Generated and broken feeds through ``parse_feed``: random bytes, truncated RSS and Atom in
any declared charset, hostile JSON Feeds and sitemaps.

The stage never fails inside (no "could not be parsed" from its last-resort handler), item
URLs are absolute http(s), and an intact feed in a charset it declares gives its titles back.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.models import ParsedFeed
from presswatch.sources.feeds import parse_feed

BASE = "https://news.example/feed"
CHARSETS = ["utf-8", "utf-16", "cp1251", "koi8-r", "koi8-u", "iso-8859-1", "iso-8859-15"]
# Characters XML 1.0 allows, without the ones feedparser folds (CR) or strips (whitespace).
XML_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
                                 blacklist_characters="\ufffe\uffff\u0085"),
                   min_size=1, max_size=40).map(str.strip).filter(bool)


def assert_sound(parsed: ParsedFeed) -> None:
    assert isinstance(parsed, ParsedFeed)
    assert not (parsed.error or "").startswith("the feed could not be parsed"), parsed.error
    for item in parsed.items:
        assert item.url.startswith(("http://", "https://")), item
        assert isinstance(item.title, str)
        assert item.published is None or item.published.tzinfo is not None


def rss(titles: list[str], charset: str) -> str:
    items = "".join(f"<item><title>{escape(t)}</title><link>https://news.example/{i}</link>"
                    f"<pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate></item>"
                    for i, t in enumerate(titles))
    return (f'<?xml version="1.0" encoding="{charset}"?><rss version="2.0"><channel>'
            f"<title>Feed</title><link>https://news.example/</link>{items}</channel></rss>")


@settings(max_examples=80, deadline=None)
@given(body=st.binary(max_size=4000), prefix=st.sampled_from(
    [b"", b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>",
     b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>", b'{"version": "https://',
     b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>"]))
def test_random_bytes_give_a_parsed_feed(body: bytes, prefix: bytes) -> None:
    assert_sound(parse_feed(prefix + body, BASE))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles=st.lists(XML_TEXT, min_size=1, max_size=5), charset=st.sampled_from(CHARSETS),
       cut=st.integers(0, 100))
def test_feeds_in_their_declared_charset_give_their_titles_back(titles: list[str], charset: str,
                                                                 cut: int) -> None:
    body = rss(titles, charset).encode(charset, errors="xmlcharrefreplace")
    if cut:  # truncated somewhere: whatever survives is sound
        assert_sound(parse_feed(body[: len(body) * (100 - cut) // 100], BASE))
        return
    parsed = parse_feed(body, BASE)
    assert_sound(parsed)
    assert [item.title for item in parsed.items] == [" ".join(t.split()) for t in titles]


@settings(max_examples=25, deadline=None)
@given(depth=st.integers(1, 200_000), shape=st.sampled_from(["[", '{"a":', '{"items":[']))
def test_deeply_nested_json_is_refused_with_a_reason(depth: int, shape: str) -> None:
    parsed = parse_feed(("{" if shape == "[" else "") + shape * depth, BASE)
    assert_sound(parsed)
    assert parsed.error and not parsed.items


@settings(max_examples=40, deadline=None)
@given(items=st.lists(st.one_of(
    st.none(), st.integers(), st.text(max_size=10),
    st.dictionaries(st.sampled_from(["url", "external_url", "title", "id", "date_published",
                                     "date_modified"]),
                    st.one_of(st.none(), st.integers(), st.text(max_size=30),
                              st.lists(st.integers(), max_size=2)), max_size=6)), max_size=8))
def test_json_feeds_with_odd_items_give_a_parsed_feed(items: list[object]) -> None:
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items})
    assert_sound(parse_feed(body.encode(), BASE))


@settings(max_examples=40, deadline=None)
@given(locs=st.lists(st.one_of(st.text(max_size=30), st.just("https://news.example/a"),
                               st.just("javascript:alert(1)")), max_size=6),
       dates=st.lists(st.text(max_size=25), max_size=6), entity=st.booleans())
def test_sitemaps_with_odd_entries_give_a_parsed_feed(locs: list[str], dates: list[str],
                                                      entity: bool) -> None:
    doctype = ('<!DOCTYPE urlset [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;">]>'
               if entity else "")
    pairs = zip(locs, dates, strict=False)
    urls = "".join(f"<url><loc>{escape(loc)}</loc><lastmod>{escape(date)}</lastmod>"
                   f"{'&y;' if entity else ''}</url>" for loc, date in pairs)
    body = (f'<?xml version="1.0"?>{doctype}<urlset xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">{urls}</urlset>')
    assert_sound(parse_feed(body.encode(), BASE))
