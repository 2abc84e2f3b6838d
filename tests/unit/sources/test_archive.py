"""The archive walker: sitemaps (index, urlset, news), day pages from a template, the range kept
to the publisher's day, and a cursor that resumes a walk. HTTP through httpx.MockTransport
behind the real Fetcher."""

from __future__ import annotations

import socket
from collections import Counter
from datetime import date
from typing import Any

import httpx
import pytest

from presswatch.errors import InputError, TransientError
from presswatch.fetch.client import Fetcher
from presswatch.settings import Settings
from presswatch.sources.archive import (
    ArchiveCursor,
    ArchiveWalk,
    SitemapEntry,
    check_archive_template,
    day_items,
    day_url,
    parse_sitemap,
    robots_sitemaps,
    sitemap_may_hold,
)

SITE = "https://kurier.example"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'

INDEX = f"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex {NS}>
<sitemap><loc>{SITE}/sitemaps/2025-12.xml</loc><lastmod>2026-01-03T10:00:00+01:00</lastmod></sitemap>
<sitemap><loc>{SITE}/sitemaps/2026-01.xml</loc><lastmod>2026-01-30T10:00:00+01:00</lastmod></sitemap>
<sitemap><loc>{SITE}/sitemaps/2026-02.xml</loc><lastmod>2026-02-27T10:00:00+01:00</lastmod></sitemap>
<sitemap><loc>{SITE}/sitemaps/2026-03.xml</loc><lastmod>2026-03-05T10:00:00+01:00</lastmod></sitemap>
<sitemap><loc>/sitemaps/rubriken.xml</loc></sitemap>
</sitemapindex>"""

FEBRUARY = f"""<?xml version="1.0" encoding="UTF-8"?><urlset {NS} {NEWS}>
<url><loc>{SITE}/politik/haushalt-beschlossen-a1.html</loc>
  <lastmod>2026-03-02T08:00:00+01:00</lastmod>
  <news:news><news:publication><news:name>Kurier</news:name><news:language>de</news:language>
  </news:publication><news:publication_date>2026-02-01T00:15:00+01:00</news:publication_date>
  <news:title>Haushalt beschlossen</news:title></news:news></url>
<url><loc>{SITE}/politik/wahlrecht-reform-a2.html</loc><lastmod>2026-02-14T12:00:00Z</lastmod></url>
<url><loc>{SITE}/politik/undatiert-a3.html</loc></url>
<url><loc>https://andere-zeitung.example/politik/fremd-a4.html</loc>
  <lastmod>2026-02-10</lastmod></url>
<url><loc>{SITE}/politik/spaet-a5.html?utm_source=sitemap</loc><lastmod>2026-02-28</lastmod></url>
</urlset>"""

JANUARY = f"""<?xml version="1.0"?><urlset {NS}>
<url><loc>{SITE}/politik/januar-a6.html</loc><lastmod>2026-01-31T23:30:00-05:00</lastmod></url>
</urlset>"""

RUBRIKEN = f"""<?xml version="1.0"?><urlset {NS}><url><loc>{SITE}/politik/</loc></url></urlset>"""


def day_page(*links: tuple[str, str]) -> str:
    items = "".join(f'<h2><a href="{href}">{text}</a></h2>' for href, text in links)
    return (f'<html><body><nav><a href="/politik/">Politik</a></nav><main>{items}'
            '<a href="/archiv/2026/02/01/">Vortag</a></main><aside>'
            '<a href="/politik/meistgelesen-von-gestern-a99.html">Meistgelesen: Der Text von '
            "gestern bleibt vorn</a></aside></body></html>")


class Site:
    """A mock outlet: path -> (status, body); every request counted."""

    def __init__(self, pages: dict[str, tuple[int, str]]) -> None:
        self.pages = pages
        self.hits: Counter[str] = Counter()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.hits[path] += 1
        if path == "/robots.txt":
            return httpx.Response(200, text=f"User-agent: *\nAllow: /\nSitemap: {SITE}/index.xml\n")
        status, body = self.pages.get(path, (404, "not found"))
        kind = "application/xml" if path.endswith(".xml") else "text/html; charset=utf-8"
        return httpx.Response(status, text=body, headers={"content-type": kind})


def public(host: str, port: int, *args: Any) -> list[tuple[Any, ...]]:
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]


@pytest.fixture
def make_fetcher():
    made: list[Fetcher] = []

    def make(site: Site) -> Fetcher:
        settings = Settings(min_host_interval=0.0, fetch_retries=1, fetch_backoff=0.0)
        fetcher = Fetcher(settings, httpx.MockTransport(site), resolver=public,
                          sleep=lambda _s: None)
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        fetcher.close()


def walk_all(walk: ArchiveWalk) -> list[str]:
    urls = []
    while (step := walk.next_step()) is not None:
        result = walk.run(step)
        walk.finish(step, result)
        urls.extend(item.url for item in result.items)
    return urls


# -- templates and days ---------------------------------------------------------------------


def test_day_url_fills_every_placeholder() -> None:
    day = date(2026, 2, 4)
    assert day_url(f"{SITE}/archiv/{{yyyy}}/{{mm}}/{{dd}}/", day) == f"{SITE}/archiv/2026/02/04/"
    assert day_url(f"{SITE}/news/{{date}}", day) == f"{SITE}/news/2026-02-04"
    assert day_url(f"{SITE}/a?y={{yyyy}}&m={{m}}&d={{d}}", day) == f"{SITE}/a?y=2026&m=2&d=4"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (f"{SITE}/archiv/{{year}}/{{mm}}/{{dd}}/", "unknown placeholder(s) year"),
        (f"{SITE}/archiv/{{yyyy}}/{{mm}}/", "must name the day"),
        ("ftp://kurier.example/{date}", "http(s) URL"),
        ("", "non-empty"),
    ],
)
def test_bad_templates_are_refused_with_the_reason(template: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_archive_template(template)


def test_day_items_keep_the_main_listing_and_drop_other_days() -> None:
    html = day_page(("/politik/heute-im-landtag-debattiert-a10.html", "Heute im Landtag wird "
                     "über den Haushalt debattiert"),
                    ("/2026/02/13/ein-text-vom-vortag-verlinkt", "Ein Text vom Vortag, im "
                     "Tagesarchiv verlinkt"),
                    ("/2026/02/14/ein-text-von-diesem-tag", "Ein Text von diesem Tag mit "
                     "Datum im Pfad"))
    items = day_items(html.encode(), f"{SITE}/archiv/2026/02/14/", date(2026, 2, 14))
    assert [i.url for i in items] == [f"{SITE}/politik/heute-im-landtag-debattiert-a10.html",
                                      f"{SITE}/2026/02/14/ein-text-von-diesem-tag"]
    assert items[0].title == "Heute im Landtag wird über den Haushalt debattiert"


# -- sitemaps -------------------------------------------------------------------------------


def test_index_entries_with_their_lastmod_and_relative_locs() -> None:
    sitemap = parse_sitemap(INDEX.encode(), f"{SITE}/index.xml")
    assert sitemap.kind == "index" and sitemap.error is None
    assert sitemap.entries[0] == SitemapEntry(f"{SITE}/sitemaps/2025-12.xml", date(2026, 1, 3))
    assert sitemap.entries[-1] == SitemapEntry(f"{SITE}/sitemaps/rubriken.xml", None)


def test_urlset_dates_are_the_publishers_day_news_date_first() -> None:
    entries = {e.url.rsplit("/", 1)[1]: e
               for e in parse_sitemap(FEBRUARY.encode(), SITE + "/").entries}
    assert entries["haushalt-beschlossen-a1.html"].when == date(2026, 2, 1)  # not lastmod
    assert entries["haushalt-beschlossen-a1.html"].title == "Haushalt beschlossen"
    assert entries["undatiert-a3.html"].when is None
    assert "spaet-a5.html" in entries  # canonical: the tracking parameter is gone
    january = parse_sitemap(JANUARY.encode(), SITE + "/").entries[0]
    assert january.when == date(2026, 1, 31)  # 23:30 in New York is Feb 1 in UTC


@pytest.mark.parametrize("body", [b"", b"<html><body>no</body></html>", b"<urlset", b"\xff\xfe",
                                  b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'])
def test_bad_sitemaps_give_an_error_not_an_exception(body: bytes) -> None:
    sitemap = parse_sitemap(body, SITE + "/")
    assert sitemap.entries == () and (sitemap.error or sitemap.kind == "urlset")


def test_robots_sitemap_lines() -> None:
    robots = "User-agent: *\nDisallow: /intern/\nsitemap: /news.xml\nSitemap: " \
             f"{SITE}/index.xml\nSitemap: {SITE}/index.xml\n"
    assert robots_sitemaps(robots, SITE + "/robots.txt") == [f"{SITE}/news.xml",
                                                             f"{SITE}/index.xml"]


@pytest.mark.parametrize(
    ("entry", "holds"),
    [
        (SitemapEntry(f"{SITE}/sitemaps/2025-12.xml", date(2026, 1, 3)), False),  # changed before
        (SitemapEntry(f"{SITE}/sitemaps/2026-03.xml", date(2026, 3, 5)), False),  # month after
        (SitemapEntry(f"{SITE}/sitemaps/2026-02.xml", date(2026, 2, 27)), True),
        (SitemapEntry(f"{SITE}/sitemap-2026.xml", None), True),  # the year holds the range
        (SitemapEntry(f"{SITE}/sitemap-2025.xml", None), False),
        (SitemapEntry(f"{SITE}/post-sitemap7.xml", None), True),  # nothing to go by
    ],
)
def test_which_sitemaps_of_an_index_can_hold_the_range(entry: SitemapEntry, holds: bool) -> None:
    assert sitemap_may_hold(entry, date(2026, 2, 1), date(2026, 2, 28)) is holds


# -- walks ----------------------------------------------------------------------------------


def test_a_sitemap_walk_keeps_the_range_and_the_site(make_fetcher) -> None:
    site = Site({"/index.xml": (200, INDEX), "/sitemaps/2026-02.xml": (200, FEBRUARY),
                 "/sitemaps/2026-01.xml": (200, JANUARY), "/sitemaps/rubriken.xml":
                 (200, RUBRIKEN)})
    cursor = ArchiveCursor(sitemaps_todo=[f"{SITE}/index.xml"])
    walk = ArchiveWalk(SITE + "/", date(2026, 2, 1), date(2026, 2, 28), cursor,
                       make_fetcher(site).fetch)
    found = walk_all(walk)
    assert found == [f"{SITE}/politik/haushalt-beschlossen-a1.html",
                     f"{SITE}/politik/wahlrecht-reform-a2.html",
                     f"{SITE}/politik/spaet-a5.html"]
    skipped = ("/sitemaps/2025-12.xml", "/sitemaps/2026-01.xml", "/sitemaps/2026-03.xml")
    assert [site.hits[path] for path in skipped] == [0, 0, 0]
    assert site.hits["/sitemaps/rubriken.xml"] == 1  # no date to go by: read, nothing dated
    assert (walk.done, walk.total) == (3, 3)


def test_a_day_walk_fetches_each_day_once_and_an_absent_day_is_empty(make_fetcher) -> None:
    pages = {f"/archiv/2026/02/{d:02d}/": (200, day_page(
        (f"/politik/bericht-vom-tag-nummer-{d}-a{d}.html", f"Ein Bericht vom Tag Nummer {d} "
         "im Februar"))) for d in (1, 2, 4)}
    site = Site(pages)
    cursor = ArchiveCursor(archive_url=f"{SITE}/archiv/{{yyyy}}/{{mm}}/{{dd}}/")
    walk = ArchiveWalk(SITE + "/", date(2026, 2, 1), date(2026, 2, 4), cursor,
                       make_fetcher(site).fetch)
    notes = []
    while (step := walk.next_step()) is not None:
        result = walk.run(step)
        walk.finish(step, result)
        notes += [result.note] if result.note else []
    assert notes == ["2026-02-03: no archive page (HTTP 404)"]
    assert {p: site.hits[p] for p in pages} == dict.fromkeys(pages, 1)
    assert cursor.last_day == date(2026, 2, 4) and walk.done == walk.total == 4


def test_a_failing_day_stops_the_walk_and_the_cursor_resumes_it(make_fetcher) -> None:
    template = f"{SITE}/archiv/{{yyyy}}/{{mm}}/{{dd}}/"
    pages = {f"/archiv/2026/02/{d:02d}/": (200, day_page()) for d in (1, 2, 3)}
    pages["/archiv/2026/02/02/"] = (503, "busy")
    site = Site(pages)
    fetch = make_fetcher(site).fetch
    walk = ArchiveWalk(SITE + "/", date(2026, 2, 1), date(2026, 2, 3),
                       ArchiveCursor(archive_url=template), fetch)
    with pytest.raises(TransientError):
        walk_all(walk)
    saved = walk.cursor.to_json()
    assert saved["last_day"] == "2026-02-01"
    pages["/archiv/2026/02/02/"] = (200, day_page())
    resumed = ArchiveWalk(SITE + "/", date(2026, 2, 1), date(2026, 2, 3),
                          ArchiveCursor.from_json(saved), fetch)
    assert resumed.next_step().day == date(2026, 2, 2)
    walk_all(resumed)
    assert site.hits["/archiv/2026/02/01/"] == 1 and site.hits["/archiv/2026/02/03/"] == 1
    assert resumed.cursor.last_day == date(2026, 2, 3)


def test_cursor_json_round_trip_and_junk() -> None:
    cursor = ArchiveCursor("https://x.example/{date}", ["a"], ["b"], date(2026, 2, 3))
    assert ArchiveCursor.from_json(cursor.to_json()) == cursor
    assert ArchiveCursor.from_json(None) == ArchiveCursor()


def test_a_reversed_or_huge_range_is_refused() -> None:
    with pytest.raises(InputError, match="before it starts"):
        ArchiveWalk(SITE, date(2026, 2, 2), date(2026, 2, 1), ArchiveCursor(), lambda u: None)
    with pytest.raises(InputError, match="at most"):
        ArchiveWalk(SITE, date(2000, 1, 1), date(2026, 1, 1), ArchiveCursor(), lambda u: None)
