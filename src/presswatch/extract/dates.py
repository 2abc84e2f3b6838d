"""When an article was published and last modified, as aware UTC datetimes.

What the page declares comes first: Open Graph ``article:published_time``, schema.org
``datePublished`` (JSON-LD or microdata), other date metas, a byline's ``<time>`` right after
the headline. Only where nothing is declared does htmldate guess from the markup and URL,
and only where that finds nothing either does it search the page's text (slower). A guess
names a day only: it comes back as midnight UTC of that day.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from htmldate import find_date
from lxml import html
from lxml.etree import LxmlError

from presswatch.extract.metadata import article_objects, meta_content

log = logging.getLogger(__name__)

_PUBLISHED_META = ("article:published_time", "og:article:published_time")
_OTHER_PUBLISHED_META = ("datepublished", "publishdate", "pubdate", "dc.date.issued",
                         "dcterms.created", "date", "sailthru.date", "parsely-pub-date")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "og:article:modified_time",
                  "datemodified", "dcterms.modified", "last-modified", "lastmod")
# A byline's <time> follows the headline closely; later ones belong to teasers or comments.
_TIME_WINDOW = 40
# Years a news page can plausibly carry.
_EARLIEST_YEAR = 1990


def parse_datetime(value: object) -> datetime | None:
    """An aware UTC datetime from ISO 8601 (or RFC 2822) text; a naive one is taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if len(text) > 10 and text[10] == " ":
        text = text[:10] + "T" + text[11:]
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    parsed = parsed.astimezone(UTC)
    return parsed if parsed.year >= _EARLIEST_YEAR else None


def _declared(objects: list[dict], keys: tuple[str, ...]) -> datetime | None:
    for obj in article_objects(objects):
        for key in keys:
            found = parse_datetime(obj.get(key))
            if found:
                return found
    return None


def _microdata(tree: html.HtmlElement, prop: str) -> datetime | None:
    for node in tree.xpath(f'//*[@itemprop="{prop}"][@datetime or @content]'):
        found = parse_datetime(node.get("datetime") or node.get("content"))
        if found:
            return found
    return None


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


def declared_published(tree: html.HtmlElement, objects: list[dict]) -> datetime | None:
    """The publication time the page declares in its metadata or byline."""
    return (parse_datetime(meta_content(tree, *_PUBLISHED_META))
            or _declared(objects, ("datePublished", "dateCreated"))
            or parse_datetime(meta_content(tree, *_OTHER_PUBLISHED_META))
            or _microdata(tree, "datePublished")
            or _time_near_headline(tree))


def guess_published(tree: html.HtmlElement, url: str) -> datetime | None:
    """htmldate's guess from markup and URL, then from the text; midnight UTC of the day."""
    for extensive in (False, True):
        try:
            found = find_date(tree, extensive_search=extensive, original_date=True,
                              url=url or None)
        except (ValueError, TypeError, LxmlError) as err:
            log.debug("htmldate failed on %s: %s", url, err)
            return None
        if found:
            return parse_datetime(found)
    return None


def find_published(tree: html.HtmlElement, objects: list[dict], url: str) -> datetime | None:
    """When the article was first published: declared, else guessed."""
    return declared_published(tree, objects) or guess_published(tree, url)


def find_modified(tree: html.HtmlElement, objects: list[dict],
                  published: datetime | None) -> datetime | None:
    """When the article was last modified, if the page says so and it is not before the
    publication."""
    modified = (parse_datetime(meta_content(tree, *_MODIFIED_META))
                or _declared(objects, ("dateModified",))
                or _microdata(tree, "dateModified"))
    if modified is None or (published is not None and modified < published):
        return None
    return modified
