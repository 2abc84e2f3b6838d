"""The desk's entity pages: find, add, teach a new spelling, merge and split entities.

Like every desk page: a logged-in editor only, and every form carries the session's CSRF
token (checked on POST, 403 when wrong). A form the store refuses (a bad or taken key, no
name, nothing to move) comes back with the reason and everything typed, status 400. What
editors change here reaches the analyzer of every worker within ``live_entities``'
``CHECK_SECONDS``: articles processed afterwards use the new names, merges and splits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from presswatch.enrich.entity_base import LANGUAGES, TYPES
from presswatch.errors import InputError
from presswatch.review.auth import DeskSession
from presswatch.store import entities as store_entities
from presswatch.store import entity_desk
from presswatch.web.routes.desk import CsrfField, Editor
from presswatch.web.state import AppState, State
from presswatch.web.story_links import entity_url, page_helpers

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

router = APIRouter(prefix="/desk")
PAGE_SIZE = 50


def names_form(names_uk: Annotated[str, Form()] = "", names_ru: Annotated[str, Form()] = "",
               names_en: Annotated[str, Form()] = "", names_de: Annotated[str, Form()] = ""
               ) -> dict[str, str]:
    """The typed names per language, each ``"Name | Variant | …"``."""
    typed = {"uk": names_uk, "ru": names_ru, "en": names_en, "de": names_de}
    return {lang: typed[lang] for lang in LANGUAGES}


Names = Annotated[dict[str, str], Depends(names_form)]


def split_names(typed: dict[str, str]) -> dict[str, list[str]]:
    return {lang: [n.strip() for n in text.split("|") if n.strip()]
            for lang, text in typed.items()}


def _render(state: AppState, request: Request, template: str, session: DeskSession,
            status_code: int = 200, **context: object) -> Response:
    lang = state.desk_language
    return state.render(request, template, lang, status_code=status_code,
                        csrf=state.signer.csrf_token(session), user=session.username,
                        languages_of_names=LANGUAGES, types=TYPES, **page_helpers(lang),
                        **context)


def _list_page(request: Request, state: AppState, editor: DeskSession, *, q: str = "",
               type_: str = "", page: int = 1, form: dict | None = None, error: str = "",
               status_code: int = 200) -> Response:
    page = max(page, 1)
    with state.db.session() as session:
        rows, total = entity_desk.search_entities(
            session, state.desk_language, q, type_ if type_ in TYPES else "",
            limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return _render(state, request, "desk/entities.html", editor, status_code=status_code,
                   rows=rows, total=total, q=q, type_=type_, page=page,
                   pages=max(1, -(-total // PAGE_SIZE)), form=form or {}, error=error)


@router.get("/entities/")
def desk_entities(request: Request, state: State, editor: Editor, q: str = "",
                  type: str = "", page: int = 1) -> Response:
    return _list_page(request, state, editor, q=q, type_=type, page=page)


@router.post("/entities/")
def add_entity(request: Request, state: State, editor: Editor, csrf: CsrfField, names: Names,
               key: Annotated[str, Form()] = "", type: Annotated[str, Form()] = "",
               description: Annotated[str, Form()] = "") -> Response:
    """A new entity; its names are recognised in the articles processed afterwards."""
    state.signer.check_csrf(editor, csrf)
    key = key.strip()
    try:
        with state.db.session() as session:
            view = store_entities.add_entity(session, key, type, split_names(names),
                                             description)
    except InputError as err:
        form = {"key": key, "type": type, "description": description,
                **{f"names_{lang}": text for lang, text in names.items()}}
        return _list_page(request, state, editor, form=form, error=str(err), status_code=400)
    return RedirectResponse(f"/desk/entities/{view.id}", status_code=303)


def _entity_page(request: Request, state: AppState, editor: DeskSession, entity_id: int, *,
                 find: str = "", form: dict | None = None, error: str = "",
                 status_code: int = 200) -> Response:
    lang = state.desk_language
    with state.db.session() as session:
        entity = entity_desk.desk_entity(session, entity_id, lang)
        if entity is None:
            raise HTTPException(status_code=404)
        if entity.merged_into is not None:
            return RedirectResponse(f"/desk/entities/{entity.merged_into}", status_code=303)
        candidates = [row for row in entity_desk.search_entities(session, lang, find, limit=20)[0]
                      if row.id != entity_id] if find.strip() else []
    return _render(state, request, "desk/entity.html", editor, status_code=status_code,
                   entity=entity, find=find, candidates=candidates, form=form or {},
                   error=error, public_url=entity_url(state.languages[0], entity_id))


def _edit(request: Request, state: AppState, editor: DeskSession, entity_id: int, csrf: str,
          form: dict, change: Callable[[Session], int]) -> Response:
    """Run an editor's change in one transaction and show the entity it returns; a refused
    change shows this entity again with the reason and what was typed (400)."""
    state.signer.check_csrf(editor, csrf)
    try:
        with state.db.session() as session:
            shown = change(session)
    except InputError as err:
        return _entity_page(request, state, editor, entity_id, form=form, error=str(err),
                            status_code=400)
    return RedirectResponse(f"/desk/entities/{shown}", status_code=303)


@router.get("/entities/{entity_id}")
def desk_entity(request: Request, state: State, editor: Editor, entity_id: int,
                find: str = "") -> Response:
    return _entity_page(request, state, editor, entity_id, find=find)


@router.post("/entities/{entity_id}/names")
def add_names(request: Request, state: State, editor: Editor, entity_id: int,
              csrf: CsrfField, names: Names) -> Response:
    """Teach the entity more names (a new spelling, a translation)."""

    def change(session: Session) -> int:
        store_entities.add_names(session, entity_id, split_names(names))
        return entity_id

    return _edit(request, state, editor, entity_id, csrf, {"names": names}, change)


@router.post("/entities/{entity_id}/merge")
def merge_entity(request: Request, state: State, editor: Editor, entity_id: int,
                 csrf: CsrfField, target: Annotated[str, Form()] = "") -> Response:
    """Merge this entity into ``target`` (a key or a number); show the survivor."""

    def change(session: Session) -> int:
        target_id = store_entities.find_entity(session, target)
        if target_id is None:
            raise InputError(f"no entity {target.strip() or '(none given)'}")
        return store_entities.merge_entities(session, entity_id, target_id).id

    return _edit(request, state, editor, entity_id, csrf, {"target": target}, change)


@router.post("/entities/{entity_id}/split")
def split_entity(request: Request, state: State, editor: Editor, entity_id: int,
                 csrf: CsrfField, key: Annotated[str, Form()] = "",
                 type: Annotated[str, Form()] = "",
                 names: Annotated[list[str] | None, Form()] = None,  # "uk:Name" each
                 surfaces: Annotated[list[str] | None, Form()] = None) -> Response:
    """The checked names, and the mentions spelled so, become a new entity ``key``."""
    key, names, surfaces = key.strip(), names or [], surfaces or []
    pairs = [tuple(value.split(":", 1)) for value in names if ":" in value]

    def change(session: Session) -> int:
        return store_entities.split_entity(session, entity_id, pairs, key, type or None,
                                           surfaces=surfaces).id

    form = {"key": key, "type": type, "names": set(names), "surfaces": set(surfaces)}
    return _edit(request, state, editor, entity_id, csrf, {"split": form}, change)
