"""OPML 1.0/2.0 import and OPML 2.0 export of outlets and their feeds.

Every ``<outline>`` with an ``xmlUrl`` is one feed, however deeply it is nested in folders.
Feeds with the same ``htmlUrl`` belong to one outlet; a feed without ``htmlUrl`` gets its
site's root as homepage. ``language`` and ``country`` attributes are read and written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from presswatch.errors import InputError
from presswatch.models import OutletEntry
from presswatch.sources.catalog import check_http_url

__all__ = ["parse_opml", "render_opml"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class _Group:
    name: str
    homepage: str
    country: str = ""
    language: str = ""
    feeds: list[str] = field(default_factory=list)

    def entry(self) -> OutletEntry:
        return OutletEntry(name=self.name, homepage=self.homepage, country=self.country,
                           language=self.language, feeds=tuple(self.feeds))


def _attr(outline: etree._Element, name: str) -> str:
    """An attribute, matched case-insensitively (``xmlUrl``, ``xmlurl``, ``XMLURL``)."""
    wanted = name.lower()
    for key, value in outline.attrib.items():
        if isinstance(key, str) and key.lower() == wanted:
            return value.strip()
    return ""


def _site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _label(outline: etree._Element) -> str:
    text = _attr(outline, "text") or _attr(outline, "title")
    return f"outline {text!r} (line {outline.sourceline})"


def _parse_xml(data: bytes | str) -> etree._Element:
    if isinstance(data, str):
        data = data.encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise InputError(f"OPML is not well-formed XML: {err}") from err
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise InputError("not an OPML document: the root element must be <opml>")
    return root


def _add_outline(groups: dict[str, _Group], outline: etree._Element) -> None:
    xml_url = _attr(outline, "xmlUrl")
    html_url = _attr(outline, "htmlUrl")
    if not xml_url and not (html_url and len(outline) == 0):
        return  # a folder
    try:
        feed = check_http_url(xml_url, "xmlUrl") if xml_url else ""
        homepage = check_http_url(html_url, "htmlUrl") if html_url else _site_root(feed)
    except InputError as err:
        raise InputError(f"{_label(outline)}: {err}") from err
    group = groups.get(homepage)
    if group is None:
        name = _attr(outline, "text") or _attr(outline, "title") or urlsplit(homepage).netloc
        group = groups[homepage] = _Group(name=name, homepage=homepage)
    group.country = group.country or _attr(outline, "country").upper()
    group.language = group.language or _attr(outline, "language")
    if feed and feed not in group.feeds:
        group.feeds.append(feed)


def parse_opml(data: bytes | str) -> list[OutletEntry]:
    """Outlets found in an OPML document, in document order; ``InputError`` when invalid."""
    root = _parse_xml(data)
    body = next((el for el in root if isinstance(el.tag, str)
                 and etree.QName(el).localname.lower() == "body"), None)
    if body is None:
        raise InputError("not an OPML document: <body> is missing")
    groups: dict[str, _Group] = {}
    for outline in body.iter():
        if isinstance(outline.tag, str) and etree.QName(outline).localname.lower() == "outline":
            _add_outline(groups, outline)
    return [group.entry() for group in groups.values()]


def _outline(parent: etree._Element, entry: OutletEntry, feed: str | None) -> None:
    el = etree.SubElement(parent, "outline")
    name = _xml_safe(entry.name)
    el.set("text", name)
    el.set("title", name)
    if feed:
        el.set("type", "rss")
        el.set("xmlUrl", feed)
    el.set("htmlUrl", entry.homepage)
    if entry.language:
        el.set("language", entry.language)
    if entry.country:
        el.set("country", entry.country)


def _xml_safe(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def render_opml(entries: list[OutletEntry] | tuple[OutletEntry, ...],
                title: str = "presswatch sources") -> str:
    """An OPML 2.0 document with one outline per feed (an outlet without feeds keeps one
    outline with only ``htmlUrl``, so that an export imports back to the same outlets)."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    for entry in entries:
        for feed in entry.feeds or (None,):
            _outline(body, entry, feed)
    xml = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml
