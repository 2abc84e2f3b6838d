"""Segments of a machine translation: one row per title and block, with origin and history.

``sync_segments`` writes them from a ``Translation`` (idempotent: saving the same translation
twice changes nothing; a paragraph an editor changed keeps the editor's text as long as its
source did not change). Every editor's change is a ``SegmentEdit``; the first one also records
the draft it replaced. The translation row's title and blocks always follow the segments, so the
public site shows the edited text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from presswatch.errors import InputError
from presswatch.models import Translation
from presswatch.store.base import utcnow
from presswatch.store.tables import Document, Segment, SegmentEdit, TranslationRow

EDITOR_PREFIX = "editor:"


def source_segments(doc: Document) -> list[tuple[str, str]]:
    """(kind, text) of the document's title and blocks, in segment order."""
    return [("title", doc.title), *((b["kind"], b["text"]) for b in doc.blocks or ())]


def sync_segments(
    session: Session, row: TranslationRow, tr: Translation,
    checks: Sequence[list[dict]] | None = None,
) -> bool:
    """Make the row's segments those of ``tr``; True when a text changed (which withdraws an
    approval). Only machine translations have segments."""
    doc = session.get(Document, row.document_id)
    sources = source_segments(doc) if doc is not None else []
    texts = [tr.title, *(b.text for b in tr.blocks)]
    if tr.status != "machine" or len(sources) != len(texts):
        changed = bool(row.segments)
        row.segments.clear()
        return changed
    origins = list(tr.segment_origins) if len(tr.segment_origins) == len(texts) else [
        f"engine:{tr.engine}" if tr.engine else ""] * len(texts)
    existing = {seg.position: seg for seg in row.segments}
    changed = False
    for pos, ((kind, source), text) in enumerate(zip(sources, texts, strict=True)):
        seg = existing.pop(pos, None)
        found = checks[pos] if checks is not None and pos < len(checks) else None
        if seg is None:
            seg = Segment(position=pos, kind=kind, source_text=source, text=text,
                          origin=origins[pos], checks=list(found or []))
            row.segments.append(seg)
            changed = True
            continue
        if seg.source_text == source and seg.origin.startswith(EDITOR_PREFIX):
            continue  # an editor's paragraph survives a new machine translation
        if (seg.kind, seg.source_text, seg.text) != (kind, source, text):
            changed = True
            seg.accepted, seg.accepted_by, seg.accepted_at = False, None, None
        seg.kind, seg.source_text, seg.text, seg.origin = kind, source, text, origins[pos]
        if found is not None:
            seg.checks = list(found)
    for seg in existing.values():
        row.segments.remove(seg)
        changed = True
    follow_segments(row)
    return changed


def follow_segments(row: TranslationRow) -> None:
    """The row's title and blocks from its segments."""
    segments = sorted(row.segments, key=lambda s: s.position)
    if not segments:
        return
    row.title = segments[0].text
    row.blocks = [{"kind": s.kind, "text": s.text} for s in segments[1:]]


def clear_approval(row: TranslationRow) -> None:
    row.approved_by, row.approved_at, row.override_reason = None, None, None


def get_row(session: Session, doc_id: int, language: str) -> TranslationRow:
    """The document's translation into ``language``; ``InputError`` when there is none."""
    row = session.scalar(select(TranslationRow).where(
        TranslationRow.document_id == doc_id, TranslationRow.language == language))
    if row is None:
        raise InputError(f"document {doc_id} has no {language} translation")
    return row


def ensure_segments(session: Session, row: TranslationRow) -> list[Segment]:
    """The row's segments, written from its title and blocks when a machine translation
    saved before segments existed has none."""
    if not row.segments and row.status == "machine":
        doc = session.get(Document, row.document_id)
        sources = source_segments(doc) if doc is not None else []
        texts = [("title", row.title), *((b["kind"], b["text"]) for b in row.blocks or ())]
        if len(sources) == len(texts):
            origin = f"engine:{row.engine}" if row.engine else ""
            for pos, ((kind, source), (_k, text)) in enumerate(zip(sources, texts, strict=True)):
                row.segments.append(Segment(position=pos, kind=kind, source_text=source,
                                            text=text, origin=origin, checks=[]))
            session.flush()
    return sorted(row.segments, key=lambda s: s.position)


def get_segment(session: Session, row: TranslationRow, position: int) -> Segment:
    for seg in ensure_segments(session, row):
        if seg.position == position:
            return seg
    raise InputError(f"the {row.language} translation has no paragraph {position}")


def edit_segment(session: Session, row: TranslationRow, seg: Segment, text: str, author: str,
                 *, origin: str | None = None, when: datetime | None = None) -> bool:
    """Give ``seg`` an editor's text (recorded in its history); False when nothing changed."""
    if text == seg.text:
        return False
    when = when or utcnow()
    if not session.scalar(select(func.count()).where(SegmentEdit.segment_id == seg.id)):
        session.add(SegmentEdit(segment_id=seg.id, author=seg.origin or "machine",
                                text=seg.text, origin=seg.origin, created_at=row.created_at))
    seg.text = text
    seg.origin = origin or f"{EDITOR_PREFIX}{author}"
    seg.accepted, seg.accepted_by, seg.accepted_at = False, None, None
    session.add(SegmentEdit(segment_id=seg.id, author=author, text=text, origin=seg.origin,
                            created_at=when))
    follow_segments(row)
    clear_approval(row)
    session.flush()
    return True


def accept_segment(session: Session, seg: Segment, by: str) -> None:
    seg.accepted, seg.accepted_by, seg.accepted_at = True, by, utcnow()
    session.flush()


def history(session: Session, segment_ids: Sequence[int]) -> dict[int, list[SegmentEdit]]:
    """Each segment's edits, oldest first."""
    found: dict[int, list[SegmentEdit]] = {}
    if segment_ids:
        rows = session.scalars(select(SegmentEdit)
                               .where(SegmentEdit.segment_id.in_(list(segment_ids)))
                               .order_by(SegmentEdit.created_at, SegmentEdit.id))
        for edit in rows:
            found.setdefault(edit.segment_id, []).append(edit)
    return found


def approve(session: Session, row: TranslationRow, by: str, reason: str | None) -> None:
    row.approved_by, row.approved_at = by, utcnow()
    row.override_reason = reason or None
    session.flush()


def unapproved_languages(session: Session, doc_id: int) -> list[str]:
    """The document's machine translations that no editor approved."""
    return list(session.scalars(
        select(TranslationRow.language)
        .where(TranslationRow.document_id == doc_id, TranslationRow.status == "machine",
               TranslationRow.approved_at.is_(None))
        .order_by(TranslationRow.language)))


def edited_languages(session: Session, doc_id: int) -> list[str]:
    """The document's machine translations with a paragraph an editor wrote."""
    return list(session.scalars(
        select(TranslationRow.language).distinct()
        .join(Segment, Segment.translation_id == TranslationRow.id)
        .where(TranslationRow.document_id == doc_id, TranslationRow.status == "machine",
               Segment.origin.startswith(EDITOR_PREFIX))
        .order_by(TranslationRow.language)))
