"""The sample press as data: outlets and their articles, read from ``articles/*.toml``.

One TOML file per outlet. The ``[outlet]`` table names the outlet, its template, its feeds
and its rubrics; every ``[[article]]`` has a headline, author, aware publication date, a lead
and a body in a tiny markup: blocks separated by a blank line, ``## `` starts a sub-heading.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from presswatch.errors import ConfigError
from presswatch.models import Block

ARTICLES_DIR = Path(__file__).parent / "articles"
#: Outlets without any feed (front, section and archive pages only), served on request.
FEEDLESS_DIR = ARTICLES_DIR / "feedless"
KINDS = ("normal", "republished", "variant", "paywall", "hidden")
SECTIONS = ("geopolitics", "military", "politics", "economy", "energy", "society")
FEED_FORMATS = ("rss2", "atom", "rss1", "jsonfeed", "newssitemap", "rss2-truncated")
MIN_BODY_CHARS = 900


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed of an outlet: where it lives, its format and which rubrics it lists."""

    path: str
    format: str
    title: str
    rubrics: tuple[str, ...] = ()  # empty: every listed article
    tracking: tuple[str, ...] = ()  # article slugs linked with utm_* parameters here


@dataclass(frozen=True, slots=True)
class Rubric:
    slug: str  # URL segment, e.g. "politik"
    name: str  # shown in navigation, e.g. "Politik"
    section: str  # taxonomy slug or "" for off-topic rubrics
    nav: bool = True  # shown in the site navigation


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    slug: str
    rubric: str
    title: str
    author: str
    published: datetime
    lead: str
    blocks: tuple[Block, ...]
    relevant: bool = True
    kind: str = "normal"
    comments: tuple[int, ...] = ()  # indexes into the outlet's comment pool
    copy_of: str = ""  # "outlet-key/article-slug" for a republished copy
    section: str = ""  # overrides the rubric's section (an article under /intern/)

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "h2")

    @property
    def body_text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True, slots=True)
class OutletSpec:
    key: str  # file stem and template folder
    name: str
    language: str
    country: str
    tagline: str
    article_path: str  # pattern with {rubric} {slug} {yyyy} {mm} {dd} {n}
    not_found: str
    rubrics: tuple[Rubric, ...]
    feeds: tuple[FeedSpec, ...]
    disallow: tuple[str, ...]
    comments: tuple[tuple[str, str], ...]  # (reader name, comment)
    articles: tuple[ArticleSpec, ...]
    archive_path: str = ""  # one page per day: "/archiv/{yyyy}/{mm}/{dd}/"
    sitemap_index: str = ""  # a sitemap index with one sitemap per month: "/sitemap.xml"
    pages: tuple[str, ...] = ()  # paths listed as the outlet's pages in the catalog

    def rubric(self, slug: str) -> Rubric:
        for rubric in self.rubrics:
            if rubric.slug == slug:
                return rubric
        raise ConfigError(f"{self.key}: unknown rubric {slug!r}")


def parse_body(markup: str) -> tuple[Block, ...]:
    """Blocks from the body markup: blank-line separated, ``## `` marks a sub-heading."""
    blocks = []
    for chunk in markup.strip().split("\n\n"):
        text = " ".join(chunk.split())
        if not text:
            continue
        if text.startswith("## "):
            blocks.append(Block("h2", text[3:].strip()))
        else:
            blocks.append(Block("p", text))
    return tuple(blocks)


def _article(raw: dict, key: str) -> ArticleSpec:
    published = raw["published"]
    if not isinstance(published, datetime) or published.tzinfo is None:
        raise ConfigError(f"{key}/{raw['slug']}: published must be an aware datetime")
    kind = raw.get("kind", "normal")
    if kind not in KINDS:
        raise ConfigError(f"{key}/{raw['slug']}: unknown kind {kind!r}")
    return ArticleSpec(
        slug=raw["slug"],
        rubric=raw["rubric"],
        title=raw.get("title", ""),
        author=raw.get("author", ""),
        published=published,
        lead=" ".join(raw.get("lead", "").split()),
        blocks=parse_body(raw.get("body", "")),
        relevant=raw.get("relevant", True),
        kind=kind,
        comments=tuple(raw.get("comments", (0, 1))),
        copy_of=raw.get("copy_of", ""),
        section=raw.get("section", ""),
    )


def _outlet(raw: dict, key: str) -> OutletSpec:
    head = raw["outlet"]
    rubrics = tuple(
        Rubric(r["slug"], r["name"], r.get("section", ""), r.get("nav", True))
        for r in head["rubric"]
    )
    feeds = tuple(
        FeedSpec(
            path=f["path"],
            format=f["format"],
            title=f["title"],
            rubrics=tuple(f.get("rubrics", ())),
            tracking=tuple(f.get("tracking", ())),
        )
        for f in head.get("feed", ())
    )
    for feed in feeds:
        if feed.format not in FEED_FORMATS:
            raise ConfigError(f"{key}: unknown feed format {feed.format!r}")
    return OutletSpec(
        key=key,
        name=head["name"],
        language=head["language"],
        country=head["country"],
        tagline=head["tagline"],
        article_path=head["article_path"],
        not_found=head["not_found"],
        rubrics=rubrics,
        feeds=feeds,
        disallow=tuple(head.get("disallow", ())),
        comments=tuple((c["name"], c["text"]) for c in head["comment"]),
        articles=tuple(_article(a, key) for a in raw.get("article", ())),
        archive_path=head.get("archive_path", ""),
        sitemap_index=head.get("sitemap_index", ""),
        pages=tuple(head.get("pages", ())),
    )


def _resolve_copies(outlets: list[OutletSpec]) -> list[OutletSpec]:
    """Fill a republished copy's headline, author, lead and body from its original."""
    by_key = {(o.key, a.slug): a for o in outlets for a in o.articles}
    resolved = []
    for outlet in outlets:
        articles = []
        for art in outlet.articles:
            if art.copy_of:
                src_key, _, src_slug = art.copy_of.partition("/")
                original = by_key.get((src_key, src_slug))
                if original is None:
                    raise ConfigError(f"{outlet.key}/{art.slug}: no original {art.copy_of!r}")
                art = dataclasses.replace(
                    original, slug=art.slug, rubric=art.rubric, published=art.published,
                    kind="republished", comments=art.comments, copy_of=art.copy_of,
                )
            articles.append(art)
        resolved.append(dataclasses.replace(outlet, articles=tuple(articles)))
    return resolved


def load_outlets(directory: Path = ARTICLES_DIR) -> list[OutletSpec]:
    """Every outlet of the sample press, in file-name order, copies resolved."""
    outlets = []
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as fh:
            try:
                raw = tomllib.load(fh)
            except tomllib.TOMLDecodeError as err:
                raise ConfigError(f"{path.name}: {err}") from err
        outlets.append(_outlet(raw, path.stem))
    return _resolve_copies(outlets)
