"""Put the article's own furniture in its place: the headline, kicker, byline, lead, paywall.

trafilatura finds the main text but leaves some header furniture in it (a rubric label above
the headline, the byline below it) and, when the body sits in its own container, can leave
out the lead paragraph that precedes it. These steps work on the Blocks and the page tree.
"""

from __future__ import annotations

import re

from lxml import html

from presswatch.extract.paywall import PHRASE_RE
from presswatch.models import Block

# A kicker above the headline: a rubric label, a short line without a sentence end.
_KICKER_MAX = 40
_BYLINE_MAX = 80
_BYLINE_START = re.compile(r"^(?:by|von|par|por|przez|автор|авторка|от|від|текст)\b[:\s]",
                           re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]\W*$")
_LEAD_CLASS = re.compile(r"(?:^|[-_\s])(?:lead|lede|dek|vorspann|anriss|standfirst|intro|"
                         r"summary|subtitle|excerpt)(?:$|[-_\s])", re.IGNORECASE)
_LEAD_MIN = 40
# The lead follows the headline closely: elements further down are not considered.
_LEAD_WINDOW = 60
_OUTSIDE = {"nav", "aside", "footer", "form", "button", "a"}


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold().strip(" .:!?\u2013\u2014-")


def drop_headline(blocks: tuple[Block, ...], title: str) -> tuple[Block, ...]:
    """Without a leading heading that repeats the title, nor the kicker lines above it."""
    if not title:
        return blocks
    for index, block in enumerate(blocks[:4]):
        if block.kind in ("h2", "h3") and _normal(block.text) == _normal(title):
            before = blocks[:index]
            if all(len(b.text) <= _KICKER_MAX and not _SENTENCE_END.search(b.text)
                   for b in before):
                before = ()
            return before + blocks[index + 1:]
    return blocks


def _is_byline(text: str, author: str | None) -> bool:
    if len(text) > _BYLINE_MAX or _SENTENCE_END.search(text):
        return False
    if author and author.split(";")[0].strip().casefold() in text.casefold():
        return True
    return bool(_BYLINE_START.match(text))


def drop_byline(blocks: tuple[Block, ...], author: str | None) -> tuple[Block, ...]:
    """Without a byline paragraph among the first blocks."""
    for index, block in enumerate(blocks[:3]):
        if block.kind == "p" and _is_byline(block.text, author):
            return blocks[:index] + blocks[index + 1:]
    return blocks


def drop_paywall_prompts(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Without the short "subscribe to continue" lines a paywall puts under a teaser."""
    return tuple(b for b in blocks
                 if len(b.text) > 200 or not PHRASE_RE.search(" ".join(b.text.lower().split())))


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
        if not _LEAD_CLASS.search(element.get("class") or ""):
            continue
        if any(a.tag in _OUTSIDE for a in element.iterancestors()) or element.tag in _OUTSIDE:
            continue
        text = " ".join(element.text_content().split())
        if len(text) >= _LEAD_MIN:
            return text
    return None


def recover_lead(blocks: tuple[Block, ...], tree: html.HtmlElement) -> tuple[Block, ...]:
    """With the lead paragraph (a lead/dek/standfirst class right after the h1) first, when
    the extraction left it out."""
    lead = _lead_after_headline(tree)
    if not lead or not blocks:
        return blocks
    body = _normal(" ".join(b.text for b in blocks))
    if _normal(lead) in body:
        return blocks
    return (Block("p", lead), *blocks)
