"""Who wrote the article: a tuple of names, from JSON-LD, author metas or a byline.

A byline often names several people in one string ("By Anna Smith and Tom Lee", "Von Anna
Schmidt und Tom Berg", "Анна Иванова, Пётр Смирнов"): it is split into names. What is not
a person's name is left out: URLs, e-mail addresses, dates, long sentences.
"""

from __future__ import annotations

import re

from lxml import html

from presswatch.extract.metadata import article_objects, meta_content

_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "byl",
                "sailthru.author")
_BYLINE_XPATH = ('//*[@itemprop="author"] | //*[@rel="author"]'
                 ' | //*[contains(concat(" ", normalize-space(@class), " "), " byline ")]'
                 ' | //*[contains(concat(" ", normalize-space(@class), " "), " author ")]')
_PREFIX = re.compile(r"^(?:by|von|from|par|por|przez|autor(?:in|ka)?|автор(?:ка)?|текст"
                     r"|author|written by|geschrieben von)\b[:\s]*", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:[,;/&|·]|\s(?:and|und|et|y|i|и|і|та|oraz)\s)\s*",
                         re.IGNORECASE)
_MAX_WORDS = 5
_MAX_NAME = 60
_MAX_BYLINE = 120


def _clean(name: str) -> str | None:
    name = _PREFIX.sub("", " ".join(name.split())).strip(" ,.;:|·-–—()")
    if not name or len(name) > _MAX_NAME or len(name.split()) > _MAX_WORDS:
        return None
    if any(ch.isdigit() for ch in name) or "@" in name:
        return None
    return name


def split_names(text: str) -> tuple[str, ...]:
    """The names in one byline string, in order, without prefixes and duplicates."""
    if len(text) > _MAX_BYLINE or "://" in text or "www." in text:
        return ()
    cleaned = _PREFIX.sub("", " ".join(text.split()))
    names = (_clean(part) for part in _SEPARATORS.split(cleaned))
    return tuple(dict.fromkeys(name for name in names if name))


def _structured_names(value: object) -> list[str]:
    if isinstance(value, str):
        return list(split_names(value))
    if isinstance(value, dict):
        return _structured_names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _structured_names(item)]
    return []


def _byline(tree: html.HtmlElement) -> tuple[str, ...]:
    for node in tree.xpath(_BYLINE_XPATH)[:5]:
        names = split_names(node.get("content") or node.text_content())
        if names:
            return names
    return ()


def find_authors(tree: html.HtmlElement, objects: list[dict]) -> tuple[str, ...]:
    """The authors named by JSON-LD, an author meta tag, or a byline element."""
    for obj in article_objects(objects):
        names = _structured_names(obj.get("author"))
        if names:
            return tuple(dict.fromkeys(names))
    named = meta_content(tree, *_AUTHOR_META)
    if named and not named.startswith(("http://", "https://")):
        names = split_names(named)
        if names:
            return names
    return _byline(tree)


def joined(authors: tuple[str, ...]) -> str | None:
    """The authors as one string ("A; B"), the form of ``Article.author``."""
    return "; ".join(authors) or None
