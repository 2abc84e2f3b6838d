"""The translation desk: one document in one language, paragraph by paragraph.

Plain forms that work without JavaScript (each POST answers with a redirect back to the
paragraph); ``/static/translation-desk.js`` adds keyboard shortcuts. Every page needs a login
and every form a CSRF token, as in the rest of the desk.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from presswatch.errors import InputError
from presswatch.translate.desk_view import origin_label, translation_view
from presswatch.web.routes.desk import CsrfField, Editor, _render
from presswatch.web.state import AppState, State
from presswatch.web.translation_services import DeskServices, Services

router = APIRouter(prefix="/desk")
# the desk's pages run their own script (and nothing else)
SCRIPT_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
              "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
ACTIONS = ("save", "accept")


def page_url(doc_id: int, lang: str, position: int | None = None) -> str:
    url = f"/desk/documents/{doc_id}/translations/{lang}"
    return f"{url}#p{position}" if position is not None else url


def render_translation(request: Request, state: AppState, editor: Editor,
                       services: DeskServices, doc_id: int, lang: str, *, error: str = "",
                       status_code: int = 200, reason: str = "") -> Response:
    try:
        view = translation_view(services.editor, services.memory, doc_id, lang)
    except InputError as err:
        raise HTTPException(status_code=404) from err
    response = _render(state, request, "desk/translation.html", editor,
                       status_code=status_code, view=view, error=error, reason=reason,
                       origin_label=origin_label,
                       require_clean=services.editor.require_clean)
    response.headers["Content-Security-Policy"] = SCRIPT_CSP
    return response


@router.get("/documents/{doc_id}/translations/{lang}")
def translation_page(request: Request, state: State, editor: Editor, services: Services,
                     doc_id: int, lang: str) -> Response:
    return render_translation(request, state, editor, services, doc_id, lang)


@router.post("/documents/{doc_id}/translations/{lang}/segments/{position}")
def save_segment(request: Request, state: State, editor: Editor, services: Services,
                 doc_id: int, lang: str, position: int, csrf: CsrfField,
                 text: Annotated[str, Form()], action: Annotated[str, Form()] = "save"
                 ) -> Response:
    state.signer.check_csrf(editor, csrf)
    if action not in ACTIONS:
        raise HTTPException(status_code=400, detail=f"unknown action {action!r}")
    try:
        if action == "accept":
            services.editor.accept(doc_id, lang, position, editor.username or "", text)
        else:
            services.editor.edit(doc_id, lang, position, text, editor.username or "")
    except InputError as err:
        return render_translation(request, state, editor, services, doc_id, lang,
                                  error=str(err), status_code=400)
    return RedirectResponse(page_url(doc_id, lang, position), status_code=303)


@router.post("/documents/{doc_id}/translations/{lang}/fix-terms")
def fix_terms(request: Request, state: State, editor: Editor, services: Services,
              doc_id: int, lang: str, csrf: CsrfField) -> Response:
    state.signer.check_csrf(editor, csrf)
    services.editor.fix_terms(doc_id, lang, editor.username or "")
    return RedirectResponse(page_url(doc_id, lang), status_code=303)


@router.post("/documents/{doc_id}/translations/{lang}/approve")
def approve(request: Request, state: State, editor: Editor, services: Services, doc_id: int,
            lang: str, csrf: CsrfField, reason: Annotated[str, Form()] = "") -> Response:
    state.signer.check_csrf(editor, csrf)
    try:
        services.editor.approve(doc_id, lang, editor.username or "", reason)
    except InputError as err:
        return render_translation(request, state, editor, services, doc_id, lang,
                                  error=str(err), status_code=409, reason=reason)
    return RedirectResponse(page_url(doc_id, lang), status_code=303)
