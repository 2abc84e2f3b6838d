"""The article body as the page declares it in structured data.

Many news sites render the text with scripts and put the whole of it into JSON-LD
``articleBody``; others mark the body container with ``itemprop="articleBody"``. Neither is
trusted over the main-text extraction (``articleBody`` often leaves out the lead and keeps
captions); they stand in where the extraction finds far less than they hold.
"""

from __future__ import annotations

from lxml import html

from presswatch.extract.htmlblocks import element_blocks
from presswatch.extract.metadata import article_objects
from presswatch.models import Block

_MIN_CHARS = 500


def _json_ld_body(objects: list[dict]) -> tuple[Block, ...]:
    for obj in article_objects(objects):
        text = obj.get("articleBody")
        if isinstance(text, str) and len(text) >= _MIN_CHARS:
            paragraphs = (" ".join(line.split()) for line in text.splitlines())
            return tuple(Block("p", p) for p in paragraphs if p)
    return ()


def _microdata_body(tree: html.HtmlElement) -> tuple[Block, ...]:
    nodes = tree.xpath('//*[@itemprop="articleBody"]')
    if not nodes or not isinstance(nodes[0], html.HtmlElement):
        return ()
    blocks = element_blocks(nodes[0])
    return blocks if sum(len(b.text) for b in blocks) >= _MIN_CHARS else ()


def structured_body(tree: html.HtmlElement, objects: list[dict]) -> tuple[Block, ...]:
    """JSON-LD ``articleBody`` split into paragraphs, else the ``itemprop=articleBody``
    element's blocks; empty when neither holds a real article."""
    return _json_ld_body(objects) or _microdata_body(tree)
