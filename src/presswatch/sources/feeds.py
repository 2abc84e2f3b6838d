"""Feed parsing: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed and news sitemaps.

``parse_feed`` never raises for bad input. Whatever it can recover comes back as items; what
went wrong comes back as ``ParsedFeed.error``, a sentence for the feed's health row.
Item URLs are absolute and canonical, dates aware UTC.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import re
import time
import xml.sax
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
import lxml.html
from charset_normalizer import from_bytes
from feedparser.exceptions import (
    CharacterEncodingOverride,
    CharacterEncodingUnknown,
    NonXMLContentType,
)
from lxml import etree

from presswatch.models import FeedItem, ParsedFeed
from presswatch.urls import absolute_url, canonicalize_url

__all__ = ["MAX_FEED_BYTES", "detect_feed_format", "parse_feed"]

log = logging.getLogger(__name__)

#: Larger bodies are refused before parsing (the fetcher's own cap is usually lower).
MAX_FEED_BYTES = 20_000_000
_PROLOG = re.compile(
    r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S | re.I
)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_ROOTS = {"rss": "rss", "rdf": "rdf", "feed": "atom", "channel": "rss", "urlset": "sitemap",
          "sitemapindex": "sitemap"}
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _head_text(body: bytes, size: int = 8192) -> str:
    head = body[:size]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode("latin-1").removeprefix("\xef\xbb\xbf")


def detect_feed_format(body: bytes) -> str | None:
    """``rss``, ``rdf``, ``atom``, ``json``, ``sitemap``, or None when ``body`` is no feed."""
    head = _head_text(body)
    if head.lstrip().startswith("{"):
        return "json" if "jsonfeed.org/version" in head or '"items"' in head else None
    match = _ROOT.match(head, _PROLOG.match(head).end())
    if match is None:
        return None
    return _ROOTS.get(match.group(1).rpartition(":")[2].lower())


def parse_feed(body: bytes, base_url: str) -> ParsedFeed:
    """Items of a feed document. Never raises: bad input gives ``ParsedFeed(error=...)``."""
    try:
        return _parse(body, base_url)
    except Exception as err:  # noqa: BLE001 - a third-party parser met untrusted input
        log.warning("feed parser failed on %s", base_url, exc_info=True)
        return ParsedFeed(items=(), error=f"the feed could not be parsed ({type(err).__name__}: "
                                          f"{err})")


def _parse(body: bytes, base_url: str) -> ParsedFeed:
    if isinstance(body, str):
        body = body.encode("utf-8")
    if not isinstance(body, (bytes, bytearray, memoryview)):
        return ParsedFeed(items=(), error=f"expected bytes, got {type(body).__name__}")
    body = bytes(body)
    if len(body) > MAX_FEED_BYTES:
        return ParsedFeed(items=(), error=f"the feed is larger than {MAX_FEED_BYTES:,} bytes")
    if not body.strip():
        return ParsedFeed(items=(), error="empty document")
    kind = detect_feed_format(body)
    if kind == "json" or (kind is None and _head_text(body).lstrip().startswith(("{", "["))):
        return _parse_json_feed(body, base_url)
    if kind == "sitemap":
        return _parse_sitemap(body, base_url)
    return _parse_syndication(body, base_url)


# --- shared helpers ---------------------------------------------------------------------------


def _clean_text(text: object, *, is_html: bool = False) -> str:
    if not isinstance(text, str):
        return ""
    if is_html and "<" in text:
        try:
            text = lxml.html.fragment_fromstring(text, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            text = re.sub(r"<[^>]*>", " ", text)
    return " ".join(text.split())


def _item_url(link: object, base_url: str) -> str | None:
    if not isinstance(link, str) or not link.strip():
        return None
    url = canonicalize_url(absolute_url(base_url, link))
    return url if url.startswith(("http://", "https://")) else None


def _parse_date(value: object) -> datetime | None:
    """An aware UTC datetime from ISO 8601 / W3C-DTF (or, failing that, RFC 822) text."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _struct_date(value: object) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _finish(raw: Iterable[tuple[str | None, str, datetime | None, str]], title: str,
            errors: list[str], *, recognised: bool) -> ParsedFeed:
    """Dedupe items by URL, count the unusable ones and fold everything into one result."""
    items: list[FeedItem] = []
    seen: set[str] = set()
    total = without_url = 0
    for url, item_title, published, guid in raw:
        total += 1
        if url is None:
            without_url += 1
        elif url not in seen:
            seen.add(url)
            items.append(FeedItem(url=url, title=item_title, published=published, guid=guid))
    if without_url:
        errors.append(f"{without_url} of {total} items have no usable link")
    if not recognised and not items:
        errors.append("not a recognised feed (RSS, Atom, JSON Feed or news sitemap)")
    elif total == 0 and not errors:
        errors.append("the feed has no items")
    error = "; ".join(dict.fromkeys(errors)) or None
    return ParsedFeed(items=tuple(items), title=title, error=error)


# --- RSS and Atom (feedparser) ---------------------------------------------------------------


def _bozo_reason(exc: object) -> str:
    if isinstance(exc, xml.sax.SAXParseException):
        return (f"not well-formed XML: {exc.getMessage()} "
                f"(line {exc.getLineNumber()}, column {exc.getColumnNumber()})")
    if isinstance(exc, (CharacterEncodingOverride, CharacterEncodingUnknown)):
        return f"character encoding problem: {exc}"
    if isinstance(exc, NonXMLContentType):
        return f"not served as XML: {exc}"
    return f"ill-formed feed: {exc or type(exc).__name__}"


def _entry_link(entry: Any) -> object:
    link = entry.get("link")
    if link:
        return link
    for candidate in entry.get("links") or ():
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            return candidate["href"]
    return None


def _entry_title(entry: Any) -> str:
    detail = entry.get("title_detail") or {}
    return _clean_text(entry.get("title"), is_html=detail.get("type") in _HTML_TYPES)


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = _struct_date(entry.get(key))
        if parsed is not None:
            return parsed
    return None


# Feedparser reads a feed that is not UTF-8 in its declared charset or, failing that, in
# windows-1252: a windows-1251 or KOI8 feed declared (or defaulting to) UTF-8 or ISO-8859-1
# comes out as mojibake. Such a feed is read again in the code page charset_normalizer
# finds least chaotic among these, when that reading differs from feedparser's; feeds in
# other scripts (CJK, Hebrew, Greek, ...) are left to feedparser.
_SINGLE_BYTE = frozenset({"cp1252", "latin-1", "iso8859-1", "iso8859-2", "iso8859-15",
                          "cp1251", "koi8-r", "koi8-u"})
_LEGACY = ("cp1251", "koi8_r", "koi8_u", "cp1252", "iso8859_15")
_LATIN_OR_CYRILLIC = re.compile(r"cp125[0-27]|iso8859-(?:[1-59]|1[0345])|koi8-[ru]|cp866"
                                r"|mac-(?:roman|latin2|cyrillic)|kz1048|ptcp154|latin-1")
_LABELS = {"cp1251": "windows-1251", "cp1252": "windows-1252", "iso8859-15": "iso-8859-15"}
_XML_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)""")


def _codec_name(label: object) -> str | None:
    try:
        return codecs.lookup(label).name if isinstance(label, str) and label else None
    except LookupError:
        return None


def _better_charset(body: bytes, used: object) -> str | None:
    """A legacy code page that reads ``body`` better than ``used`` (feedparser's choice)."""
    used_codec = _codec_name(used)
    if used_codec not in _SINGLE_BYTE or body.isascii() or body.startswith(codecs.BOM_UTF8):
        return None
    sample = body[:200_000]
    overall = from_bytes(sample).best()
    if overall is None or not _LATIN_OR_CYRILLIC.fullmatch(_codec_name(overall.encoding) or ""):
        return None
    matches = from_bytes(sample, cp_isolation=list(dict.fromkeys([*_LEGACY, used_codec])))
    best = matches.best()
    guess = _codec_name(best.encoding) if best is not None else None
    if best is None or guess is None or guess == used_codec:
        return None
    if sample.decode(guess, "replace") == sample.decode(used_codec, "replace"):
        return None
    chaos = {_codec_name(match.encoding): match.chaos for match in matches}
    return _LABELS.get(guess, guess) if chaos.get(used_codec, 1.0) > best.chaos else None


def _misdeclared(body: bytes, charset: str) -> str:
    declared = _XML_ENCODING.match(_head_text(body, 512))
    said = f"declares {declared.group(1)}" if declared else "declares no charset (so UTF-8)"
    return f"character encoding problem: the feed {said} but is {charset}, and was read so"


def _feedparse(body: bytes, base_url: str, charset: str | None = None) -> Any:
    # A stream, never bytes or str: feedparser would treat those as a URL or a file name.
    content_type = f"application/xml; charset={charset}" if charset else "application/xml"
    return feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False,
                            response_headers={"content-location": base_url,
                                              "content-type": content_type})


def _parse_syndication(body: bytes, base_url: str) -> ParsedFeed:
    parsed = _feedparse(body, base_url)
    charset = _better_charset(body, parsed.get("encoding"))
    errors = []
    if charset is not None:
        errors.append(_misdeclared(body, charset))
        parsed = _feedparse(body, base_url, charset)
    if parsed.get("bozo"):
        errors.append(_bozo_reason(parsed.get("bozo_exception")))
    feed_info = parsed.get("feed") or {}
    title_type = (feed_info.get("title_detail") or {}).get("type")
    title = _clean_text(feed_info.get("title"), is_html=title_type in _HTML_TYPES)
    raw = (
        (_item_url(_entry_link(entry), base_url), _entry_title(entry), _entry_date(entry),
         str(entry.get("id") or ""))
        for entry in parsed.get("entries") or ()
    )
    return _finish(raw, title, errors, recognised=bool(parsed.get("version")))


# --- JSON Feed -------------------------------------------------------------------------------


def _json_items(items: list[Any], base_url: str) -> Iterable[tuple[str | None, str, datetime | None,
                                                                   str]]:
    for item in items:
        if not isinstance(item, dict):
            yield None, "", None, ""
            continue
        link = item.get("url") or item.get("external_url")
        date = _parse_date(item.get("date_published")) or _parse_date(item.get("date_modified"))
        guid = item.get("id")
        yield (_item_url(link, base_url), _clean_text(item.get("title")), date,
               str(guid) if isinstance(guid, (str, int)) else "")


def _parse_json_feed(body: bytes, base_url: str) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        return ParsedFeed(items=(), error=f"a JSON Feed must be UTF-8 ({err.reason})")
    except json.JSONDecodeError as err:
        return ParsedFeed(items=(), error=f"not valid JSON: {err}")
    except RecursionError:
        return ParsedFeed(items=(), error="not a JSON Feed: the JSON is nested too deeply")
    if not isinstance(data, dict):
        return ParsedFeed(items=(), error="not a JSON Feed: the document is not a JSON object")
    errors: list[str] = []
    version = data.get("version")
    if not (isinstance(version, str) and version.startswith("https://jsonfeed.org/version/")):
        errors.append("not a JSON Feed: the version field is missing or unknown")
    items = data.get("items")
    if not isinstance(items, list):
        errors.append("the JSON Feed has no items list")
        items = []
    return _finish(_json_items(items, base_url), _clean_text(data.get("title")), errors,
                   recognised=True)


# --- news sitemaps ---------------------------------------------------------------------------


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname.lower() if isinstance(el.tag, str) else ""


def _child_text(el: etree._Element, name: str) -> str:
    for child in el:
        if _local(child) == name:
            return (child.text or "").strip()
    return ""


def _sitemap_items(root: etree._Element, base_url: str) -> Iterable[tuple[str | None, str,
                                                                           datetime | None, str]]:
    for url_el in root:
        if _local(url_el) != "url":
            continue
        loc = _child_text(url_el, "loc")
        news = next((child for child in url_el if _local(child) == "news"), None)
        published = title = None
        if news is not None:
            published = _parse_date(_child_text(news, "publication_date"))
            title = _child_text(news, "title")
        published = published or _parse_date(_child_text(url_el, "lastmod"))
        yield _item_url(loc, base_url), _clean_text(title), published, loc


def _parse_sitemap(body: bytes, base_url: str) -> ParsedFeed:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as err:
        return ParsedFeed(items=(), error=f"not well-formed XML: {err}")
    errors = [f"not well-formed XML: {entry.message.strip()} (line {entry.line})"
              for entry in list(parser.error_log)[:1]]
    if root is None:
        return ParsedFeed(items=(), error="; ".join(errors) or "empty document")
    if _local(root) == "sitemapindex":
        errors.append("a sitemap index lists sitemaps, not articles: add a news sitemap instead")
        return ParsedFeed(items=(), error="; ".join(errors))
    return _finish(_sitemap_items(root, base_url), "", errors, recognised=_local(root) == "urlset")

