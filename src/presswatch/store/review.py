"""Editorial state of documents: the only place that changes ``Document.status``.

Every change goes through ``presswatch.editorial.check_transition`` (a pure module with
no I/O), so the CLI, the desk and the pipeline's auto-publish obey the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from presswatch.editorial import CANDIDATE, NEW, PUBLISHED, check_transition
from presswatch.errors import InputError
from presswatch.store.base import utcnow
from presswatch.store.site import OutletLink, outlets_of
from presswatch.store.tables import Document, TranslationRow


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One row of the desk list or ``presswatch review list``."""

    id: int
    title: str
    status: str
    language: str | None
    section: str | None
    relevant: bool
    outlet: str | None
    published: datetime | None
    created_at: datetime
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TranslationSummary:
    language: str
    title: str
    status: str
    engine: str | None
    note: str


@dataclass(frozen=True, slots=True)
class DeskDocument:
    """Everything the desk shows about one document, whatever its state."""

    id: int
    title: str
    blocks: tuple[dict, ...]
    status: str
    language: str | None
    section: str | None
    relevant: bool
    topics: tuple[str, ...]
    author: str | None
    published: datetime | None
    status_changed_at: datetime | None
    status_by: str | None
    status_note: str | None
    outlets: tuple[OutletLink, ...]
    translations: tuple[TranslationSummary, ...]
    revision: int = 1  # the current text's revision number
    stealth_edit: bool = False  # the headline changed after publication


def get_document(session: Session, doc_id: int) -> Document:
    """The document with ``doc_id``; ``InputError`` when there is none."""
    doc = session.get(Document, doc_id)
    if doc is None:
        raise InputError(f"no document with id {doc_id}")
    return doc


def set_status(session: Session, doc_id: int, status: str, by: str,
               note: str | None = None) -> Document:
    """Move a document to ``status`` (checked), recording who, when and ``note`` (why, where
    the change needed a reason; each change replaces the last one's note).

    Publishing needs a section (the public URL contains it); unpublishing keeps
    ``published_at`` as the record of the first publication.
    """
    doc = get_document(session, doc_id)
    check_transition(doc.status, status)
    if status == PUBLISHED and not doc.section:
        raise InputError(f"document {doc_id} has no section; set one before publishing")
    now = utcnow()
    doc.status = status
    doc.status_changed_at = now
    doc.status_by = by
    doc.status_note = note or None
    if status == PUBLISHED:
        doc.published_at = now
    session.flush()
    return doc


def set_section(session: Session, doc_id: int, section: str, known: tuple[str, ...]) -> Document:
    """Put a document in ``section``, which must be one of ``known``."""
    if section not in known:
        raise InputError(f"unknown section {section!r}; expected one of {', '.join(known)}")
    doc = get_document(session, doc_id)
    doc.section = section
    session.flush()
    return doc


def list_documents(
    session: Session,
    status: str | tuple[str, ...] | None = None,
    limit: int = 100,
    *,
    relevant: bool | None = None,
) -> list[DocumentSummary]:
    """Documents newest first, optionally by status(es) and relevance, with their first outlet
    and the notes of their translations (``no engine for de→uk``)."""
    query = select(Document).order_by(Document.created_at.desc(), Document.id.desc()).limit(limit)
    if isinstance(status, str):
        query = query.where(Document.status == status)
    elif status:
        query = query.where(Document.status.in_(status))
    if relevant is not None:
        query = query.where(Document.relevant.is_(relevant))
    docs = list(session.scalars(query))
    ids = [doc.id for doc in docs]
    outlets = {doc_id: links[0].name for doc_id, links in outlets_of(session, ids).items()}
    notes = _notes(session, ids)
    return [
        DocumentSummary(
            id=doc.id, title=doc.title, status=doc.status, language=doc.language,
            section=doc.section, relevant=doc.relevant, outlet=outlets.get(doc.id),
            published=doc.published, created_at=doc.created_at, notes=notes.get(doc.id, ()),
        )
        for doc in docs
    ]


def document_detail(session: Session, doc_id: int) -> DeskDocument:
    """One document with its outlets and translations; ``InputError`` when there is none."""
    doc = get_document(session, doc_id)
    rows = session.scalars(
        select(TranslationRow)
        .where(TranslationRow.document_id == doc_id)
        .order_by(TranslationRow.language)
    )
    return DeskDocument(
        id=doc.id, title=doc.title, blocks=tuple(doc.blocks or ()), status=doc.status,
        language=doc.language, section=doc.section, relevant=doc.relevant,
        topics=tuple(doc.topics or ()), author=doc.author, published=doc.published,
        status_changed_at=doc.status_changed_at, status_by=doc.status_by,
        status_note=doc.status_note,
        outlets=tuple(outlets_of(session, [doc.id]).get(doc.id, ())),
        translations=tuple(
            TranslationSummary(row.language, row.title, row.status, row.engine, row.note or "")
            for row in rows
        ),
        revision=doc.revision or 1, stealth_edit=bool(doc.stealth_edit),
    )


def count_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Document.status, func.count()).group_by(Document.status))
    return {status: count for status, count in rows}


def review_queue(session: Session, limit: int = 200, *, include_irrelevant: bool = False):
    """What the desk shows: new and candidate documents, relevant ones unless asked."""
    return list_documents(
        session, (NEW, CANDIDATE), limit, relevant=None if include_irrelevant else True
    )


def _notes(session: Session, doc_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not doc_ids:
        return {}
    rows = session.execute(
        select(TranslationRow.document_id, TranslationRow.note)
        .where(TranslationRow.document_id.in_(doc_ids), TranslationRow.note != "")
        .order_by(TranslationRow.language)
    )
    found: dict[int, list[str]] = {}
    for doc_id, note in rows:
        found.setdefault(doc_id, []).append(note)
    return {doc_id: tuple(dict.fromkeys(notes)) for doc_id, notes in found.items()}
