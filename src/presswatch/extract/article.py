"""One HTML page in, an :class:`Article` (or the reason it is not one) out.

Decoding is ours (``decode.py``), the main text is trafilatura's, turned into Blocks that keep
headings and paragraphs; the metadata is read from what the page declares (meta tags,
JSON-LD, canonical link, bylines), with htmldate guessing a date only where none is declared.
Every outcome for bad input is a value: ``Rejected(reason, detail)`` with reason
``not_html``, ``empty``, ``too_short``, ``paywall``, ``decode_error``, ``too_large`` (over
``max_body_bytes`` or too many tags) or ``too_deep`` (nesting the HTML parser cuts off).
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml import html
from lxml.etree import LxmlError, _Element

from presswatch.extract.blocks import body_to_blocks
from presswatch.extract.boilerplate import drop_furniture
from presswatch.extract.cleanup import drop_byline, drop_headline, drop_paywall_prompts
from presswatch.extract.decode import decode_html, screen_body, screen_tree
from presswatch.extract.language import detect_language
from presswatch.extract.lead import recover_lead
from presswatch.extract.metadata import (
    find_author,
    find_canonical,
    find_page_time,
    find_published,
    find_title,
    guess_published,
    html_lang,
    json_ld_objects,
    parse_tree,
)
from presswatch.extract.paywall import is_paywalled
from presswatch.models import Article, Block, Rejected, blocks_to_text
from presswatch.settings import Settings

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml",
               "text/plain", "application/octet-stream")
_MARKUP = re.compile(r"<(?:!doctype|html|head|body|p|div|article|main|section|h[1-6]|title"
                     r"|meta|span|table|ul|br)\b", re.IGNORECASE)


def _media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _decode(body: bytes, content_type: str) -> str | Rejected:
    media = _media_type(content_type)
    if media and media not in _HTML_TYPES:
        return Rejected("not_html", f"content type {media}")
    if not body.strip():
        return Rejected("empty", "no content")
    text = decode_html(body, content_type)
    if text is None:
        return Rejected("decode_error", "no character encoding decodes the page")
    if "\x00" in text[:4096] or not _MARKUP.search(text[:200_000]):
        return Rejected("not_html", "no HTML markup")
    return text


def run_trafilatura(text: str, url: str) -> _Element | None:
    """trafilatura's main text as its XML body (headings, paragraphs, lists; no comments).

    Inline formatting is left off: Blocks do not carry it, and with it on trafilatura keeps
    bold-only lines (captions, "By:" labels) that are boilerplate more often than not.
    """
    try:
        document = trafilatura.bare_extraction(
            text, url=url or None, output_format="xml", fast=False, include_comments=False,
            include_tables=True, include_formatting=False,
        )
    except (LxmlError, LookupError, RecursionError, TypeError, ValueError) as err:
        log.warning("trafilatura failed on %s: %s", url, err)
        return None
    return document.body if document is not None else None


def _body(tree: html.HtmlElement, body: _Element | None, title: str,
          author: str | None) -> tuple[Block, ...]:
    blocks = drop_byline(drop_headline(body_to_blocks(body), title), author)
    blocks = drop_furniture(blocks)
    return drop_paywall_prompts(recover_lead(blocks, tree, title))


def extract_article(body: bytes, url: str, settings: Settings, *,
                    content_type: str = "") -> Article | Rejected:
    """The article on an HTML page, or why there is none (``Rejected``)."""
    text = screen_body(body, settings.max_body_bytes) or _decode(body, content_type)
    if isinstance(text, Rejected):
        return text
    tree = parse_tree(text)
    if tree is None:
        return Rejected("empty", "nothing parseable")
    if (too_deep := screen_tree(tree)) is not None:
        return too_deep
    objects = json_ld_objects(tree)
    title = find_title(tree, objects) or ""
    author = find_author(tree, objects)
    blocks = _body(tree, run_trafilatura(text, url), title, author)
    paywalled = is_paywalled(tree, objects, text)
    length = len(blocks_to_text(blocks))
    if length < max(settings.min_article_chars, 1):
        reason = "paywall" if paywalled else ("too_short" if blocks else "empty")
        return Rejected(reason, f"{length} characters of main text")
    published = (find_published(tree, objects) or find_page_time(tree)
                 or guess_published(tree, url))
    language = detect_language(blocks_to_text(blocks), tuple(settings.source_languages),
                               hint=html_lang(tree))
    return Article(url=url, title=title, blocks=blocks, author=author, published=published,
                   language=language, canonical_url=find_canonical(tree, url),
                   paywalled=paywalled)
