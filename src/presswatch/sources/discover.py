"""Feed discovery: the ``<link rel="alternate">`` feeds a homepage announces."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from lxml import etree

from presswatch.urls import absolute_url, canonicalize_url

__all__ = ["FEED_TYPES", "PageInfo", "describe_page", "discover_feeds"]

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json+feed",  # seen in the wild before JSON Feed 1.1 fixed the name
        "application/rdf+xml",
    }
)


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What a homepage says about itself: its title, language and announced feeds."""

    title: str
    language: str
    feeds: tuple[str, ...]


def _document(html: bytes | str) -> etree._Element | None:
    if isinstance(html, str):
        html = html.encode("utf-8")
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _feed_links(doc: etree._Element, base_url: str) -> tuple[str, ...]:
    base = doc.find(".//base[@href]")
    if base is not None:
        base_url = absolute_url(base_url, base.get("href", ""))
    found: list[str] = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            continue
        url = canonicalize_url(absolute_url(base_url, href))
        if url.startswith(("http://", "https://")) and url not in found:
            found.append(url)
    return tuple(found)


def describe_page(html: bytes | str, base_url: str) -> PageInfo:
    """Title, ``<html lang>`` and feed URLs (absolute, canonical) of an HTML page."""
    doc = _document(html)
    if doc is None:
        return PageInfo(title="", language="", feeds=())
    title_el = doc.find(".//title")
    title = " ".join((title_el.text_content() if title_el is not None else "").split())
    language = (doc.get("lang") or doc.get("xml:lang") or "").strip()
    return PageInfo(title=title, language=language, feeds=_feed_links(doc, base_url))


def discover_feeds(html: bytes | str, base_url: str) -> list[str]:
    """Feed URLs announced by ``<link rel="alternate" type="application/rss+xml|atom+xml|
    feed+json">`` in a page, resolved against ``base_url`` (and ``<base href>``)."""
    return list(describe_page(html, base_url).feeds)
