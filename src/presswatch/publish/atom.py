"""Atom 1.0 (RFC 4287) feeds of published documents, one per language and per section."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from presswatch.publish.sanitize import strip_control

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"


@dataclass(frozen=True, slots=True)
class AtomEntry:
    id: str
    title: str
    link: str
    updated: datetime
    language: str
    author: str
    content_html: str = ""
    summary: str = ""
    published: datetime | None = None
    categories: tuple[tuple[str, str], ...] = ()  # (term, label)
    source_link: str = ""


@dataclass(frozen=True, slots=True)
class AtomFeed:
    id: str
    title: str
    self_link: str
    alternate_link: str
    language: str
    author: str
    subtitle: str = ""
    entries: Sequence[AtomEntry] = field(default_factory=tuple)


def stable_id(*parts: object) -> str:
    """A permanent ``urn:uuid:`` id derived from ``parts`` (site name, document id, language)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "/".join(str(p) for p in parts)).urn


def atom_date(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _add(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    for key, value in attrs.items():
        element.set(key, strip_control(value))
    if text is not None:
        element.text = strip_control(text)
    return element


def _entry(parent: etree._Element, entry: AtomEntry) -> None:
    node = _add(parent, "entry")
    node.set(XML_LANG, entry.language)
    _add(node, "id", entry.id)
    _add(node, "title", entry.title, type="text")
    _add(node, "link", rel="alternate", type="text/html", href=entry.link, hreflang=entry.language)
    if entry.source_link:
        _add(node, "link", rel="via", type="text/html", href=entry.source_link)
    _add(node, "updated", atom_date(entry.updated))
    if entry.published is not None:
        _add(node, "published", atom_date(entry.published))
    author = _add(node, "author")
    _add(author, "name", entry.author.strip() or "unknown")
    for term, label in entry.categories:
        _add(node, "category", term=term, label=label)
    if entry.summary:
        _add(node, "summary", entry.summary, type="text")
    if entry.content_html:
        _add(node, "content", entry.content_html, type="html")


def render_atom(feed: AtomFeed) -> bytes:
    """The feed as UTF-8 XML; ``updated`` is the newest entry's (or now for an empty feed)."""
    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    root.set(XML_LANG, feed.language)
    _add(root, "id", feed.id)
    _add(root, "title", feed.title, type="text")
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle, type="text")
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_link)
    _add(root, "link", rel="alternate", type="text/html", href=feed.alternate_link)
    newest = max((e.updated for e in feed.entries), default=datetime.now(UTC))
    _add(root, "updated", atom_date(newest))
    author = _add(root, "author")
    _add(author, "name", feed.author)
    _add(root, "generator", "presswatch")
    for entry in feed.entries:
        _entry(root, entry)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
