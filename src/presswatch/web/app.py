"""``create_app(settings, db)``: the public site, the desk, static files and error pages."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from presswatch.errors import AuthError, InputError
from presswatch.review.auth import SessionSigner, load_secret_key
from presswatch.settings import Settings
from presswatch.store.base import Database
from presswatch.taxonomy import load_sections
from presswatch.web.i18n import load_locales
from presswatch.web.routes import (
    desk,
    entities,
    entities_desk,
    glossary_desk,
    public,
    stories,
    stories_desk,
    translation_desk,
)
from presswatch.web.state import AppState, app_state, make_environment

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


def _page_language(state: AppState, request: Request) -> str:
    """The UI language of an error page: the path's first segment if it is a site language."""
    first = request.url.path.strip("/").split("/", 1)[0]
    if first == "desk":
        return state.desk_language
    return first if first in state.languages else state.languages[0]


def _error_page(request: Request, status_code: int, title_key: str, text: str) -> Response:
    state = app_state(request)
    lang = _page_language(state, request)
    locale = state.locale(lang)
    return state.render(request, "error.html", lang, status_code=status_code,
                        title=locale.t(title_key), message=text or "",
                        nav_sections=[], switcher=[], alternates=[], feed_link="")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            locale = app_state(request).locale(_page_language(app_state(request), request))
            return _error_page(request, 404, "error.not_found_title",
                               locale.t("error.not_found_text"))
        return _error_page(request, exc.status_code, "error.bad_request_title", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return _error_page(request, 400, "error.bad_request_title",
                           "; ".join(str(e.get("msg", "")) for e in exc.errors()))

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return _error_page(request, 400, "error.bad_request_title", str(exc))

    @app.exception_handler(AuthError)
    async def auth_error(request: Request, exc: AuthError) -> Response:
        log.warning("desk: %s (%s)", exc, request.url.path)
        locale = app_state(request).locale(app_state(request).desk_language)
        return _error_page(request, 403, "error.forbidden_title", locale.t("error.forbidden_text"))

    @app.exception_handler(desk.LoginRequired)
    async def login_required(request: Request, exc: desk.LoginRequired) -> Response:
        return desk.login_redirect(exc.next_url)


def create_app(settings: Settings, db: Database | None = None) -> FastAPI:
    """The web app over ``db`` (default: ``settings.db_url``); the schema must exist."""
    state = AppState(
        settings=settings,
        db=db or Database(settings.db_url),
        sections=tuple(load_sections(settings.sections_file)),
        locales=load_locales(tuple(settings.site_languages)),
        env=make_environment(),
        signer=SessionSigner(load_secret_key(settings)),
        desk_language=settings.desk_language,
    )
    state.locales.update(load_locales((state.desk_language,)))
    app = FastAPI(title=settings.site_name, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.presswatch = state

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(desk.router)
    app.include_router(translation_desk.router)
    app.include_router(glossary_desk.router)
    app.include_router(stories_desk.router)
    app.include_router(entities_desk.router)
    # before public: its /{lang}/{section}/ would take /{lang}/stories/
    app.include_router(stories.router)
    app.include_router(entities.router)
    app.include_router(public.router)
    return app
