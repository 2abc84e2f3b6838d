"""An outlet's archive over a date range: its sitemaps and its day pages, walked step by step.

Two ways into an archive, used together when an outlet has both:

* **sitemaps** (a sitemap index, its sitemaps, news sitemaps): an index's sitemaps are kept
  when their ``<lastmod>`` and the month or year in their name can hold the range; a sitemap's
  URLs when their ``news:publication_date`` (else ``<lastmod>``) falls in the range;
* **day pages** from a template such as ``https://x.example/archiv/{yyyy}/{mm}/{dd}/``
  (placeholders ``{yyyy} {mm} {dd} {m} {d} {date}``): one page per day, its article links
  read from the page's main region.

``ArchiveWalk`` does one step at a time (one sitemap or one day) and keeps what is finished in
an ``ArchiveCursor``, a small JSON object, so that an interrupted backfill resumes where it
stopped. Dates are the publisher's: ``2026-02-14T00:30+01:00`` is on the 14th.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from lxml import etree

from presswatch.errors import FetchError, InputError, SourceError
from presswatch.models import FeedItem, Response
from presswatch.sources.links import article_links, same_site
from presswatch.urls import absolute_url, canonicalize_url

__all__ = [
    "ArchiveCursor",
    "ArchiveWalk",
    "Sitemap",
    "SitemapEntry",
    "Step",
    "StepResult",
    "check_archive_template",
    "day_url",
    "parse_sitemap",
    "robots_sitemaps",
    "sitemap_may_hold",
]

PLACEHOLDERS = ("yyyy", "mm", "dd", "m", "d", "date")
#: The longest range one backfill walks (about ten years of day pages).
MAX_DAYS = 3700
#: URLs read from one sitemap at most (the protocol allows 50,000).
MAX_SITEMAP_URLS = 50_000
_FIELD = re.compile(r"\{([^{}]*)\}")
_PERIOD = re.compile(
    r"(?<!\d)(19[89]\d|20\d\d)(?:[-_/.]?(0[1-9]|1[0-2]))?(?:[-_/.]?(0[1-9]|[12]\d|3[01]))?(?!\d)"
)
_DAY_IN_URL = re.compile(
    r"(?<!\d)(19[89]\d|20\d\d)([-/]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)


# -- day pages -------------------------------------------------------------------------------


def day_url(template: str, day: date) -> str:
    """The archive page of ``day``: ``{yyyy}/{mm}/{dd}`` (and ``{m} {d} {date}``) filled in."""
    return template.format(yyyy=f"{day.year:04d}", mm=f"{day.month:02d}", dd=f"{day.day:02d}",
                           m=str(day.month), d=str(day.day), date=day.isoformat())


def check_archive_template(template: object) -> str:
    """``template`` if it names a day (``{yyyy}`` ``{mm}`` ``{dd}``, or ``{date}``) in an
    http(s) URL; ``InputError`` saying what is wrong otherwise."""
    if not isinstance(template, str) or not template.strip():
        raise InputError(f"archive_url must be a non-empty string, not {template!r}")
    template = template.strip()
    names = set(_FIELD.findall(template))
    unknown = sorted(names - set(PLACEHOLDERS))
    if unknown:
        raise InputError(f"archive_url has unknown placeholder(s) {', '.join(unknown)}; "
                         f"use {{yyyy}} {{mm}} {{dd}} {{m}} {{d}} or {{date}}")
    whole_date = "date" in names
    if not whole_date and not ("yyyy" in names and names & {"mm", "m"} and names & {"dd", "d"}):
        raise InputError("archive_url must name the day with {yyyy}, {mm} and {dd} (or {date}) "
                         f"as in https://x.example/archiv/{{yyyy}}/{{mm}}/{{dd}}/: {template!r}")
    sample = day_url(template, date(2026, 2, 14))
    parts = urlsplit(sample)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"archive_url must be an http(s) URL with a host, not {template!r}")
    return template


def _day_in_url(url: str) -> date | None:
    match = _DAY_IN_URL.search(urlsplit(url).path)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    except ValueError:
        return None


def day_items(body: bytes, page_url: str, day: date) -> tuple[FeedItem, ...]:
    """The article links of one day's archive page; a link dated another day is left out."""
    links = article_links(body, page_url, known={canonicalize_url(page_url)}, main_only=True)
    return tuple(FeedItem(url=link.url, title=link.text) for link in links
                 if _day_in_url(link.url) in (None, day))


# -- sitemaps --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """A ``<loc>`` with its date (the publication date, else ``<lastmod>``) and title."""

    url: str
    when: date | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: an ``index`` lists sitemaps, a ``urlset`` lists pages."""

    kind: str  # index | urlset | unknown
    entries: tuple[SitemapEntry, ...] = ()
    error: str | None = None


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname.lower() if isinstance(el.tag, str) else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el if _local(c) == name), None)


def _text(el: etree._Element | None) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


def _publisher_date(value: str) -> date | None:
    """The calendar day of a W3C datetime as the publisher wrote it (its own offset)."""
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def _entry(el: etree._Element, base_url: str) -> SitemapEntry | None:
    loc = _text(_child(el, "loc"))
    if not loc:
        return None
    url = canonicalize_url(absolute_url(base_url, loc))
    if not url.startswith(("http://", "https://")):
        return None
    news = _child(el, "news")
    when = _publisher_date(_text(_child(news, "publication_date"))) if news is not None else None
    title = _text(_child(news, "title")) if news is not None else ""
    return SitemapEntry(url, when or _publisher_date(_text(_child(el, "lastmod"))), title)


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """A sitemap index or urlset. Never raises: bad input gives ``Sitemap(error=...)``."""
    if not body or not body.strip():
        return Sitemap("unknown", error="empty document")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as err:
        return Sitemap("unknown", error=f"not well-formed XML: {err}")
    if root is None:
        return Sitemap("unknown", error="not well-formed XML")
    kind = {"sitemapindex": "index", "urlset": "urlset"}.get(_local(root))
    if kind is None:
        return Sitemap("unknown", error=f"not a sitemap (root element <{_local(root)}>)")
    wanted = "sitemap" if kind == "index" else "url"
    entries = []
    for el in root:
        if _local(el) == wanted and (entry := _entry(el, base_url)) is not None:
            entries.append(entry)
            if len(entries) >= MAX_SITEMAP_URLS:
                break
    return Sitemap(kind, tuple(dict.fromkeys(entries)))


def robots_sitemaps(body: bytes | str, base_url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt, absolute and canonical, in order."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    found: list[str] = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            url = canonicalize_url(absolute_url(base_url, value.strip()))
            if url.startswith(("http://", "https://")) and url not in found:
                found.append(url)
    return found


def _period(url: str) -> tuple[date, date] | None:
    """The year, month or day a sitemap's name says it covers (``sitemap-2026-02.xml``)."""
    path = urlsplit(url).path
    matches = list(_PERIOD.finditer(path))
    if not matches:
        return None
    year, month, day = matches[-1].groups()
    try:
        if day and month:
            first = last = date(int(year), int(month), int(day))
        elif month:
            first = date(int(year), int(month), 1)
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        else:
            first, last = date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None
    return first, last


def sitemap_may_hold(entry: SitemapEntry, start: date, end: date) -> bool:
    """Whether a sitemap listed by an index can hold pages published from ``start`` to ``end``:
    not when it last changed before ``start``, nor when its name names a period outside."""
    if entry.when is not None and entry.when < start:
        return False
    period = _period(entry.url)
    return period is None or (period[0] <= end and period[1] >= start)


# -- the walk --------------------------------------------------------------------------------


@dataclass
class ArchiveCursor:
    """What a backfill has finished, as JSON for the ``Backfill.cursor`` column."""

    archive_url: str = ""
    sitemaps_todo: list[str] = field(default_factory=list)
    sitemaps_done: list[str] = field(default_factory=list)
    last_day: date | None = None  # the last day page finished

    def to_json(self) -> dict:
        return {"version": 1, "archive_url": self.archive_url,
                "sitemaps_todo": list(self.sitemaps_todo),
                "sitemaps_done": list(self.sitemaps_done),
                "last_day": self.last_day.isoformat() if self.last_day else None}

    @classmethod
    def from_json(cls, data: object) -> ArchiveCursor:
        data = data if isinstance(data, dict) else {}
        last = data.get("last_day")
        return cls(archive_url=str(data.get("archive_url") or ""),
                   sitemaps_todo=[str(u) for u in data.get("sitemaps_todo") or ()],
                   sitemaps_done=[str(u) for u in data.get("sitemaps_done") or ()],
                   last_day=date.fromisoformat(last) if isinstance(last, str) else None)


@dataclass(frozen=True, slots=True)
class Step:
    """One unit of a walk: a sitemap or a day page."""

    kind: str  # sitemap | day
    url: str
    day: date | None = None

    @property
    def label(self) -> str:
        return self.day.isoformat() if self.day else self.url.rsplit("/", 1)[-1] or self.url


@dataclass(frozen=True, slots=True)
class StepResult:
    """What one step found: article items in the range, further sitemaps, a note."""

    items: tuple[FeedItem, ...] = ()
    sitemaps: tuple[str, ...] = ()
    note: str | None = None


Fetch = Callable[[str], Response]


class ArchiveWalk:
    """The sitemaps first (an index adds its sitemaps), then one page per day, oldest first.

    ``run`` fetches through ``fetch`` (the pipeline's polite ``Fetcher.fetch``); a page that
    is not there (404, 410) is an empty day and a broken sitemap a note, while any other
    ``SourceError`` of a day page and every ``TransientError`` propagate: the walk stops and
    resumes from its cursor later.
    """

    def __init__(self, site_url: str, start: date, end: date, cursor: ArchiveCursor,
                 fetch: Fetch) -> None:
        if end < start:
            raise InputError(f"the range ends ({end}) before it starts ({start})")
        if (end - start).days + 1 > MAX_DAYS:
            raise InputError(f"a backfill covers at most {MAX_DAYS} days")
        self.site_url, self.start, self.end = site_url, start, end
        self.cursor = cursor
        self._fetch = fetch

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1 if self.cursor.archive_url else 0

    @property
    def days_done(self) -> int:
        last = self.cursor.last_day
        if not self.cursor.archive_url or last is None or last < self.start:
            return 0
        return min(self.days, (last - self.start).days + 1)

    @property
    def total(self) -> int:
        return len(self.cursor.sitemaps_done) + len(self.cursor.sitemaps_todo) + self.days

    @property
    def done(self) -> int:
        return len(self.cursor.sitemaps_done) + self.days_done

    def next_step(self) -> Step | None:
        if self.cursor.sitemaps_todo:
            return Step("sitemap", self.cursor.sitemaps_todo[0])
        if self.days_done < self.days:
            day = self.start + timedelta(days=self.days_done)
            return Step("day", day_url(self.cursor.archive_url, day), day)
        return None

    def run(self, step: Step) -> StepResult:
        if step.kind == "day":
            return self._run_day(step)
        return self._run_sitemap(step)

    def finish(self, step: Step, result: StepResult) -> None:
        """Record ``step`` as done (and the sitemaps it found as to do)."""
        cursor = self.cursor
        if step.kind == "day":
            cursor.last_day = step.day
            return
        cursor.sitemaps_todo = [u for u in cursor.sitemaps_todo if u != step.url]
        cursor.sitemaps_done.append(step.url)
        seen = set(cursor.sitemaps_todo) | set(cursor.sitemaps_done)
        cursor.sitemaps_todo.extend(u for u in dict.fromkeys(result.sitemaps) if u not in seen)

    def _run_day(self, step: Step) -> StepResult:
        try:
            response = self._fetch(step.url)
        except FetchError as err:
            if err.status in (404, 410):
                return StepResult(note=f"{step.label}: no archive page (HTTP {err.status})")
            raise
        return StepResult(items=day_items(response.body, response.final_url, step.day))

    def _run_sitemap(self, step: Step) -> StepResult:
        try:
            response = self._fetch(step.url)
        except SourceError as err:
            return StepResult(note=str(err))
        sitemap = parse_sitemap(response.body, response.final_url)
        if sitemap.kind == "index":
            children = tuple(e.url for e in sitemap.entries
                             if sitemap_may_hold(e, self.start, self.end))
            return StepResult(sitemaps=children, note=sitemap.error)
        items = tuple(
            FeedItem(url=e.url, title=e.title)
            for e in sitemap.entries
            if e.when is not None and self.start <= e.when <= self.end
            and same_site(e.url, self.site_url)
        )
        note = f"{step.url}: {sitemap.error}" if sitemap.error else None
        return StepResult(items=items, note=note)
