"""Domain objects shared by the stages. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

BLOCK_KINDS = ("h2", "h3", "p", "quote", "li")
SITE_LANGUAGES = ("uk", "en", "ru")


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of an article body: a heading, paragraph, quote or list item."""

    kind: str  # one of BLOCK_KINDS
    text: str


def blocks_to_text(blocks: tuple[Block, ...] | list[Block]) -> str:
    """Plain text with paragraphs separated by a blank line."""
    return "\n\n".join(b.text for b in blocks)


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """An outlet as written in a catalog file or found in OPML."""

    name: str
    homepage: str
    country: str = ""
    language: str = ""
    feeds: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()  # front and section pages whose article links are crawled
    sitemaps: tuple[str, ...] = ()  # news sitemaps crawled like feeds
    archive_url: str = ""  # a day's archive page: "https://x/archiv/{yyyy}/{mm}/{dd}/"


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched HTTP response (after redirects)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str
    title: str = ""
    published: datetime | None = None
    guid: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What the feed stage found. ``error`` is set for ill-formed input (items may still be)."""

    items: tuple[FeedItem, ...]
    title: str = ""
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An extracted article."""

    url: str
    title: str
    blocks: tuple[Block, ...]
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None
    paywalled: bool = False
    authors: tuple[str, ...] = ()
    modified: datetime | None = None
    image: str | None = None
    outlet_section: str | None = None  # the section as the outlet names it

    @property
    def text(self) -> str:
        return blocks_to_text(self.blocks)


@dataclass(frozen=True, slots=True)
class Rejected:
    """An expected non-result with its reason (``too_short``, ``not_html``, ...)."""

    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Enrichment:
    section: str | None
    relevant: bool
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Translation:
    """An article's title and body in one site language.

    status: ``original`` (the article is in this language), ``machine`` (engine output with the
    glossary applied), ``untranslated`` (no engine: the original is shown, marked as such).
    """

    language: str
    title: str
    blocks: tuple[Block, ...]
    status: str
    engine: str | None = None
    note: str = ""
    source_language: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    # where each segment came from, title first, then one per block: "engine:apertium",
    # "memory:exact", "memory:fuzzy:92", "original", "untranslated"; empty when unknown
    segment_origins: tuple[str, ...] = ()
