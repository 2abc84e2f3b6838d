"""Atom feeds of the public site: the newest published documents per language and section."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from presswatch.publish.atom import MEDIA_TYPE, AtomEntry, AtomFeed, render_atom, stable_id
from presswatch.publish.body import excerpt, render_body
from presswatch.store import site
from presswatch.web import links
from presswatch.web.state import AppState

FEED_SIZE = 30


def _entry(state: AppState, base: str, teaser: site.Teaser, lang: str) -> AtomEntry:
    version = teaser.version
    url = links.article_url(lang, teaser.section, teaser.id, version.title, version.text_language)
    outlet = teaser.outlet
    return AtomEntry(
        id=stable_id(state.settings.site_name, "document", teaser.id, lang),
        title=version.title,
        link=base + url,
        updated=teaser.published_at,
        published=teaser.published,
        language=version.text_language or lang,
        author=teaser.author or (outlet.name if outlet else state.settings.site_name),
        summary=excerpt(version.blocks),
        content_html=str(render_body(version.blocks)),
        categories=((teaser.section, state.section_name(teaser.section, lang)),),
        source_link=outlet.url if outlet else "",
    )


def feed_response(state: AppState, request: Request, lang: str, section: str | None) -> Response:
    """The Atom feed of ``lang`` (all sections, or one) as an HTTP response."""
    base = str(request.base_url).rstrip("/")
    locale = state.locale(lang)
    with state.db.session() as session:
        teasers = site.feed_entries(session, lang, section, limit=FEED_SIZE)
    site_name = state.settings.site_name
    if section:
        title = locale.t("feed.section_title", site=site_name,
                         section=state.section_name(section, lang))
        alternate = links.section_url(lang, section)
    else:
        title = locale.t("feed.title", site=site_name)
        alternate = links.home_url(lang)
    feed = AtomFeed(
        id=stable_id(site_name, "feed", lang, section or ""),
        title=title,
        subtitle=locale.t("site.tagline"),
        self_link=base + links.feed_url(lang, section),
        alternate_link=base + alternate,
        language=lang,
        author=site_name,
        entries=tuple(_entry(state, base, teaser, lang) for teaser in teasers),
    )
    return Response(render_atom(feed), media_type=MEDIA_TYPE)
