"""Feed documents of the sample press: RSS 2.0, Atom, RSS 1.0, JSON Feed, news sitemap.

``rss2-truncated`` is the deliberately broken one: an RSS 2.0 document cut off in the
middle of an element, served with an RSS content type as a faulty CMS export would.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from presswatch.samplepress.corpus import FeedSpec, OutletSpec


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str
    summary: str
    author: str
    published: datetime
    category: str


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def _updated(entries: list[FeedEntry]) -> datetime:
    return max((e.published for e in entries), default=datetime(2026, 1, 1, tzinfo=UTC))


def rss2(feed: FeedSpec, outlet: OutletSpec, base: str, entries: list[FeedEntry]) -> str:
    items = "".join(
        f"""
    <item>
      <title>{escape(e.title)}</title>
      <link>{escape(e.url)}</link>
      <guid isPermaLink="true">{escape(e.url)}</guid>
      <pubDate>{format_datetime(e.published)}</pubDate>
      <dc:creator>{escape(e.author)}</dc:creator>
      <category>{escape(e.category)}</category>
      <description>{escape(e.summary)}</description>
    </item>"""
        for e in entries
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{escape(feed.title)}</title>
    <link>{escape(base)}/</link>
    <atom:link href={quoteattr(base + feed.path)} rel="self" type="application/rss+xml"/>
    <description>{escape(outlet.tagline)}</description>
    <language>{outlet.language}-{outlet.country.lower()}</language>
    <lastBuildDate>{format_datetime(_updated(entries))}</lastBuildDate>
    <ttl>15</ttl>{items}
  </channel>
</rss>
"""


def atom(feed: FeedSpec, outlet: OutletSpec, base: str, entries: list[FeedEntry]) -> str:
    items = "".join(
        f"""
  <entry>
    <id>{escape(e.url)}</id>
    <title type="text">{escape(e.title)}</title>
    <link rel="alternate" type="text/html" href={quoteattr(e.url)}/>
    <published>{_iso(e.published)}</published>
    <updated>{_iso(e.published)}</updated>
    <author><name>{escape(e.author)}</name></author>
    <category term={quoteattr(e.category)}/>
    <summary type="text">{escape(e.summary)}</summary>
  </entry>"""
        for e in entries
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{outlet.language}">
  <id>{escape(base)}/</id>
  <title>{escape(feed.title)}</title>
  <subtitle>{escape(outlet.tagline)}</subtitle>
  <updated>{_iso(_updated(entries))}</updated>
  <link rel="self" type="application/atom+xml" href={quoteattr(base + feed.path)}/>
  <link rel="alternate" type="text/html" href={quoteattr(base + "/")}/>{items}
</feed>
"""


def rss1(feed: FeedSpec, outlet: OutletSpec, base: str, entries: list[FeedEntry]) -> str:
    seq = "".join(f"\n        <rdf:li rdf:resource={quoteattr(e.url)}/>" for e in entries)
    items = "".join(
        f"""
  <item rdf:about={quoteattr(e.url)}>
    <title>{escape(e.title)}</title>
    <link>{escape(e.url)}</link>
    <description>{escape(e.summary)}</description>
    <dc:date>{_iso(e.published)}</dc:date>
    <dc:creator>{escape(e.author)}</dc:creator>
    <dc:subject>{escape(e.category)}</dc:subject>
  </item>"""
        for e in entries
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" \
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about={quoteattr(base + feed.path)}>
    <title>{escape(feed.title)}</title>
    <link>{escape(base)}/</link>
    <description>{escape(outlet.tagline)}</description>
    <dc:language>{outlet.language}</dc:language>
    <dc:date>{_iso(_updated(entries))}</dc:date>
    <items>
      <rdf:Seq>{seq}
      </rdf:Seq>
    </items>
  </channel>{items}
</rdf:RDF>
"""


def json_feed(feed: FeedSpec, outlet: OutletSpec, base: str, entries: list[FeedEntry]) -> str:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": base + "/",
        "feed_url": base + feed.path,
        "description": outlet.tagline,
        "language": outlet.language,
        "items": [
            {
                "id": e.url,
                "url": e.url,
                "title": e.title,
                "summary": e.summary,
                "date_published": _iso(e.published),
                "authors": [{"name": e.author}],
                "tags": [e.category],
            }
            for e in entries
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def news_sitemap(feed: FeedSpec, outlet: OutletSpec, base: str,
                 entries: list[FeedEntry]) -> str:
    urls = "".join(
        f"""
  <url>
    <loc>{escape(e.url)}</loc>
    <lastmod>{_iso(e.published)}</lastmod>
    <news:news>
      <news:publication>
        <news:name>{escape(outlet.name)}</news:name>
        <news:language>{outlet.language}</news:language>
      </news:publication>
      <news:publication_date>{_iso(e.published)}</news:publication_date>
      <news:title>{escape(e.title)}</news:title>
    </news:news>
  </url>"""
        for e in entries
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" \
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}
</urlset>
"""


def truncated_rss2(feed: FeedSpec, outlet: OutletSpec, base: str,
                   entries: list[FeedEntry]) -> str:
    """An RSS 2.0 export cut off inside the third item's description."""
    full = rss2(feed, outlet, base, entries[:3])
    cut = full.rfind("<description>") + len("<description>") + 40
    return full[:cut]


RENDERERS = {
    "rss2": (rss2, "application/rss+xml; charset=utf-8"),
    "atom": (atom, "application/atom+xml; charset=utf-8"),
    "rss1": (rss1, "application/rdf+xml; charset=utf-8"),
    "jsonfeed": (json_feed, "application/feed+json; charset=utf-8"),
    "newssitemap": (news_sitemap, "application/xml; charset=utf-8"),
    "rss2-truncated": (truncated_rss2, "application/rss+xml; charset=utf-8"),
}

MIME_TYPES = {
    fmt: ctype.split(";")[0] for fmt, (_, ctype) in RENDERERS.items()
}


def render_feed(feed: FeedSpec, outlet: OutletSpec, base: str,
                entries: list[FeedEntry]) -> tuple[str, str]:
    """The feed document and its content type."""
    renderer, content_type = RENDERERS[feed.format]
    return renderer(feed, outlet, base, entries), content_type
