"""Put back the lead paragraph that main-text extraction left out.

The lead (standfirst, Vorspann, dek) often sits in the article header, outside the container
that trafilatura picks as the body. Two ways find it on the page: an element with a lead-like
class right after the headline, and the element that shows the page's own description
(``og:description`` or ``<meta name=description>``): outlets fill that with the lead. Only
text that is visible on the page comes back, never the meta description itself.
"""

from __future__ import annotations

import re

from lxml import html

from presswatch.extract.metadata import meta_content
from presswatch.models import Block

_LEAD_CLASS = re.compile(r"(?:^|[-_\s])(?:lead|lede|dek|vorspann|anriss|standfirst|intro|"
                         r"summary|subtitle|excerpt)(?:$|[-_\s])", re.IGNORECASE)
_LEAD_MIN = 40
# The lead follows the headline closely: elements further down are not considered.
_LEAD_WINDOW = 60
_OUTSIDE = {"nav", "aside", "footer", "form", "button", "a", "select", "option", "template",
            "script", "style", "noscript"}
_VISIBLE_TEXT = "string-join(.//text()[not(ancestor::script or ancestor::style)], ' ')"
# The start of the description looked up on the page, and the most text that may come back
# for it: a container that holds more than a lead is not a lead.
_PROBE = 60
_FIND = 24
_LEAD_MAX = 1200
_DESCRIPTION_MIN = 50
_TRAILING = ".\u2026 "  # a description cut short ends in dots


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def visible_text(element: html.HtmlElement) -> str:
    """The element's text without script and style content, whitespace collapsed."""
    texts = element.xpath(".//text()[not(ancestor::script or ancestor::style)]")
    return " ".join(" ".join(texts).split())


def _outside(element: html.HtmlElement) -> bool:
    return element.tag in _OUTSIDE or any(a.tag in _OUTSIDE for a in element.iterancestors())


def _lead_after_headline(tree: html.HtmlElement) -> str | None:
    seen = None
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if seen is None:
            seen = 0 if element.tag == "h1" else None
            continue
        seen += 1
        if seen > _LEAD_WINDOW:
            return None
        if not _LEAD_CLASS.search(element.get("class") or "") or _outside(element):
            continue
        text = visible_text(element)
        if len(text) >= _LEAD_MIN:
            return text
    return None


def _shown_description(tree: html.HtmlElement, probe: str, title: str) -> str | None:
    """The text of the smallest page element that shows the description's start."""
    body = tree.find("body")
    if body is None:
        return None
    for node in body.xpath(".//text()[contains(normalize-space(.), $p)]", p=probe[:_FIND]):
        element = node.getparent()
        if node.is_tail:
            element = element.getparent()
        while element is not None and probe not in " ".join(element.text_content().split()):
            element = element.getparent()
        if element is None or _outside(element):
            continue
        text = visible_text(element)
        if len(text) <= _LEAD_MAX and (len(title) < 20 or _normal(title) not in _normal(text)):
            return text
    return None


def description_lead(tree: html.HtmlElement, text: str, title: str) -> str | None:
    """The lead as the page shows it, when its description is not in ``text`` yet."""
    description = meta_content(tree, "og:description", "description", "twitter:description")
    if not description:
        return None
    description = " ".join(description.split()).rstrip(_TRAILING)
    if len(description) < _DESCRIPTION_MIN:
        return None
    probe = description[:_PROBE]
    if probe in text:
        return None
    return _shown_description(tree, probe, title)


def recover_lead(blocks: tuple[Block, ...], tree: html.HtmlElement,
                 title: str = "") -> tuple[Block, ...]:
    """With the lead paragraph first when the extraction left it out: an element with a
    lead/dek/standfirst class right after the h1, or the element showing the description."""
    if not blocks:
        return blocks
    body = " ".join(" ".join(b.text for b in blocks).split())
    lead = _lead_after_headline(tree)
    if lead and _normal(lead) not in _normal(body):
        return (Block("p", lead), *blocks)
    lead = description_lead(tree, body, title)
    return (Block("p", lead), *blocks) if lead else blocks
