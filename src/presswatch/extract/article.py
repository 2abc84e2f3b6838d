"""One HTML page in, an :class:`Article` (or the reason it is not one) out.

Decoding is ours (``decode.py``); the main text is trafilatura's (or a site rule's), combined
with its recall mode and the page's structured data and cleared of furniture (``maintext``);
the fields are read from what the page declares (``fields``), with htmldate guessing a date
only where none is declared. Every outcome for bad input is a value: ``Rejected(reason,
detail)`` with reason ``not_html``, ``empty``, ``too_short``, ``paywall``, ``decode_error``,
``too_large`` (over ``max_body_bytes`` or too many tags) or ``too_deep`` (nesting the HTML
parser cuts off).
"""

from __future__ import annotations

import logging
import re

from presswatch.extract.authors import joined
from presswatch.extract.decode import decode_html
from presswatch.extract.fields import read_fields
from presswatch.extract.language import detect_language
from presswatch.extract.maintext import main_blocks
from presswatch.extract.metadata import html_lang, parse_tree
from presswatch.extract.paywall import is_paywalled
from presswatch.extract.screen import screen_body, screen_tree
from presswatch.extract.siterules import rule_for
from presswatch.models import Article, Rejected, blocks_to_text
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
    rule = rule_for(url)
    layout = rule.layout_for(tree) if rule else None
    fields = read_fields(tree, url, layout)
    author = joined(fields.authors)
    blocks = main_blocks(text, url, tree, fields.objects, title=fields.title, author=author,
                         layout=layout)
    paywalled = is_paywalled(tree, fields.objects, text)
    length = len(blocks_to_text(blocks))
    if length < max(settings.min_article_chars, 1):
        reason = "paywall" if paywalled else ("too_short" if blocks else "empty")
        return Rejected(reason, f"{length} characters of main text")
    language = detect_language(blocks_to_text(blocks), tuple(settings.source_languages),
                               hint=html_lang(tree))
    return Article(url=url, title=fields.title, blocks=blocks, author=author,
                   published=fields.published, language=language,
                   canonical_url=fields.canonical_url, paywalled=paywalled,
                   authors=fields.authors, modified=fields.modified, image=fields.image,
                   outlet_section=fields.section)
