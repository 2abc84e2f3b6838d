"""House glossary terms edited in the desk or imported; they override the built-in file.

``forms`` and ``variants`` are lists of ``{"case": "gen", "form": "Києва"}``: a case of
``nom gen dat acc ins loc``, ``""`` (a synonym, or for variants a wrong spelling declined in
every case) or ``"after_prep"`` (a variant only wrong after a locative preposition).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from presswatch.store.base import utcnow
from presswatch.store.tables import GlossaryTerm


def list_terms(session: Session) -> list[GlossaryTerm]:
    return list(session.scalars(
        select(GlossaryTerm).order_by(GlossaryTerm.concept, GlossaryTerm.language)))


def get_term(session: Session, concept: str, language: str) -> GlossaryTerm | None:
    return session.scalar(select(GlossaryTerm).where(
        GlossaryTerm.concept == concept, GlossaryTerm.language == language))


def version(session: Session) -> tuple[object, ...]:
    """Changes whenever a term is added, changed or deleted (count, last id, last change)."""
    row = session.execute(select(func.count(), func.max(GlossaryTerm.id),
                                 func.max(GlossaryTerm.updated_at))).one()
    return tuple(row)


def upsert_term(
    session: Session, *, concept: str, language: str, term: str,
    forms: Sequence[dict[str, str]] = (), variants: Sequence[dict[str, str]] = (),
    note: str = "", by: str | None = None,
) -> GlossaryTerm:
    """Insert or replace the term of ``concept`` in ``language``."""
    row = get_term(session, concept, language)
    if row is None:
        row = GlossaryTerm(concept=concept, language=language)
        session.add(row)
    row.term = term
    row.forms = [dict(f) for f in forms]
    row.variants = [dict(v) for v in variants]
    row.note = note
    row.updated_by = by
    row.updated_at = utcnow()
    session.flush()
    return row


def delete_term(session: Session, concept: str, language: str) -> bool:
    result = session.execute(delete(GlossaryTerm).where(
        GlossaryTerm.concept == concept, GlossaryTerm.language == language))
    return bool(result.rowcount)
