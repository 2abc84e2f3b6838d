"""The sample press's archives, for backfills: day pages and a sitemap index.

* ``archive_path`` (``/archiv/{yyyy}/{mm}/{dd}/``): one page for every day of the months the
  outlet published in, listing that day's articles (empty days say so), with links to the
  day before and after and, where the template has one, a "most read" box of other days;
* ``sitemap_index`` (``/sitemap.xml``): a sitemap index with one sitemap per month
  (``/sitemaps/2026-02.xml``, each ``<lastmod>`` the month's latest article) and one of the
  outlet's section pages without dates.

A day is the publisher's calendar day: an article of ``2026-02-14T00:30+02:00`` is on the 14th.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from presswatch.samplepress.corpus import OutletSpec
from presswatch.samplepress.pages import MONTHS, Pages

if TYPE_CHECKING:
    from presswatch.samplepress.site import Placed

#: (path, body, content type, last modified)
Page = tuple[str, str, str, datetime]

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
ARCHIVE_WORD = {"de": "Archiv", "en": "Archive", "ru": "Архив", "uk": "Архів"}
SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def day_of(item: Placed) -> date:
    return item.spec.published.date()


def day_heading(outlet: OutletSpec, day: date) -> str:
    """"Archiv: 14. Februar 2026", "Архів: 14 лютого 2026", "Archive: February 14, 2026"."""
    month = MONTHS.get(outlet.language, MONTHS["en"])[day.month - 1]
    word = ARCHIVE_WORD.get(outlet.language, "Archive")
    if outlet.language == "en":
        return f"{word}: {month} {day.day}, {day.year}"
    if outlet.language == "de":
        return f"{word}: {day.day}. {month} {day.year}"
    return f"{word}: {day.day} {month} {day.year}"


def _months(rows: list[Placed]) -> tuple[date, date]:
    """The first day of the first month and the last day of the last month with articles."""
    first = min(day_of(r) for r in rows).replace(day=1)
    last = max(day_of(r) for r in rows)
    after = (last.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first, after - timedelta(days=1)


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def archive_pages(outlet: OutletSpec, base: str, visible: list[Placed], pages: Pages) -> list[Page]:
    """Every day page of the outlet's archive."""
    if not outlet.archive_path or not visible:
        return []
    first, last = _months(visible)
    by_time = sorted(visible, key=lambda r: r.spec.published)

    def path(day: date) -> str:
        return outlet.archive_path.format(yyyy=f"{day.year:04d}", mm=f"{day.month:02d}",
                                          dd=f"{day.day:02d}")

    result = []
    for day in _days(first, last):
        items = [r for r in reversed(by_time) if day_of(r) == day]
        popular = [r for r in by_time if day_of(r) != day and r.spec.relevant][:3]
        days = {"prev": base + path(day - timedelta(days=1)) if day > first else "",
                "next": base + path(day + timedelta(days=1)) if day < last else ""}
        html = pages.archive_day(outlet, base, day_heading(outlet, day), base + path(day),
                                 items, popular, days)
        modified = max((r.spec.published for r in items), default=_midnight(day))
        result.append((path(day), html, HTML, modified))
    return result


def _urlset(urls: list[tuple[str, datetime | None]]) -> str:
    rows = "".join(
        f"\n  <url><loc>{escape(url)}</loc>"
        + (f"<lastmod>{when.isoformat(timespec='seconds')}</lastmod>" if when else "")
        + "</url>"
        for url, when in urls
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {SITEMAP_NS}>{rows}\n</urlset>\n'


def sitemap_pages(outlet: OutletSpec, base: str, visible: list[Placed]) -> list[Page]:
    """The sitemap index, one sitemap per month with articles, and one of section pages."""
    if not outlet.sitemap_index or not visible:
        return []
    months: dict[str, list[Placed]] = {}
    for item in sorted(visible, key=lambda r: r.spec.published):
        months.setdefault(day_of(item).strftime("%Y-%m"), []).append(item)
    result: list[Page] = []
    index: list[tuple[str, datetime | None]] = []
    for month, items in months.items():
        path = f"/sitemaps/{month}.xml"
        latest = max(i.spec.published for i in items)
        result.append((path, _urlset([(i.url, i.spec.published) for i in items]), XML, latest))
        index.append((base + path, latest))
    sections = [(base + "/", None)] + [(f"{base}/{r.slug}/", None) for r in outlet.rubrics
                                       if r.nav]
    newest = max(i.spec.published for i in visible)
    result.append(("/sitemaps/pages.xml", _urlset(sections), XML, newest))
    index.append((base + "/sitemaps/pages.xml", None))
    rows = "".join(
        f"\n  <sitemap><loc>{escape(url)}</loc>"
        + (f"<lastmod>{when.isoformat(timespec='seconds')}</lastmod>" if when else "")
        + "</sitemap>"
        for url, when in index
    )
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex {SITEMAP_NS}>{rows}\n'
            "</sitemapindex>\n")
    result.append((outlet.sitemap_index, body, XML, newest))
    return result
