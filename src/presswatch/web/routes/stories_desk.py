"""The desk's story pages: every story with all its documents, merge and split.

Like every desk page: a logged-in editor only, and every form carries the session's CSRF
token (checked on POST, 403 when wrong).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from presswatch.review.auth import DeskSession
from presswatch.store import stories as store_stories
from presswatch.store import story_pages
from presswatch.stories.assigner import StoryAssigner, similar_stories
from presswatch.web.routes.desk import CsrfField, Editor
from presswatch.web.state import AppState, State
from presswatch.web.story_links import page_helpers, story_url

router = APIRouter(prefix="/desk")


def _render(state: AppState, request: Request, template: str, session: DeskSession,
            **context: object) -> Response:
    lang = state.desk_language
    return state.render(request, template, lang, csrf=state.signer.csrf_token(session),
                        user=session.username, **page_helpers(lang), **context)


@router.get("/stories/")
def desk_stories(request: Request, state: State, editor: Editor, limit: int = 200) -> Response:
    lang = state.desk_language
    with state.db.session() as session:
        rows = store_stories.list_stories(session, limit=limit)
    items = [(row, store_stories.StoryTitle.from_json(row.titles.get(lang))) for row in rows]
    return _render(state, request, "desk/stories.html", editor, items=items)


@router.get("/stories/{story_id}")
def desk_story(request: Request, state: State, editor: Editor, story_id: int) -> Response:
    lang = state.desk_language
    with state.db.session() as session:
        page = story_pages.story_page(session, story_id, lang, published_only=False)
        if page is None:
            raise HTTPException(status_code=404)
        if page.merged_into is not None:
            return RedirectResponse(f"/desk/stories/{page.merged_into}", status_code=303)
        public = bool(story_pages.member_documents(session, story_id, published_only=True))
    suggestions = []
    with state.db.session() as session:
        for other_id, similarity in similar_stories(state.db, story_id):
            title = story_pages.story_title(session, other_id, lang, published_only=False)
            if title is not None:
                suggestions.append((other_id, similarity, title))
    return _render(state, request, "desk/story.html", editor, story=page,
                   suggestions=suggestions,
                   public_url=story_url(state.languages[0], story_id) if public else "")


@router.post("/stories/{story_id}/merge")
def merge_story(request: Request, state: State, editor: Editor, story_id: int,
                other: Annotated[int, Form()], csrf: CsrfField) -> Response:
    """Merge story ``other`` into this one."""
    state.signer.check_csrf(editor, csrf)
    StoryAssigner(state.settings).merge(state.db, story_id, other, by=editor.username or "")
    return RedirectResponse(f"/desk/stories/{story_id}", status_code=303)


@router.post("/stories/{story_id}/split")
def split_story(request: Request, state: State, editor: Editor, story_id: int,
                csrf: CsrfField, documents: Annotated[list[int], Form()]) -> Response:
    """Move the checked documents out into a new story; show the new story."""
    state.signer.check_csrf(editor, csrf)
    new_id = StoryAssigner(state.settings).split(state.db, story_id, documents,
                                                 by=editor.username or "")
    return RedirectResponse(f"/desk/stories/{new_id}", status_code=303)
