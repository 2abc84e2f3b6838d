"""Page metadata read from the parsed HTML: JSON-LD, meta tags, canonical link, lang."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml import html
from lxml.etree import LxmlError, ParserError

from presswatch.urls import canonicalize_url

log = logging.getLogger(__name__)

_PARSER = html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                          collect_ids=False, default_doctype=False)
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "blogposting", "backgroundnewsarticle", "report",
                  "liveblogposting"}
_BYLINE_XPATH = ('//*[@itemprop="author"] | //*[@rel="author"]'
                 ' | //*[contains(concat(" ", normalize-space(@class), " "), " byline ")]'
                 ' | //*[contains(concat(" ", normalize-space(@class), " "), " author ")]')
_BYLINE_PREFIX = re.compile(r"^(?:by|von|from|автор|авторка|автор:|текст|author)[:\s]+",
                            re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7»-]\s+")
# A byline's <time> follows the headline closely; later ones belong to teasers or comments.
_TIME_WINDOW = 40
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished",
                   "publishdate", "pubdate", "dc.date.issued", "dcterms.created", "date")


def parse_tree(text: str) -> html.HtmlElement | None:
    """The page as an lxml tree, or None when nothing parseable is there."""
    try:
        return html.document_fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (ParserError, ValueError) as err:
        log.debug("unparseable page: %s", err)
        return None


def json_ld_objects(tree: html.HtmlElement) -> list[dict]:
    """Every JSON object found in ``application/ld+json`` scripts, ``@graph`` flattened."""
    found: list[dict] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except ValueError:
            log.debug("invalid JSON-LD block skipped")
            continue
        found.extend(_walk_objects(data))
    return found


def _walk_objects(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _walk_objects(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk_objects(graph)


def _types(obj: dict) -> set[str]:
    value = obj.get("@type", ())
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {str(v).lower() for v in values}


def article_objects(objects: list[dict]) -> list[dict]:
    """JSON-LD objects describing an article (or the page), best candidates first."""
    articles = [o for o in objects if _types(o) & _ARTICLE_TYPES]
    pages = [o for o in objects if "webpage" in _types(o)]
    return articles + pages


def meta_content(tree: html.HtmlElement, *keys: str) -> str | None:
    """The first non-empty ``content`` of a meta tag whose property/name/itemprop is a key."""
    wanted = {k.lower() for k in keys}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if key.strip().lower() in wanted:
            content = (meta.get("content") or "").strip()
            if content:
                return content
    return None


def parse_datetime(value: str | None) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 string (a naive one is taken as UTC)."""
    if not value:
        return None
    text = value.strip().replace(" ", "T", 1) if len(value.strip()) > 10 else value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def find_published(tree: html.HtmlElement, objects: list[dict]) -> datetime | None:
    """The publication time declared by ``article:published_time`` meta or JSON-LD."""
    found = parse_datetime(meta_content(tree, *_PUBLISHED_META[:2]))
    if found:
        return found
    for obj in article_objects(objects):
        value = obj.get("datePublished") or obj.get("dateCreated")
        found = parse_datetime(value if isinstance(value, str) else None)
        if found:
            return found
    return parse_datetime(meta_content(tree, *_PUBLISHED_META[2:]))


def _time_near_headline(tree: html.HtmlElement) -> datetime | None:
    after = None
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if after is None:
            after = 0 if element.tag == "h1" else None
            continue
        after += 1
        if after > _TIME_WINDOW:
            return None
        if element.tag == "time" and "T" in (element.get("datetime") or ""):
            return parse_datetime(element.get("datetime"))
    return None


def find_page_time(tree: html.HtmlElement) -> datetime | None:
    """The time of an ``itemprop=datePublished`` element, or of a ``<time datetime>`` right
    after the headline (where a byline puts it)."""
    for node in tree.xpath('//*[@itemprop="datePublished"][@datetime or @content]'):
        found = parse_datetime(node.get("datetime") or node.get("content"))
        if found:
            return found
    return _time_near_headline(tree)


def guess_published(tree: html.HtmlElement, url: str) -> datetime | None:
    """htmldate's guess from the page's markup and URL (no free-text search: slow, guessy).

    htmldate answers with a day only: the result is midnight UTC of that day.
    """
    try:
        found = find_date(tree, extensive_search=False, original_date=True, url=url or None)
    except (ValueError, TypeError, LxmlError) as err:
        log.debug("htmldate failed on %s: %s", url, err)
        return None
    return parse_datetime(found)


def _person_name(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _person_name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_person_name(v) for v in value) if n]
        return "; ".join(dict.fromkeys(names)) or None
    return None


def _byline(tree: html.HtmlElement) -> str | None:
    for node in tree.xpath(_BYLINE_XPATH)[:5]:
        text = " ".join((node.get("content") or node.text_content()).split())
        text = _BYLINE_PREFIX.sub("", text).strip(" ,|·-")
        if 2 < len(text) <= 80 and not any(ch.isdigit() for ch in text):
            return text
    return None


def find_author(tree: html.HtmlElement, objects: list[dict]) -> str | None:
    """The author named by JSON-LD, an author meta tag, or a byline element."""
    for obj in article_objects(objects):
        name = _person_name(obj.get("author"))
        if name:
            return name
    named = meta_content(tree, "author", "article:author", "dc.creator", "parsely-author")
    if named and not named.startswith(("http://", "https://")):
        return named
    return _byline(tree)


def _title_tag(tree: html.HtmlElement) -> str | None:
    node = tree.find(".//title")
    if node is None or not node.text_content().strip():
        return None
    parts = _TITLE_SEPARATORS.split(" ".join(node.text_content().split()))
    return max(parts, key=len) if len(parts) > 1 else parts[0]


def find_title(tree: html.HtmlElement, objects: list[dict]) -> str | None:
    """og:title, JSON-LD headline, a single h1, then ``<title>`` without the site name."""
    title = meta_content(tree, "og:title", "twitter:title")
    if not title:
        for obj in article_objects(objects):
            if isinstance(obj.get("headline"), str) and obj["headline"].strip():
                title = obj["headline"]
                break
    if not title:
        headings = [h.text_content() for h in tree.iter("h1") if h.text_content().strip()]
        title = headings[0] if len(headings) == 1 else _title_tag(tree)
    title = " ".join((title or "").split())
    return title or None


def find_canonical(tree: html.HtmlElement, base_url: str) -> str | None:
    """The page's ``<link rel=canonical>`` (or og:url), absolute and canonicalized."""
    href = None
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels and (link.get("href") or "").strip():
            href = link.get("href").strip()
            break
    href = href or meta_content(tree, "og:url")
    if not href:
        return None
    try:
        absolute = urljoin(base_url, href)
        if urlsplit(absolute).scheme not in ("http", "https"):
            return None
    except ValueError:
        return None
    return canonicalize_url(absolute)


def html_lang(tree: html.HtmlElement) -> str | None:
    """The primary subtag of ``<html lang>`` (or content-language meta), lowercased."""
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    value = value or meta_content(tree, "content-language", "og:locale", "language")
    if not value:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                value = meta.get("content")
                break
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
