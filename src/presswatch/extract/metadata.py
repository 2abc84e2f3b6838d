"""Page metadata read from the parsed HTML: JSON-LD, meta tags, canonical link, lang, lead
image and the outlet's section."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from lxml import html
from lxml.etree import ParserError

from presswatch.urls import canonicalize_url

log = logging.getLogger(__name__)

_PARSER = html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                          collect_ids=False, default_doctype=False)
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "blogposting", "backgroundnewsarticle", "report",
                  "liveblogposting"}
_SECTION_MAX = 60
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7»-]\s+")


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


def _image_url(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _image_url(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, list):
        return next((url for url in map(_image_url, value) if url), None)
    return None


def _absolute(href: str | None, base_url: str) -> str | None:
    if not href:
        return None
    try:
        absolute = urljoin(base_url, href.strip())
    except ValueError:
        return None
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def find_image(tree: html.HtmlElement, objects: list[dict], base_url: str) -> str | None:
    """The lead image: ``og:image``, ``twitter:image``, JSON-LD ``image``, absolute."""
    href = meta_content(tree, "og:image", "og:image:url", "og:image:secure_url",
                        "twitter:image", "twitter:image:src")
    if not href:
        href = next((url for url in (_image_url(obj.get("image"))
                                     for obj in article_objects(objects)) if url), None)
    if not href:
        nodes = tree.xpath('//*[@itemprop="image"][@content or @src or @href]')
        href = (nodes[0].get("content") or nodes[0].get("src") or nodes[0].get("href")
                if nodes else None)
    return _absolute(href, base_url)


def _first_text(value: object) -> str | None:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, list):
        return next((text for text in map(_first_text, value) if text), None)
    return None


def _crumb_name(item: dict) -> str | None:
    inner = item.get("item")
    return _first_text(item.get("name") or (inner.get("name") if isinstance(inner, dict) else None))


def _position(item: dict) -> int:
    position = item.get("position")
    return position if isinstance(position, int) else 0


def _breadcrumb_names(objects: list[dict]) -> list[str]:
    for obj in objects:
        steps = obj.get("itemListElement")
        if "breadcrumblist" in _types(obj) and isinstance(steps, list):
            items = sorted((i for i in steps if isinstance(i, dict)), key=_position)
            return [name for name in map(_crumb_name, items) if name]
    return []


def _html_breadcrumb(tree: html.HtmlElement) -> list[str]:
    for trail in tree.xpath('//*[contains(translate(@class, "BREADCRUMB", "breadcrumb"),'
                            ' "breadcrumb") or contains(translate(@aria-label, "BREADCRUMB",'
                            ' "breadcrumb"), "breadcrumb")]')[:1]:
        return [" ".join(a.text_content().split()) for a in trail.iter("a")
                if a.text_content().strip()]
    return []


def find_section(tree: html.HtmlElement, objects: list[dict], title: str) -> str | None:
    """The section as the outlet names it: ``article:section``, JSON-LD ``articleSection``,
    else the last breadcrumb step before the article itself (the home page left out)."""
    named = meta_content(tree, "article:section", "og:article:section")
    if named:
        return " ".join(named.split())
    for obj in article_objects(objects):
        named = _first_text(obj.get("articleSection"))
        if named:
            return named
    trail = _breadcrumb_names(objects) or _html_breadcrumb(tree)
    steps = [step for step in trail[1:] if step.casefold() != title.casefold()]
    return steps[-1] if steps and len(steps[-1]) <= _SECTION_MAX else None
