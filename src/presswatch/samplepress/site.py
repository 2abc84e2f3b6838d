"""Render the sample press: every path of every outlet as a ready HTTP resource.

The ground truth a test compares the pipeline against is built here too: one
:class:`SampleArticle` per article page, with the canonical URL it is served under.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from presswatch.models import OutletEntry
from presswatch.samplepress.archive import archive_pages, sitemap_pages
from presswatch.samplepress.corpus import ArticleSpec, FeedSpec, OutletSpec
from presswatch.samplepress.feeds import FeedEntry, render_feed
from presswatch.samplepress.pages import Pages

HTML = "text/html; charset=utf-8"
TRACKING = "utm_source=rss&utm_medium=feed"
ROBOTS_DATE = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Resource:
    """A body ready to serve, with the validators a conditional GET compares."""

    body: bytes
    content_type: str
    last_modified: datetime
    status: int = 200
    etag: str = ""

    @classmethod
    def of(cls, body: str | bytes, content_type: str, last_modified: datetime,
           status: int = 200) -> Resource:
        data = body.encode("utf-8") if isinstance(body, str) else body
        tag = '"' + hashlib.sha256(data).hexdigest()[:24] + '"'
        return cls(data, content_type, last_modified.astimezone(UTC), status, tag)


@dataclass(frozen=True, slots=True)
class SampleArticle:
    """One article page as the pipeline should find it (the test oracle)."""

    outlet: str
    language: str
    url: str  # canonical
    title: str
    headings: tuple[str, ...]
    first_paragraph: str
    relevant: bool
    section: str  # taxonomy slug; "" for an off-topic article
    kind: str  # normal | republished | variant | paywall | hidden
    author: str = ""
    published: datetime | None = None
    text: str = ""  # lead and body as the page shows them, blank-line separated


@dataclass(frozen=True, slots=True)
class Placed:
    """An article at its place on the site."""

    outlet: OutletSpec
    spec: ArticleSpec
    path: str
    url: str


@dataclass
class OutletSite:
    spec: OutletSpec
    base_url: str
    entry: OutletEntry
    resources: dict[str, Resource] = field(default_factory=dict)
    not_found: Resource | None = None
    articles: list[SampleArticle] = field(default_factory=list)


def article_path(outlet: OutletSpec, spec: ArticleSpec, index: int) -> str:
    when = spec.published
    return outlet.article_path.format(
        rubric=spec.rubric, slug=spec.slug, yyyy=f"{when.year:04d}", mm=f"{when.month:02d}",
        dd=f"{when.day:02d}", n=4100 + 7 * index,
    )


def place_articles(outlets: list[OutletSpec], bases: dict[str, str]) -> dict[str, list[Placed]]:
    placed = {}
    for outlet in outlets:
        rows = []
        for index, spec in enumerate(outlet.articles):
            path = article_path(outlet, spec, index)
            rows.append(Placed(outlet, spec, path, bases[outlet.key] + path))
        placed[outlet.key] = rows
    return placed


def sample_article(item: Placed) -> SampleArticle:
    spec, outlet = item.spec, item.outlet
    section = spec.section or outlet.rubric(spec.rubric).section
    paywall = spec.kind == "paywall"
    parts = [spec.lead] + ([] if paywall else [b.text for b in spec.blocks])
    return SampleArticle(
        outlet=outlet.name, language=outlet.language, url=item.url, title=spec.title,
        headings=() if paywall else spec.headings, first_paragraph=spec.lead,
        relevant=spec.relevant, section=section if spec.relevant else "", kind=spec.kind,
        author=spec.author, published=spec.published, text="\n\n".join(parts),
    )


def robots_txt(outlet: OutletSpec, base: str) -> str:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in outlet.disallow] or ["Allow: /"]
    lines += [f"Sitemap: {base}{f.path}" for f in outlet.feeds if f.format == "newssitemap"]
    lines += [f"Sitemap: {base}{outlet.sitemap_index}"] if outlet.sitemap_index else []
    return "\n".join(lines) + "\n"


def feed_entries(feed: FeedSpec, rows: list[Placed]) -> list[FeedEntry]:
    entries = []
    for item in rows:
        spec = item.spec
        if spec.kind == "hidden" or (feed.rubrics and spec.rubric not in feed.rubrics):
            continue
        url = f"{item.url}?{TRACKING}" if spec.slug in feed.tracking else item.url
        rubric = item.outlet.rubric(spec.rubric)
        entries.append(FeedEntry(url, spec.title, spec.lead, spec.author, spec.published,
                                 rubric.name))
    entries.sort(key=lambda e: e.published, reverse=True)
    return entries


def latest(rows: list[Placed]) -> datetime:
    return max(item.spec.published for item in rows)


def build_site(outlet: OutletSpec, bases: dict[str, str], placed: dict[str, list[Placed]],
               pages: Pages) -> OutletSite:
    """Every resource of one outlet: home, rubric pages, articles, feeds, robots.txt, and the
    archive's day pages and sitemaps where the outlet has them."""
    base = bases[outlet.key]
    rows = placed[outlet.key]
    entry = OutletEntry(
        name=outlet.name, homepage=base + "/", country=outlet.country,
        language=outlet.language, feeds=tuple(base + f.path for f in outlet.feeds),
        pages=tuple(base + p for p in outlet.pages),
        archive_url=base + outlet.archive_path if outlet.archive_path else "",
    )
    site = OutletSite(outlet, base, entry)
    visible = [r for r in rows if r.spec.kind != "hidden"]
    res = site.resources
    res["/"] = Resource.of(pages.home(outlet, base, visible), HTML, latest(visible))
    for rubric in outlet.rubrics:
        members = [r for r in visible if r.spec.rubric == rubric.slug]
        if rubric.nav and members:
            html = pages.rubric(outlet, base, rubric, members)
            res[f"/{rubric.slug}/"] = Resource.of(html, HTML, latest(members))
    originals = {f"{o}/{p.spec.slug}": p for o, group in placed.items() for p in group}
    for item in rows:
        source = originals.get(item.spec.copy_of)
        html = pages.article(outlet, base, item, teasers(visible, item), source)
        res[item.path] = Resource.of(html, HTML, item.spec.published)
        site.articles.append(sample_article(item))
    for feed in outlet.feeds:
        body, ctype = render_feed(feed, outlet, base, feed_entries(feed, rows))
        res[feed.path] = Resource.of(body, ctype, latest(visible))
    for path, body, ctype, modified in (archive_pages(outlet, base, visible, pages)
                                        + sitemap_pages(outlet, base, visible)):
        res[path] = Resource.of(body, ctype, modified)
    res["/robots.txt"] = Resource.of(robots_txt(outlet, base), "text/plain; charset=utf-8",
                                     ROBOTS_DATE)
    site.not_found = Resource.of(pages.not_found(outlet, base), HTML, ROBOTS_DATE, status=404)
    return site


def teasers(visible: list[Placed], current: Placed, count: int = 3) -> list[Placed]:
    """The "read also" block: the next on-topic articles after this one, wrapping round."""
    start = visible.index(current) if current in visible else -1
    picked: list[Placed] = []
    for step in range(1, len(visible) + 1):
        item = visible[(start + step) % len(visible)]
        if item != current and item.spec.relevant and len(picked) < count:
            picked.append(item)
    return picked


def build_press(outlets: list[OutletSpec], bases: dict[str, str]) -> dict[str, OutletSite]:
    """One :class:`OutletSite` per outlet key; ``bases`` maps keys to ``http://host:port``."""
    placed = place_articles(outlets, bases)
    pages = Pages()
    return {o.key: build_site(o, bases, placed, pages) for o in outlets}
