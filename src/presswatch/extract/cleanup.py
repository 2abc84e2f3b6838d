"""Put the article's own furniture in its place: the headline, kicker, byline, paywall.

trafilatura finds the main text but leaves some header furniture in it: a rubric label above
the headline, the byline below it. These steps work on the Blocks.
"""

from __future__ import annotations

import re

from presswatch.extract.paywall import PHRASE_RE
from presswatch.models import Block

# A kicker above the headline: a rubric label, a short line without a sentence end.
_KICKER_MAX = 40
_BYLINE_MAX = 80
_BYLINE_START = re.compile(r"^(?:by|von|par|por|przez|автор|авторка|от|від|текст)\b[:\s]",
                           re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]\W*$")


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
