"""trafilatura's XML body (``head``, ``p``, ``quote``, ``list``/``item``, ``table``) to Blocks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from lxml.etree import _Element

from presswatch.models import Block

_SPACES = re.compile(r"[^\S\n]+")
# Soft hyphen, zero-width space, word joiner, BOM: invisible, and they break word matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_BLOCK_TAGS = {"head", "p", "quote", "list", "table", "code", "pre", "div", "item", "row"}
_SKIPPED = {"graphic", "fw", "note"}


def _collect(element: _Element, parts: list[str], skip: frozenset[str]) -> None:
    if element.tag == "lb":
        parts.append("\n")
    elif element.text:
        parts.append(element.text)
    for child in element:
        if child.tag in skip or child.tag in _SKIPPED:
            if child.tail:
                parts.append(child.tail)
            continue
        _collect(child, parts, skip)
        if child.tag in _BLOCK_TAGS:
            parts.append("\n")
        if child.tail:
            parts.append(child.tail)


def element_text(element: _Element, skip: frozenset[str] = frozenset()) -> str:
    """The element's text, whitespace collapsed, ``lb`` kept as a line break."""
    parts: list[str] = []
    _collect(element, parts, skip)
    text = unicodedata.normalize("NFC", "".join(parts).translate(_INVISIBLE))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _heading_kind(element: _Element) -> str:
    rend = (element.get("rend") or "h2").lower()
    return "h2" if rend in ("h1", "h2") else "h3"


def _list_items(element: _Element) -> Iterator[Block]:
    for item in element.iter("item"):
        text = element_text(item, skip=frozenset({"list"}))
        if text:
            yield Block("li", text)


def _table_rows(element: _Element) -> Iterator[Block]:
    for row in element.iter("row"):
        cells = [element_text(cell) for cell in row if cell.tag == "cell"]
        text = " | ".join(cell.replace("\n", " ") for cell in cells if cell)
        if text:
            yield Block("p", text)


def _quote(element: _Element) -> Iterator[Block]:
    inner = [child for child in element if child.tag in ("p", "list", "head")]
    if not inner:
        text = element_text(element)
        if text:
            yield Block("quote", text)
        return
    for block in _element_blocks(element):
        yield Block("quote", block.text)


def _element_blocks(parent: _Element) -> Iterator[Block]:
    if parent.text and parent.text.strip():
        yield Block("p", _squash(parent.text))
    for child in parent:
        tag = child.tag
        if tag == "head":
            text = element_text(child)
            if text:
                yield Block(_heading_kind(child), text)
        elif tag == "list":
            yield from _list_items(child)
        elif tag == "table":
            yield from _table_rows(child)
        elif tag == "quote":
            yield from _quote(child)
        elif tag not in _SKIPPED:
            text = element_text(child)
            if text:
                yield Block("p", text)
        if child.tail and child.tail.strip():
            yield Block("p", _squash(child.tail))


def _squash(text: str) -> str:
    """Loose text on one line, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def body_to_blocks(body: _Element | None) -> tuple[Block, ...]:
    """Blocks in reading order; headings h1/h2 become ``h2``, deeper ones ``h3``."""
    if body is None:
        return ()
    return tuple(_element_blocks(body))
