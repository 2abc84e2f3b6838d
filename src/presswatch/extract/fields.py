"""An article's fields besides its text: title, authors, dates, image, section, canonical URL.

Each is read from what the page declares (``metadata``, ``authors``, ``dates``); a site rule's
layout, where one applies, is asked first for the fields it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import html

from presswatch.extract.authors import find_authors, split_names
from presswatch.extract.dates import find_modified, find_published, parse_datetime
from presswatch.extract.metadata import (
    find_canonical,
    find_image,
    find_section,
    find_title,
    json_ld_objects,
)
from presswatch.extract.siterules import Layout


@dataclass(frozen=True, slots=True)
class PageFields:
    objects: list[dict]
    title: str
    authors: tuple[str, ...]
    published: datetime | None
    modified: datetime | None
    image: str | None
    section: str | None
    canonical_url: str | None


def _by_rule(layout: Layout | None, name: str, tree: html.HtmlElement) -> str | None:
    selector = getattr(layout, name, None) if layout is not None else None
    return selector.first_value(tree) if selector is not None else None


def read_fields(tree: html.HtmlElement, url: str, layout: Layout | None) -> PageFields:
    """The page's fields, a site rule's selectors first."""
    objects = json_ld_objects(tree)
    title = _by_rule(layout, "title", tree) or find_title(tree, objects) or ""
    ruled_author = _by_rule(layout, "author", tree)
    authors = split_names(ruled_author) if ruled_author else find_authors(tree, objects)
    published = (parse_datetime(_by_rule(layout, "date", tree))
                 or find_published(tree, objects, url))
    return PageFields(
        objects=objects,
        title=title,
        authors=authors,
        published=published,
        modified=find_modified(tree, objects, published),
        image=find_image(tree, objects, url),
        section=_by_rule(layout, "section", tree) or find_section(tree, objects, title),
        canonical_url=find_canonical(tree, url),
    )
