"""Story pages on the public site: the list of stories and one story's timeline, spread,
figures over time and quotes. Only published documents are shown.

Mounted before ``public.router``: its ``/{lang}/{section}/`` would otherwise take
``/{lang}/stories/``.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from presswatch.store import story_pages
from presswatch.web.routes.public import check_lang, page_context
from presswatch.web.state import State
from presswatch.web.story_links import page_helpers, stories_url, story_url

router = APIRouter()


@router.get("/{lang}/stories/")
def stories(request: Request, lang: str, state: State, page: int = 1) -> Response:
    check_lang(state, lang)
    with state.db.session() as session:
        listing = story_pages.story_listing(session, lang, page=page)
    context = page_context(state, request, lang, lambda code: stories_url(code, listing.page))
    return state.render(request, "stories.html", lang, listing=listing, **page_helpers(lang),
                        **context)


@router.get("/{lang}/stories/{story_id}")
def story(request: Request, lang: str, story_id: int, state: State) -> Response:
    check_lang(state, lang)
    with state.db.session() as session:
        page = story_pages.story_page(session, story_id, lang)
    if page is None:
        raise HTTPException(status_code=404)
    if page.merged_into is not None:
        return RedirectResponse(story_url(lang, page.merged_into), status_code=301)
    context = page_context(state, request, lang, lambda code: story_url(code, story_id))
    return state.render(request, "story.html", lang, story=page, **page_helpers(lang),
                        **context)

