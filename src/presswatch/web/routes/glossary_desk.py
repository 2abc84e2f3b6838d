"""The house glossary in the desk: list, edit, delete, import (CSV, TBX) and export; the
translation memory's TMX export.

A term saved here replaces the built-in file's entry of the same concept and language for
every later translation, check and publication; a term that would make the glossary invalid
(a wrong form that is another term's house form, a case that does not exist) is refused with
the reason.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from presswatch.errors import InputError
from presswatch.translate.house_glossary import FORMATS, read_glossary_file, write_glossary_file
from presswatch.translate.interchange import (
    CASES,
    VARIANT_CASES,
    TermRecord,
    format_cased_list,
    language_code,
    parse_cased_list,
    write_tmx,
)
from presswatch.translate.memory import export_units
from presswatch.web.routes.desk import CsrfField, Editor, _render
from presswatch.web.state import State
from presswatch.web.translation_services import Services

router = APIRouter(prefix="/desk")
MAX_UPLOAD = 5_000_000
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "tbx": "application/x-tbx+xml",
               "tmx": "application/x-tmx+xml"}


def _attachment(data: bytes, name: str, kind: str) -> Response:
    return Response(data, media_type=MEDIA_TYPES[kind],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _page(request: Request, state: State, editor: Editor, services: Services, *,
          form: TermRecord | None = None, error: str = "", status_code: int = 200) -> Response:
    base = services.base_glossary
    own = {(r.concept, r.language) for r in services.terms.records()}
    records = services.terms.effective_records(base)
    return _render(state, request, "desk/glossary.html", editor, status_code=status_code,
                   records=records, own=own, form=form, error=error, cases=CASES,
                   variant_cases=VARIANT_CASES, formats=FORMATS, cased=format_cased_list)


@router.get("/glossary")
def glossary_page(request: Request, state: State, editor: Editor, services: Services,
                  concept: str = "", language: str = "") -> Response:
    form = None
    if concept and language:
        records = services.terms.effective_records(services.base_glossary)
        form = next((r for r in records if (r.concept, r.language) == (concept, language)),
                    TermRecord(concept, language, ""))
    return _page(request, state, editor, services, form=form)


@router.post("/glossary")
def save_term(request: Request, state: State, editor: Editor, services: Services,
              csrf: CsrfField, concept: Annotated[str, Form()],
              language: Annotated[str, Form()], term: Annotated[str, Form()],
              forms: Annotated[str, Form()] = "", variants: Annotated[str, Form()] = "",
              note: Annotated[str, Form()] = "") -> Response:
    state.signer.check_csrf(editor, csrf)
    record = TermRecord(concept.strip(), language_code(language), term.strip(), note=note.strip())
    try:
        if not record.concept or not record.language or not record.term:
            raise InputError("concept, language and term are needed")
        record = TermRecord(
            record.concept, record.language, record.term,
            parse_cased_list(forms, CASES, "the form", "forms"),
            parse_cased_list(variants, VARIANT_CASES, "the form", "variants"), record.note)
        services.terms.import_records(services.base_glossary, [record], editor.username or "")
    except InputError as err:
        return _page(request, state, editor, services, form=record, error=str(err),
                     status_code=400)
    return RedirectResponse(f"/desk/glossary#term-{record.concept}-{record.language}",
                            status_code=303)


@router.post("/glossary/delete")
def delete_term(request: Request, state: State, editor: Editor, services: Services,
                csrf: CsrfField, concept: Annotated[str, Form()],
                language: Annotated[str, Form()]) -> Response:
    state.signer.check_csrf(editor, csrf)
    services.terms.delete(concept, language)
    return RedirectResponse("/desk/glossary", status_code=303)


@router.get("/glossary/export")
def export_glossary(editor: Editor, services: Services, format: str = "csv") -> Response:
    if format not in FORMATS:
        raise HTTPException(status_code=404)
    records = services.terms.effective_records(services.base_glossary)
    return _attachment(write_glossary_file(records, format), f"glossary.{format}", format)


@router.post("/glossary/import")
async def import_glossary(request: Request, state: State, editor: Editor, services: Services,
                          csrf: CsrfField, file: Annotated[UploadFile, File()]) -> Response:
    state.signer.check_csrf(editor, csrf)
    data = await file.read(MAX_UPLOAD + 1)
    try:
        if len(data) > MAX_UPLOAD:
            raise InputError(f"{file.filename}: larger than {MAX_UPLOAD // 1_000_000} MB")
        records = read_glossary_file(data, file.filename or "upload")
        services.terms.import_records(services.base_glossary, records, editor.username or "")
    except InputError as err:
        return _page(request, state, editor, services, error=str(err), status_code=400)
    return RedirectResponse("/desk/glossary", status_code=303)


@router.get("/memory/export.tmx")
def export_memory(editor: Editor, state: State) -> Response:
    return _attachment(write_tmx(export_units(state.db)), "memory.tmx", "tmx")
