"""Every piece of fetched content reaches a page through this module (nh3 allow-lists).

Block texts are plain text: ``plain_html`` escapes them, then nh3 re-serialises the result so
the output is well-formed HTML with no tags at all. Fragments that are HTML on purpose (a
feed's summary, a later rich-text field) go through ``inline_html``, which keeps only inline
tags and safe links.
"""

from __future__ import annotations

import html
import re

import nh3
from markupsafe import Markup

INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "br", "cite", "code", "em", "i", "mark", "q", "s", "small", "strong",
     "sub", "sup", "u"}
)
INLINE_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def strip_control(text: str) -> str:
    """``text`` without control characters (invalid in XML, invisible in HTML)."""
    return _CONTROL.sub("", text)


def plain_html(text: str | None) -> Markup:
    """Plain text as safe HTML: escaped, then passed through nh3 with no tags allowed."""
    if not text:
        return Markup("")
    escaped = html.escape(strip_control(text), quote=True)
    return Markup(nh3.clean(escaped, tags=set(), attributes={}))


def inline_html(fragment: str | None) -> Markup:
    """An HTML fragment reduced to inline tags, http(s)/mailto links and no scripts or events."""
    if not fragment:
        return Markup("")
    cleaned = nh3.clean(
        strip_control(fragment),
        tags=set(INLINE_TAGS),
        attributes={tag: set(attrs) for tag, attrs in INLINE_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(cleaned)


def plain_text(fragment: str | None) -> str:
    """The text of an HTML fragment with every tag removed (for titles and summaries)."""
    if not fragment:
        return ""
    return html.unescape(nh3.clean(strip_control(fragment), tags=set(), attributes={}))


def safe_url(url: str | None) -> str:
    """``url`` when it is an absolute http(s) URL, else ``"#"`` (no ``javascript:`` links)."""
    if not url:
        return "#"
    cleaned = strip_control(url).strip()
    scheme = cleaned.split(":", 1)[0].lower() if ":" in cleaned else ""
    return cleaned if scheme in ("http", "https") and "//" in cleaned[:8] else "#"
