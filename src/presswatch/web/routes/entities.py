"""Entity pages on the public site: mentions over time, stories, figures and quotes."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from presswatch.store import entity_pages
from presswatch.web.routes.public import check_lang, page_context
from presswatch.web.state import State
from presswatch.web.story_links import entity_url, page_helpers

router = APIRouter()


@router.get("/{lang}/entities/{entity_id}")
def entity(request: Request, lang: str, entity_id: int, state: State) -> Response:
    check_lang(state, lang)
    with state.db.session() as session:
        page = entity_pages.entity_page(session, entity_id, lang)
    if page is None:
        raise HTTPException(status_code=404)
    if page.merged_into is not None:
        return RedirectResponse(entity_url(lang, page.merged_into), status_code=301)
    context = page_context(state, request, lang, lambda code: entity_url(code, entity_id))
    return state.render(request, "entity.html", lang, entity=page, **page_helpers(lang),
                        **context)
