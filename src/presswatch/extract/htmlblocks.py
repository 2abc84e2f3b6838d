"""An HTML element to Blocks: what a site rule's body selector or a page's
``itemprop=articleBody`` element holds, read without trafilatura.

Headings h1/h2 become ``h2``, deeper ones ``h3``; ``p``, ``li`` and ``blockquote`` keep their
kind; text loose in a ``div`` becomes a paragraph. Scripts, forms, figures and embedded
navigation are left out. The walk is iterative, so deep nesting cannot exhaust the stack.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree, html

from presswatch.models import Block

_SKIP = frozenset({"script", "style", "noscript", "template", "figure", "figcaption", "aside",
                   "nav", "form", "button", "select", "iframe", "svg", "object", "video",
                   "audio", "canvas", "head", "title", "meta", "link"})
_KINDS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3", "li": "li",
          "dt": "p", "dd": "p", "p": "p", "pre": "p", "tr": "p"}
_CONTAINERS = frozenset({"div", "section", "article", "main", "header", "footer", "ul", "ol",
                         "dl", "table", "thead", "tbody", "tfoot", "blockquote", "body",
                         "center", "details", "summary", "address", "hr"})
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))


def _squash(parts: list[str]) -> str:
    text = unicodedata.normalize("NFC", "".join(parts).translate(_INVISIBLE))
    return _SPACES.sub(" ", text).strip()


class _Reader:
    """Collects text into Blocks as the walk enters and leaves elements."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.kinds: list[str] = ["p"]
        self.quotes = 0

    def flush(self) -> None:
        text = _squash(self.parts)
        self.parts.clear()
        if text:
            kind = "quote" if self.quotes and self.kinds[-1] == "p" else self.kinds[-1]
            self.blocks.append(Block(kind, text))

    def enter(self, element: html.HtmlElement) -> None:
        tag = element.tag
        if tag in _KINDS or tag in _CONTAINERS:
            self.flush()
            self.kinds.append(_KINDS.get(tag, self.kinds[-1]))
            self.quotes += tag == "blockquote"
        elif tag == "br":
            self.parts.append(" ")
        elif tag in _CELLS and self.parts:
            self.parts.append(" | ")
        if element.text:
            self.parts.append(element.text)

    def leave(self, element: html.HtmlElement) -> None:
        tag = element.tag
        if tag in _KINDS or tag in _CONTAINERS:
            self.flush()
            self.kinds.pop()
            self.quotes -= tag == "blockquote"


def element_blocks(root: html.HtmlElement) -> tuple[Block, ...]:
    """The Blocks of ``root`` in reading order."""
    reader = _Reader()
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        skipped = not isinstance(element.tag, str) or element.tag in _SKIP
        if event == "start":
            if skipped:
                walker.skip_subtree()
            else:
                reader.enter(element)
            continue
        if not skipped:
            reader.leave(element)
        if element is not root and element.tail:
            reader.parts.append(element.tail)
    reader.flush()
    return tuple(reader.blocks)
