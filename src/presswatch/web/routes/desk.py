"""The editors' desk: login, the review queue, one document and its state changes.

Every page needs a logged-in session (else a redirect to the login form); every form
carries a CSRF token bound to the session and is checked on POST (403 when it is wrong).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from presswatch.editorial import PUBLISHED, allowed_targets
from presswatch.errors import InputError
from presswatch.review.auth import SESSION_COOKIE, DeskSession
from presswatch.store import review, revisions, users
from presswatch.store.site import published_document
from presswatch.web import links
from presswatch.web.changes import changes
from presswatch.web.state import AppState, State
from presswatch.web.translation_services import publication_blockers

router = APIRouter(prefix="/desk")
#: What a re-check may answer (``presswatch.revisits.REFETCH_OUTCOMES``), each with a message.
CHECK_OUTCOMES = ("revised", "unchanged", "rejected", "error", "copy", "skipped")
FILTERS = {"all": ("new", "candidate"), "new": ("new",), "candidate": ("candidate",)}


class LoginRequired(Exception):
    """Raised by ``require_editor``; the app turns it into a redirect to the login form."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def current_session(request: Request, state: State) -> DeskSession | None:
    return state.signer.loads(request.cookies.get(SESSION_COOKIE))


def require_editor(request: Request, state: State) -> DeskSession:
    session = current_session(request, state)
    if session is None or not session.logged_in:
        raise LoginRequired(request.url.path)
    return session


Editor = Annotated[DeskSession, Depends(require_editor)]
CsrfField = Annotated[str, Form(alias="csrf_token")]


def login_redirect(next_url: str) -> RedirectResponse:
    return RedirectResponse(f"/desk/login?next={quote(next_url, safe='/')}", status_code=303)


def _safe_next(next_url: str) -> str:
    return next_url if next_url.startswith("/desk/") and "//" not in next_url else "/desk/"


def _set_session(response: Response, state: AppState, request: Request,
                 session: DeskSession) -> None:
    response.set_cookie(
        SESSION_COOKIE, state.signer.dumps(session), max_age=state.signer.max_age, path="/desk",
        httponly=True, samesite="lax", secure=request.url.scheme == "https",
    )


def _render(state: AppState, request: Request, template: str, session: DeskSession,
            status_code: int = 200, **context: object) -> Response:
    return state.render(request, template, state.desk_language, status_code=status_code,
                        csrf=state.signer.csrf_token(session), user=session.username,
                        **context)


@router.get("/login")
def login_form(request: Request, state: State, next: str = "/desk/") -> Response:
    session = current_session(request, state)
    fresh = session is None
    session = session or state.signer.new_session()
    response = _render(state, request, "desk/login.html", session, next=_safe_next(next),
                       error="")
    if fresh:
        _set_session(response, state, request, session)
    return response


@router.post("/login")
def login(request: Request, state: State, username: Annotated[str, Form()],
          password: Annotated[str, Form()], csrf: CsrfField,
          next: Annotated[str, Form()] = "/desk/") -> Response:
    session = current_session(request, state)
    state.signer.check_csrf(session, csrf)
    with state.db.session() as db_session:
        user = users.authenticate(db_session, username, password)
    if user is None:
        locale = state.locale(state.desk_language)
        return _render(state, request, "desk/login.html", session, status_code=401,
                       next=_safe_next(next), error=locale.t("desk.login_failed"))
    response = RedirectResponse(_safe_next(next), status_code=303)
    _set_session(response, state, request, state.signer.new_session(user.username))
    return response


@router.post("/logout")
def logout(request: Request, state: State, editor: Editor, csrf: CsrfField) -> Response:
    state.signer.check_csrf(editor, csrf)
    response = RedirectResponse("/desk/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/desk")
    return response


@router.get("/")
def queue(request: Request, state: State, editor: Editor, status: str = "all",
          irrelevant: bool = False) -> Response:
    if status not in FILTERS:
        raise HTTPException(status_code=404)
    with state.db.session() as session:
        rows = review.list_documents(session, FILTERS[status], 200,
                                     relevant=None if irrelevant else True)
    return _render(state, request, "desk/queue.html", editor, rows=rows, status=status,
                   irrelevant=irrelevant, filters=tuple(FILTERS),
                   section_name=lambda slug: state.section_name(slug, state.desk_language))


@router.get("/documents/{doc_id}")
def document(request: Request, state: State, editor: Editor, doc_id: int,
             rev: int | None = None, checked: str | None = None) -> Response:
    with state.db.session() as session:
        try:
            doc = review.document_detail(session, doc_id)
        except InputError as err:
            raise HTTPException(status_code=404) from err
        public = published_document(session, doc_id)
        history = revisions.history(session, doc_id)
    public_url = None
    if public is not None and public.section in state.section_slugs:
        lang = state.languages[0]
        version = public.version(lang)
        public_url = links.article_url(lang, public.section, public.id, version.title,
                                       version.text_language)
    sections = [(slug, state.section_name(slug, state.desk_language))
                for slug in state.section_slugs]
    return _render(state, request, "desk/document.html", editor, doc=doc,
                   targets=allowed_targets(doc.status), sections=sections, public_url=public_url,
                   changes=changes(history, rev),
                   revision_link=lambda number: f"/desk/documents/{doc_id}?rev={number}",
                   checked=checked if checked in CHECK_OUTCOMES else None)


@router.post("/documents/{doc_id}/refetch")
def refetch(request: Request, state: State, editor: Editor, doc_id: int,
            csrf: CsrfField) -> Response:
    """Fetch the document's source page again now; a changed text becomes a new revision."""
    state.signer.check_csrf(editor, csrf)
    with state.db.session() as session:
        article_id = revisions.source_article(session, doc_id)
    if article_id is None:
        raise HTTPException(status_code=404)
    from presswatch.pipeline import Pipeline  # the stages load when an editor asks, not before

    pipeline = Pipeline(state.settings, state.db)
    try:
        outcome = pipeline.refetch_article(article_id)
    finally:
        pipeline.close()
    return RedirectResponse(f"/desk/documents/{doc_id}?checked={outcome}", status_code=303)


@router.post("/documents/{doc_id}/status")
def change_status(request: Request, state: State, editor: Editor, doc_id: int,
                  status: Annotated[str, Form()], csrf: CsrfField) -> Response:
    state.signer.check_csrf(editor, csrf)
    if status == PUBLISHED:
        blockers = publication_blockers(request, doc_id)
        if blockers:
            raise InputError(f"document {doc_id} cannot be published yet: {'; '.join(blockers)}")
    with state.db.session() as session:
        review.set_status(session, doc_id, status, by=editor.username or "")
    return RedirectResponse(f"/desk/documents/{doc_id}", status_code=303)


@router.post("/documents/{doc_id}/section")
def change_section(request: Request, state: State, editor: Editor, doc_id: int,
                   section: Annotated[str, Form()], csrf: CsrfField) -> Response:
    state.signer.check_csrf(editor, csrf)
    with state.db.session() as session:
        review.set_section(session, doc_id, section, state.section_slugs)
    return RedirectResponse(f"/desk/documents/{doc_id}", status_code=303)
