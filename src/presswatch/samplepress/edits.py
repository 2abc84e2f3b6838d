"""An outlet changing a published article: a corrected headline, a rewritten paragraph.

The article page is rendered again from the edited spec and served with a new ETag and
Last-Modified, as a real site would after an edit; feeds, listings and other pages' teasers
keep the old headline (as they often do on real sites until they are rebuilt).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime

from presswatch.samplepress.corpus import OutletSpec, parse_body
from presswatch.samplepress.pages import Pages
from presswatch.samplepress.site import (
    HTML,
    OutletSite,
    Placed,
    Resource,
    SampleArticle,
    place_articles,
    sample_article,
    teasers,
)


def _find(placed: dict[str, list[Placed]], url: str) -> Placed:
    for rows in placed.values():
        for item in rows:
            if item.url == url:
                return item
    raise KeyError(f"no sample article at {url}")


def edit_article(
    specs: list[OutletSpec],
    sites: dict[str, OutletSite],
    url: str,
    *,
    title: str | None = None,
    lead: str | None = None,
    paragraphs: Sequence[str] | None = None,
    when: datetime | None = None,
) -> tuple[list[OutletSpec], SampleArticle]:
    """Edit the article served at ``url`` (its canonical URL); return the outlet specs with
    the edit applied and the article's new ground truth. ``paragraphs`` replace the body
    (``## `` starts a sub-heading, as in the corpus files)."""
    bases = {key: site.base_url for key, site in sites.items()}
    placed = place_articles(specs, bases)
    item = _find(placed, url)
    outlet = item.outlet
    spec = dataclasses.replace(
        item.spec, title=item.spec.title if title is None else title,
        lead=item.spec.lead if lead is None else lead,
        blocks=item.spec.blocks if paragraphs is None else parse_body("\n\n".join(paragraphs)),
    )
    edited_outlet = dataclasses.replace(
        outlet, articles=tuple(spec if a is item.spec else a for a in outlet.articles))
    edited = Placed(edited_outlet, spec, item.path, item.url)
    visible = [r for r in placed[outlet.key] if r.spec.kind != "hidden"]
    originals = {f"{o}/{p.spec.slug}": p for o, group in placed.items() for p in group}
    html = Pages().article(edited_outlet, bases[outlet.key], edited, teasers(visible, item),
                           originals.get(spec.copy_of))
    site = sites[outlet.key]
    site.resources[item.path] = Resource.of(html, HTML, when or datetime.now(UTC))
    truth = sample_article(edited)
    site.articles = [truth if a.url == url else a for a in site.articles]
    site.spec = edited_outlet
    return [edited_outlet if o.key == outlet.key else o for o in specs], truth
