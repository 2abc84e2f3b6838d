"""The screen that keeps pages the parsers cannot take away from them.

``screen_body`` rejects a page too large or with too many tags for the parsers
(``too_large``); ``screen_tree`` one that nests deeper than libxml2 goes (``too_deep``: it
stops at depth 256 and drops the rest of the page).
"""

from __future__ import annotations

from lxml import etree

from presswatch.models import Rejected

__all__ = ["MAX_DEPTH", "MAX_ELEMENTS", "screen_body", "screen_tree"]

#: libxml2 (under lxml and trafilatura) stops at depth 256 and drops the rest of the page.
MAX_DEPTH = 250
#: trafilatura's pruning grows faster than the page: 100,000 elements take it about 7 s.
MAX_ELEMENTS = 100_000
_AT_MAX_DEPTH = etree.XPath("boolean(" + "/*" * MAX_DEPTH + ")")


def screen_body(body: bytes, max_bytes: int) -> Rejected | None:
    """``too_large`` for a body over ``max_bytes`` or with over ``MAX_ELEMENTS`` tags."""
    if len(body) > max_bytes:
        return Rejected("too_large", f"{len(body):,} bytes, over the limit of {max_bytes:,}")
    tags = body.count(b"<")
    if tags > MAX_ELEMENTS:
        return Rejected("too_large", f"{tags:,} tags, over the limit of {MAX_ELEMENTS:,}")
    return None


def screen_tree(tree: etree._Element) -> Rejected | None:
    """``too_deep`` for a parsed page with elements ``MAX_DEPTH`` deep (cut off by libxml2)."""
    if _AT_MAX_DEPTH(tree):
        return Rejected("too_deep", f"elements nest {MAX_DEPTH} or more deep; the HTML parser "
                                    "stops at 256 and drops the rest of the page")
    return None
