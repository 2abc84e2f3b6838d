"""What every request handler needs, built once by ``create_app`` and kept on ``app.state``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from presswatch.publish.body import excerpt, render_body
from presswatch.publish.sanitize import inline_html, plain_html, safe_url
from presswatch.review.auth import SessionSigner
from presswatch.settings import Settings
from presswatch.store.base import Database
from presswatch.taxonomy import Section, section_name
from presswatch.web.i18n import Locale

TEMPLATES = Path(__file__).parent / "templates"


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plain"] = plain_html
    env.filters["inline"] = inline_html
    env.filters["body"] = render_body
    env.filters["excerpt"] = excerpt
    env.filters["safe_url"] = safe_url
    return env


@dataclass
class AppState:
    settings: Settings
    db: Database
    sections: tuple[Section, ...]
    locales: dict[str, Locale]
    env: Environment
    signer: SessionSigner
    desk_language: str

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.settings.site_languages)

    @property
    def section_slugs(self) -> tuple[str, ...]:
        return tuple(section.slug for section in self.sections)

    def section_name(self, slug: str, lang: str) -> str:
        return section_name(self.sections, slug, lang)

    def locale(self, lang: str) -> Locale:
        return self.locales.get(lang) or self.locales[self.languages[0]]

    def render(
        self, request: Request, template: str, lang: str, status_code: int = 200, **context: Any
    ) -> HTMLResponse:
        """Render ``template`` in UI language ``lang`` with ``t``, dates and site context."""
        locale = self.locale(lang)
        html = self.env.get_template(template).render(
            request=request, lang=lang, t=locale.t, fmt_date=locale.date,
            language_name=locale.language_name, unit_name=locale.unit_name,
            site_name=self.settings.site_name,
            languages=self.languages, **context,
        )
        return HTMLResponse(html, status_code=status_code)


def app_state(request: Request) -> AppState:
    return request.app.state.presswatch


State = Annotated[AppState, Depends(app_state)]
