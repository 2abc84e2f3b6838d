"""Read queries for the desk's entity pages: a search with mention counts, and one entity with
its names, the spellings its mentions use and the newest documents naming it (any status,
unlike the public page, which counts published documents only)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, distinct, func, or_, select
from sqlalchemy.orm import Session

from presswatch.store.entities import normalize_name, survivor_id
from presswatch.store.story_pages import Report, entity_name, reports_of
from presswatch.store.tables import Document, Entity, EntityName, Mention

__all__ = ["DeskEntity", "EntityRow", "desk_entity", "search_entities"]


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A line of the desk's entity list."""

    id: int
    key: str
    type: str
    name: str
    source: str
    mentions: int
    documents: int


@dataclass(frozen=True, slots=True)
class DeskEntity:
    """An entity as the desk shows it; ``merged_into`` is set (and nothing else filled) for
    an entity merged into another (the survivor, after every merge)."""

    id: int
    key: str
    type: str
    name: str
    description: str
    source: str
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (language, names) pairs
    mentions: int = 0
    documents: int = 0
    surfaces: tuple[tuple[str, int], ...] = ()  # how its mentions spell it, most used first
    reports: tuple[tuple[Report, int], ...] = ()  # newest first, with the mentions in each
    merged_into: int | None = None


def _counts():
    return (select(Mention.entity_id, func.count().label("mentions"),
                   func.count(distinct(Mention.document_id)).label("documents"))
            .group_by(Mention.entity_id).subquery())


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: Select, text: str, type_: str) -> Select:
    query = query.where(Entity.merged_into_id.is_(None))
    if type_:
        query = query.where(Entity.type == type_)
    if text.strip():
        pattern = _like(normalize_name(text))
        named = select(EntityName.entity_id).where(
            EntityName.normalized.like(pattern, escape="\\"))
        query = query.where(or_(Entity.key.like(pattern, escape="\\"), Entity.id.in_(named)))
    return query


def search_entities(session: Session, lang: str, text: str = "", type_: str = "",
                    limit: int = 50, offset: int = 0) -> tuple[list[EntityRow], int]:
    """Entities (not merged ones) whose key or a name contains ``text`` (any language, any
    case), of ``type_`` if given, most mentioned first; and how many there are in all."""
    counts = _counts()
    mentions = func.coalesce(counts.c.mentions, 0)
    query = _filtered(select(Entity, mentions, func.coalesce(counts.c.documents, 0))
                      .outerjoin(counts, counts.c.entity_id == Entity.id), text, type_)
    total = session.scalar(_filtered(select(func.count(Entity.id)), text, type_)) or 0
    rows = session.execute(query.order_by(mentions.desc(), Entity.key).limit(limit)
                           .offset(offset))
    return [EntityRow(row.id, row.key, row.type, entity_name(row.names, row.key, lang),
                      row.source, n, docs) for row, n, docs in rows], total


def desk_entity(session: Session, entity_id: int, lang: str, limit: int = 20
                ) -> DeskEntity | None:
    """The desk page of an entity; None when there is no such entity."""
    row = session.get(Entity, entity_id)
    if row is None:
        return None
    name = entity_name(row.names, row.key, lang)
    if row.merged_into_id is not None:
        return DeskEntity(row.id, row.key, row.type, name, "", row.source,
                          merged_into=survivor_id(session, row.id))
    variants: dict[str, list[str]] = {}
    for language, text in session.execute(
            select(EntityName.language, EntityName.name).where(EntityName.entity_id == entity_id)
            .order_by(EntityName.language, EntityName.id)):
        variants.setdefault(language, []).append(text)
    mentions, documents = session.execute(
        select(func.count(), func.count(distinct(Mention.document_id)))
        .where(Mention.entity_id == entity_id)).one()
    surfaces = session.execute(
        select(Mention.surface, func.count().label("n")).where(Mention.entity_id == entity_id)
        .group_by(Mention.surface).order_by(func.count().desc(), Mention.surface).limit(50))
    return DeskEntity(
        row.id, row.key, row.type, name, row.description or "", row.source,
        variants=tuple((lang_, tuple(v)) for lang_, v in variants.items()),
        mentions=mentions, documents=documents,
        surfaces=tuple((surface, n) for surface, n in surfaces),
        reports=_recent_reports(session, entity_id, lang, limit),
    )


def _recent_reports(session: Session, entity_id: int, lang: str, limit: int
                    ) -> tuple[tuple[Report, int], ...]:
    when = func.coalesce(Document.published, Document.published_at, Document.created_at)
    rows = session.execute(
        select(Document, func.count(Mention.id)).join(Mention, Mention.document_id == Document.id)
        .where(Mention.entity_id == entity_id).group_by(Document.id)
        .order_by(when.desc(), Document.id.desc()).limit(limit)).all()
    counts = {doc.id: n for doc, n in rows}
    reports = sorted(reports_of(session, [doc for doc, _ in rows], lang),
                     key=lambda r: (r.published, r.id), reverse=True)
    return tuple((report, counts[report.id]) for report in reports)
