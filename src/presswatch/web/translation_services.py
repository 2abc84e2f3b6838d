"""The translation desk's services, built once per app: the house glossary (file and
database), the translation memory and the editor (``presswatch.translate.editing``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Annotated

from fastapi import Depends, Request

from presswatch.translate.editing import TranslationEditor
from presswatch.translate.glossary import Glossary
from presswatch.translate.house_glossary import DatabaseTerms
from presswatch.translate.memory import DatabaseMemory
from presswatch.web.state import AppState, State


@dataclass
class DeskServices:
    """Built once per app: the file glossary, the database's terms, memory and the editor."""

    state: AppState

    @cached_property
    def base_glossary(self) -> Glossary:
        return Glossary.load(self.state.settings.glossary_file)

    @cached_property
    def terms(self) -> DatabaseTerms:
        return DatabaseTerms(self.state.db)

    @cached_property
    def memory(self) -> DatabaseMemory:
        return DatabaseMemory.from_settings(self.state.db, self.state.settings)

    @cached_property
    def editor(self) -> TranslationEditor:
        return TranslationEditor.from_settings(self.state.db, self.state.settings,
                                               self.terms.house(self.base_glossary))


def desk_services(request: Request, state: State) -> DeskServices:
    services = getattr(request.app.state, "translation_desk", None)
    if services is None:
        services = DeskServices(state)
        request.app.state.translation_desk = services
    return services


Services = Annotated[DeskServices, Depends(desk_services)]


def publication_blockers(request: Request, doc_id: int) -> list[str]:
    """What stops the desk from publishing ``doc_id``: wrong house terms in a machine
    translation and, with ``publish_requires_approval``, languages nobody approved."""
    return desk_services(request, request.app.state.presswatch).editor.publication_blockers(
        doc_id)
