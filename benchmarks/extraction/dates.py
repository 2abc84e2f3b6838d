"""Date accuracy: the publication dates presswatch finds against the known ones.

Two sets of pages have known dates: trafilatura-eval's annotations (a day, in the outlet's
own time zone) and the sample press (``SampleArticle.published``, an exact instant). An
eval page counts as exact when the UTC day of the found time is the annotated day, and as
within a day when it is off by one (a time zone can move the UTC day); a sample press page
counts as exact when the found instant is the published one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from benchmarks.extraction.corpus import EvalPage


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def eval_date_accuracy(found: Iterable[tuple[EvalPage, datetime | None]]) -> dict[str, int]:
    """Exact-day and within-a-day counts over the pages with a well-formed annotated day."""
    counts = {"pages": 0, "exact": 0, "within_a_day": 0, "missing": 0}
    for page, published in found:
        known = _day(page.date)
        if known is None:
            continue
        counts["pages"] += 1
        if published is None:
            counts["missing"] += 1
            continue
        off = abs((published.date() - known).days)
        counts["exact"] += off == 0
        counts["within_a_day"] += off <= 1
    return counts


def samplepress_date_accuracy(extract: Any) -> dict[str, int]:
    """Exact-instant and exact-day counts over every article page of the sample press.

    ``extract(body, url, content_type)`` returns the article or None. The pages are rendered
    in memory under made-up hosts; no server is started.
    """
    from presswatch.samplepress.corpus import load_outlets
    from presswatch.samplepress.site import build_press

    outlets = load_outlets()
    bases = {outlet.key: f"https://{outlet.key}.example" for outlet in outlets}
    counts = {"pages": 0, "exact": 0, "same_day": 0, "missing": 0}
    for site in build_press(outlets, bases).values():
        for sample in site.articles:
            resource = site.resources[sample.url.removeprefix(site.base_url)]
            article = extract(resource.body, sample.url, resource.content_type)
            counts["pages"] += 1
            published = getattr(article, "published", None)
            if published is None or sample.published is None:
                counts["missing"] += 1
                continue
            counts["exact"] += published == sample.published
            counts["same_day"] += published.date() == sample.published.astimezone(UTC).date()
    return counts
