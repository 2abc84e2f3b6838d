"""HTML pages of the sample press, one Jinja2 template set per outlet (its own markup).

Every template folder under ``templates/<outlet key>/`` holds ``article.html`` and
``listing.html``; both receive plain dictionaries built here, and autoescaping is on.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from presswatch.samplepress.corpus import OutletSpec, Rubric
from presswatch.samplepress.feeds import MIME_TYPES

if TYPE_CHECKING:
    from presswatch.samplepress.site import Placed

TEMPLATES = Path(__file__).parent / "templates"
MONTHS = {
    "en": ("January February March April May June July August September October November "
           "December").split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November "
          "Dezember".split(),
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября "
          "декабря".split(),
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада "
          "грудня".split(),
}
LOCALES = {"de": "de_DE", "en": "en_US", "ru": "ru_RU", "uk": "uk_UA"}


def date_label(when: datetime, language: str, country: str = "") -> str:
    """A date as the outlet's readers see it: "14. Januar 2026, 08:30"."""
    month = MONTHS.get(language, MONTHS["en"])[when.month - 1]
    clock = when.strftime("%H:%M")
    if language == "en" and country != "GB":
        return f"{month} {when.day}, {when.year}, {clock}"
    if language == "de":
        return f"{when.day}. {month} {when.year}, {clock} Uhr"
    return f"{when.day} {month} {when.year}, {clock}"


def _outlet_context(outlet: OutletSpec, base: str, active: str = "") -> dict:
    return {
        "name": outlet.name,
        "tagline": outlet.tagline,
        "language": outlet.language,
        "locale": LOCALES.get(outlet.language, "en_US") if outlet.country != "GB" else "en_GB",
        "home": base + "/",
        "nav": [
            {"name": r.name, "url": f"{base}/{r.slug}/", "active": r.slug == active}
            for r in outlet.rubrics if r.nav
        ],
        "feeds": [
            {"title": f.title, "url": base + f.path, "type": MIME_TYPES[f.format]}
            for f in outlet.feeds if f.format not in ("rss2-truncated", "newssitemap")
        ],
        "year": 2026,
    }


def _teaser(item: Placed) -> dict:
    outlet = item.outlet
    return {
        "title": item.spec.title, "url": item.url, "lead": item.spec.lead,
        "rubric": outlet.rubric(item.spec.rubric).name,
        "date": date_label(item.spec.published, outlet.language, outlet.country),
        "iso": item.spec.published.isoformat(timespec="seconds"),
        "paywall": item.spec.kind == "paywall",
    }


def _comments(outlet: OutletSpec, item: Placed) -> list[dict]:
    """Two or three reader comments from the outlet's pool, chosen by the article's place."""
    pool = outlet.comments
    seed = sum(map(ord, item.spec.slug))
    count = 2 + seed % 2
    picks = item.spec.comments or tuple((seed + 3 * k) % len(pool) for k in range(count))
    return [
        {
            "name": pool[i][0], "text": pool[i][1],
            "date": date_label(
                item.spec.published + timedelta(hours=2 + 3 * k), outlet.language, outlet.country
            ),
        }
        for k, i in enumerate(picks)
    ]


def _popular(items: list[Placed], count: int = 3) -> list[Placed]:
    """The "most read" box: the oldest on-topic pieces still read (stable, not the newest)."""
    return [i for i in sorted(items, key=lambda i: i.spec.published) if i.spec.relevant][:count]


class Pages:
    """Renders home, rubric, article and not-found pages for any outlet."""

    def __init__(self, directory: Path = TEMPLATES) -> None:
        self.env = Environment(
            loader=FileSystemLoader(directory),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def _render(self, outlet: OutletSpec, name: str, **context: object) -> str:
        template = self.env.get_template(f"{outlet.key}/{name}")
        context.setdefault("popular", [])  # a "most read" box, where a template has one
        context.setdefault("days", None)  # previous and next day, on an archive page
        return template.render(**context)

    def home(self, outlet: OutletSpec, base: str, items: list[Placed]) -> str:
        ordered = sorted(items, key=lambda i: i.spec.published, reverse=True)
        return self._render(
            outlet, "listing.html", site=_outlet_context(outlet, base), heading="",
            canonical=base + "/", items=[_teaser(i) for i in ordered], status=200,
            popular=[_teaser(i) for i in _popular(ordered)],
        )

    def archive_day(self, outlet: OutletSpec, base: str, heading: str, url: str,
                    items: list[Placed], popular: list[Placed], days: dict) -> str:
        """One day of the archive: that day's articles, links to the days around it."""
        return self._render(
            outlet, "listing.html", site=_outlet_context(outlet, base), heading=heading,
            canonical=url, items=[_teaser(i) for i in items], status=200,
            popular=[_teaser(i) for i in popular], days=days,
        )

    def rubric(self, outlet: OutletSpec, base: str, rubric: Rubric, items: list[Placed]) -> str:
        ordered = sorted(items, key=lambda i: i.spec.published, reverse=True)
        return self._render(
            outlet, "listing.html", site=_outlet_context(outlet, base, rubric.slug),
            heading=rubric.name, canonical=f"{base}/{rubric.slug}/",
            items=[_teaser(i) for i in ordered], status=200,
        )

    def not_found(self, outlet: OutletSpec, base: str) -> str:
        return self._render(
            outlet, "listing.html", site=_outlet_context(outlet, base), heading=outlet.not_found,
            canonical=base + "/", items=[], status=404,
        )

    def article(self, outlet: OutletSpec, base: str, item: Placed, teasers: list[Placed],
                source: Placed | None) -> str:
        spec = item.spec
        rubric = outlet.rubric(spec.rubric)
        article = {
            "title": spec.title, "author": spec.author, "lead": spec.lead,
            "blocks": [{"kind": b.kind, "text": b.text} for b in spec.blocks],
            "iso": spec.published.isoformat(timespec="seconds"),
            "date": date_label(spec.published, outlet.language, outlet.country),
            "rubric": rubric.name, "rubric_url": f"{base}/{rubric.slug}/",
            "url": item.url, "paywall": spec.kind == "paywall",
            "source": {"name": source.outlet.name, "url": source.url} if source else None,
        }
        return self._render(
            outlet, "article.html", site=_outlet_context(outlet, base, rubric.slug),
            article=article, teasers=[_teaser(t) for t in teasers],
            comments=_comments(outlet, item), canonical=item.url,
        )
