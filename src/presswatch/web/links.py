"""Public URLs, built in one place so pages, feeds and redirects agree."""

from __future__ import annotations

import re

from presswatch.publish.slugs import slugify

_DOC_REF = re.compile(r"^(?P<id>[0-9]{1,12})(?:-(?P<slug>[a-z0-9-]*))?$")


def home_url(lang: str) -> str:
    return f"/{lang}/"


def section_url(lang: str, section: str, page: int = 1) -> str:
    return f"/{lang}/{section}/" + (f"?page={page}" if page > 1 else "")


def article_url(lang: str, section: str, doc_id: int, title: str, text_language: str) -> str:
    """``/uk/military/12-nato-zhurtovuietsia``: the slug follows the title shown there."""
    return f"/{lang}/{section}/{doc_id}-{slugify(title, text_language)}"


def changes_url(article: str, revision: int | None = None) -> str:
    """The revision page of an article page URL: what changed up to ``revision``."""
    return f"{article}/changes" + (f"?rev={revision}" if revision else "")


def feed_url(lang: str, section: str | None = None) -> str:
    return f"/{lang}/{section}/feed.atom" if section else f"/{lang}/feed.atom"


def parse_doc_ref(ref: str) -> tuple[int, str | None] | None:
    """``"12-nato-zhurtovuietsia"`` -> ``(12, "nato-zhurtovuietsia")``; None if malformed."""
    match = _DOC_REF.match(ref)
    if match is None:
        return None
    return int(match["id"]), match["slug"]
