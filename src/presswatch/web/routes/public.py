"""The public site: home, sections, articles, Atom feeds. Only published documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from presswatch.store import revisions, site
from presswatch.store import segments as store_segments
from presswatch.web import links
from presswatch.web.changes import changes
from presswatch.web.feeds import feed_response
from presswatch.web.state import AppState, State
from presswatch.web.story_links import story_link

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

router = APIRouter()
T = TypeVar("T")


def check_lang(state: AppState, lang: str) -> None:
    if lang not in state.languages:
        raise HTTPException(status_code=404)


def _check_section(state: AppState, lang: str, section: str) -> None:
    check_lang(state, lang)
    if section not in state.section_slugs:
        raise HTTPException(status_code=404)


def _nav(state: AppState, lang: str, current: str | None = None) -> list[dict]:
    return [
        {"slug": slug, "name": state.section_name(slug, lang),
         "url": links.section_url(lang, slug), "current": slug == current}
        for slug in state.section_slugs
    ]


def _switcher(state: AppState, lang: str, url_for_lang) -> list[dict]:
    return [
        {"code": code, "url": url_for_lang(code), "current": code == lang, "translated": True,
         "name": state.locale(lang).language_name(code)}
        for code in state.languages
    ]


def _absolute(request: Request, path: str) -> str:
    return str(request.base_url).rstrip("/") + path


def page_context(state: AppState, request: Request, lang: str, url_for_lang,
                 section: str | None = None) -> dict:
    """Header, nav, switcher, hreflang alternates and feed link shared by listing pages."""
    alternates = [(code, _absolute(request, url_for_lang(code))) for code in state.languages]
    alternates.append(("x-default", _absolute(request, url_for_lang(state.languages[0]))))
    return {
        "nav_sections": _nav(state, lang, section),
        "switcher": _switcher(state, lang, url_for_lang),
        "alternates": alternates,
        "feed_link": links.feed_url(lang, section),
        "links": links,
    }


@router.get("/", include_in_schema=False)
def root(state: State) -> RedirectResponse:
    return RedirectResponse(links.home_url(state.languages[0]), status_code=302)


@router.get("/healthz", include_in_schema=False)
def healthz(state: State) -> JSONResponse:
    with state.db.session() as session:
        database = site.ping(session)
    return JSONResponse({"status": "ok" if database else "degraded",
                         "database": "ok" if database else "unreachable"},
                        status_code=200 if database else 503)


@router.get("/{lang}/")
def home(request: Request, lang: str, state: State) -> Response:
    check_lang(state, lang)
    with state.db.session() as session:
        latest = site.latest_by_section(session, lang, state.section_slugs, per_section=5)
    blocks = [
        {"slug": slug, "name": state.section_name(slug, lang), "teasers": teasers,
         "url": links.section_url(lang, slug)}
        for slug, teasers in latest.items()
    ]
    context = page_context(state, request, lang, links.home_url)
    return state.render(request, "home.html", lang, blocks=blocks, **context)


@router.get("/{lang}/feed.atom")
def language_feed(request: Request, lang: str, state: State) -> Response:
    check_lang(state, lang)
    return feed_response(state, request, lang, None)


@router.get("/{lang}/{section}/")
def section_page(request: Request, lang: str, section: str, state: State,
                 page: int = 1) -> Response:
    _check_section(state, lang, section)
    with state.db.session() as session:
        listing = site.section_page(session, lang, section, page=page)
    context = page_context(state, request, lang, lambda code: links.section_url(code, section),
                            section)
    return state.render(request, "section.html", lang, section=section, listing=listing,
                        section_title=state.section_name(section, lang), **context)


@router.get("/{lang}/{section}/feed.atom")
def section_feed(request: Request, lang: str, section: str,
                 state: State) -> Response:
    _check_section(state, lang, section)
    return feed_response(state, request, lang, section)


def untranslated_notice(state: AppState, version: site.Version) -> Markup:
    """The visible notice on a page showing the original instead of a translation; the
    engine's note ("no engine for de→uk") is quoted as is, marked as English."""
    locale = state.locale(version.language)
    if not version.note:
        return Markup(escape(locale.t("article.missing")))
    note = Markup('<span class="engine-note" lang="en">{}</span>').format(version.note)
    return Markup(escape(locale.t("article.untranslated"))).format(note=note)


def _article_links(state: AppState, doc: site.PublishedDocument) -> dict[str, str]:
    urls = {}
    for code in state.languages:
        version = doc.version(code)
        urls[code] = links.article_url(code, doc.section, doc.id, version.title,
                                       version.text_language)
    return urls


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Which machine translations of a document no editor approved, and which an editor
    edited (a paragraph of theirs)."""

    unapproved: frozenset[str] = frozenset()
    edited: frozenset[str] = frozenset()


def review_state(session: Session, doc_id: int) -> ReviewState:
    return ReviewState(frozenset(store_segments.unapproved_languages(session, doc_id)),
                       frozenset(store_segments.edited_languages(session, doc_id)))


def translation_label(state: AppState, lang: str, version: site.Version,
                      review: ReviewState) -> str:
    """What the reader is told the text is: the original, or a machine translation (its
    engine) and whether an editor reviewed it; nothing for the original shown because a
    translation is missing (the notice says so)."""
    locale = state.locale(lang)
    if version.status == "original":
        return locale.t("article.original")
    if version.status != "machine":
        return ""
    machine = (locale.t("article.machine", engine=version.engine) if version.engine
               else locale.t("article.machine_unknown"))
    edited = version.language in review.edited
    if version.language in review.unapproved:
        key = "article.machine_partly_edited" if edited else "article.machine_unreviewed"
    else:
        key = "article.machine_edited" if edited else "article.machine_reviewed"
    return locale.t(key, label=machine)


def _article_context(state: AppState, request: Request, doc: site.PublishedDocument,
                     lang: str, urls: dict[str, str],
                     review: ReviewState | None = None) -> dict:
    locale = state.locale(lang)
    version = doc.version(lang)
    switcher = [
        {"code": code, "url": urls[code], "current": code == lang,
         "translated": doc.version(code).status in site.SHOWN,
         "name": locale.language_name(code)}
        for code in state.languages
    ]
    original_code = doc.language if doc.language in state.languages else state.languages[0]
    alternates = [(code, _absolute(request, urls[code])) for code in state.languages]
    alternates.append(("x-default", _absolute(request, urls[original_code])))
    notice = "" if version.translated else untranslated_notice(state, version)
    label = translation_label(state, lang, version, review) if review is not None else ""
    return {
        "doc": doc, "version": version, "notice": notice, "translation_label": label,
        "rubric": state.section_name(doc.section, lang), "switcher": switcher,
        "alternates": alternates, "canonical": _absolute(request, urls[lang]),
        "nav_sections": _nav(state, lang, doc.section), "links": links,
        "feed_link": links.feed_url(lang, doc.section),
        "source": doc.outlets[0] if doc.outlets else None, "also": doc.outlets[1:],
        "changes_url": links.changes_url(urls[lang]) if doc.revision > 1 else "",
    }


def _published(state: AppState, lang: str, doc_ref: str,
               more: Callable[[Session, int], T]) -> tuple[site.PublishedDocument, T]:
    """The published document a URL names, with ``more(session, doc_id)`` read in the same
    session; 404 for an unknown language, reference, document or hidden section."""
    check_lang(state, lang)
    parsed = links.parse_doc_ref(doc_ref)
    if parsed is None:
        raise HTTPException(status_code=404)
    with state.db.session() as session:
        doc = site.published_document(session, parsed[0])
        if doc is None or doc.section not in state.section_slugs:
            raise HTTPException(status_code=404)
        return doc, more(session, parsed[0])


@router.get("/{lang}/{section}/{doc_ref}")
def article(request: Request, lang: str, section: str, doc_ref: str,
            state: State) -> Response:
    doc, review = _published(state, lang, doc_ref, review_state)
    urls = _article_links(state, doc)
    if request.url.path != urls[lang]:
        return RedirectResponse(urls[lang], status_code=301)
    context = _article_context(state, request, doc, lang, urls, review)
    return state.render(request, "article.html", lang, story_link=story_link(state, doc.id, lang),
                        **context)


@router.get("/{lang}/{section}/{doc_ref}/changes")
def article_changes(request: Request, lang: str, section: str, doc_ref: str, state: State,
                    rev: int | None = None) -> Response:
    """What changed in a published article: revision ``rev`` (default: the latest) against
    the one before it, words inserted and deleted marked, in the original language."""
    doc, history = _published(state, lang, doc_ref, revisions.history)
    urls = _article_links(state, doc)
    change_urls = {code: links.changes_url(url) for code, url in urls.items()}
    if request.url.path != change_urls[lang]:
        return RedirectResponse(links.changes_url(urls[lang], rev), status_code=301)
    context = _article_context(state, request, doc, lang, change_urls)
    return state.render(request, "changes.html", lang, article_url=urls[lang],
                        changes=changes(history, rev),
                        revision_link=lambda number: links.changes_url(urls[lang], number),
                        **context)
