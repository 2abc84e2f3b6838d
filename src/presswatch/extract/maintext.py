"""The article's main text as Blocks: extractors combined, then the furniture cleared.

The body comes from, in order of preference:

1. a site rule's ``body`` selector (``extract/sites/``), when the page's layout matches;
2. trafilatura in its balanced mode, the best single extractor on news pages;
3. trafilatura in its recall mode, where the balanced one finds almost nothing;
4. the page's structured data (JSON-LD ``articleBody``, ``itemprop=articleBody``), where it
   holds several times more text than the extraction: pages that render their text with
   scripts.

Then the header furniture (kicker, repeated headline, byline), page furniture found by its
wording or by the class of the element it sits in (``boilerplate``) and paywall prompts
leave, and the lead comes back if the body
container left it out (``lead``).
"""

from __future__ import annotations

import copy
import logging

import trafilatura
from lxml import html
from lxml.etree import LxmlError, _Element

from presswatch.extract.blocks import body_to_blocks
from presswatch.extract.boilerplate import drop_furniture, drop_marked
from presswatch.extract.cleanup import drop_byline, drop_headline, drop_paywall_prompts
from presswatch.extract.htmlblocks import element_blocks
from presswatch.extract.lead import recover_lead
from presswatch.extract.siterules import Layout
from presswatch.extract.structured import structured_body
from presswatch.models import Block

log = logging.getLogger(__name__)

# Below this many characters the balanced extraction is checked against the recall mode.
SHORT_TEXT = 500
# An alternative replaces the extraction only when it holds this many times more text.
RECALL_GAIN = 1.5
STRUCTURED_GAIN = 3.0


def run_trafilatura(text: str, url: str, *, recall: bool = False,
                    prune: tuple[str, ...] = ()) -> _Element | None:
    """trafilatura's main text as its XML body (headings, paragraphs, lists; no comments).

    Inline formatting is left off: Blocks do not carry it, and with it on trafilatura keeps
    bold-only lines (captions, "By:" labels) that are boilerplate more often than not.
    """
    try:
        document = trafilatura.bare_extraction(
            text, url=url or None, output_format="xml", fast=False, include_comments=False,
            include_tables=True, include_formatting=False, favor_recall=recall,
            prune_xpath=list(prune) or None,
        )
    except (LxmlError, LookupError, RecursionError, TypeError, ValueError) as err:
        log.warning("trafilatura failed on %s: %s", url, err)
        return None
    return document.body if document is not None else None


def _size(blocks: tuple[Block, ...]) -> int:
    return sum(len(block.text) for block in blocks)


def rule_body(tree: html.HtmlElement, layout: Layout | None) -> tuple[Block, ...]:
    """The blocks under a site rule's body selector, its ``remove`` selectors left out."""
    if layout is None or layout.body is None:
        return ()
    found = layout.body.elements(tree)
    if not found:
        return ()
    body = copy.deepcopy(found[0])
    for selector in layout.remove:
        for node in selector.elements(body):
            if node.getparent() is not None:
                node.drop_tree()
    return element_blocks(body)


def extracted_blocks(text: str, url: str, tree: html.HtmlElement, objects: list[dict],
                     prune: tuple[str, ...] = ()) -> tuple[Block, ...]:
    """The best of trafilatura's balanced and recall modes and the structured data;
    ``prune`` names XPath expressions of elements left out before extraction."""
    blocks = body_to_blocks(run_trafilatura(text, url, prune=prune))
    if _size(blocks) < SHORT_TEXT:
        recalled = body_to_blocks(run_trafilatura(text, url, recall=True, prune=prune))
        if _size(recalled) > RECALL_GAIN * _size(blocks):
            blocks = recalled
    declared = structured_body(tree, objects)
    if _size(declared) > STRUCTURED_GAIN * _size(blocks) or _same_text(declared, blocks):
        return declared
    return blocks


def _same_text(declared: tuple[Block, ...], blocks: tuple[Block, ...]) -> bool:
    """True when the extraction is the structured body run together (trafilatura reads
    ``articleBody`` itself on pages without markup): its paragraphs are worth keeping."""
    if not declared or len(declared) <= len(blocks):
        return False
    return "".join("".join(b.text.split()) for b in declared) == "".join(
        "".join(b.text.split()) for b in blocks)


def main_blocks(text: str, url: str, tree: html.HtmlElement, objects: list[dict], *,
                title: str, author: str | None, layout: Layout | None) -> tuple[Block, ...]:
    """The article body, cleared of furniture, with its lead."""
    prune = tuple(s.expression for s in layout.remove) if layout else ()
    blocks = rule_body(tree, layout) or extracted_blocks(text, url, tree, objects, prune)
    blocks = drop_byline(drop_headline(blocks, title), author)
    blocks = drop_marked(drop_furniture(blocks), tree)
    return drop_paywall_prompts(recover_lead(blocks, tree, title))
