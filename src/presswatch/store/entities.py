"""Entities, their names, and the mentions, figures and quotes of documents.

Entities arrive as records with ``key``, ``type``, ``names`` (display name per language),
``variants`` (every name per language), ``description`` and ``source`` — the enrich stage's
``EntityRecord`` has that shape; the store does not import it. ``seed_entities`` upserts them
by key (idempotent: a second run changes nothing), ``entity_ids`` maps keys to row ids and
creates the rows it is missing on demand, following merges to the entity that survived.

``store_analysis`` replaces a document's mentions, figures and quotes (re-running enrichment
on a document duplicates nothing). Editors ``add_entity``, ``merge_entities`` (names,
mentions, figures and quotes move to the target; the source points at it) and
``split_entity`` (chosen names, and the mentions spelled that way, move to a new entity).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from presswatch.errors import PresswatchError
from presswatch.store.tables import Entity, EntityName, Figure, Mention, Quote

__all__ = [
    "EntityView",
    "add_entity",
    "document_mentions",
    "entity_ids",
    "merge_entities",
    "normalize_name",
    "seed_entities",
    "split_entity",
    "store_analysis",
]


@dataclass(frozen=True, slots=True)
class EntityView:
    """An entity as pages and the CLI show it."""

    id: int
    key: str
    type: str
    names: dict[str, str]
    description: str
    source: str


def normalize_name(name: str) -> str:
    """Case-folded, ё → е, one apostrophe, single spaces (the ``entity_names`` lookup key)."""
    name = name.casefold().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    return " ".join(name.split())


def _view(row: Entity) -> EntityView:
    return EntityView(row.id, row.key, row.type, dict(row.names or {}), row.description or "",
                      row.source)


def _add_names(session: Session, entity_id: int, variants: dict[str, Sequence[str]]) -> None:
    known = {(n.language, n.name) for n in session.scalars(
        select(EntityName).where(EntityName.entity_id == entity_id))}
    for language, names in variants.items():
        for name in names:
            if (language, name) not in known:
                known.add((language, name))
                session.add(EntityName(entity_id=entity_id, language=language, name=name,
                                       normalized=normalize_name(name)))


def _upsert(session: Session, record: Any) -> tuple[Entity, bool]:
    row = session.scalar(select(Entity).where(Entity.key == record.key))
    created = row is None
    if row is None:
        row = Entity(key=record.key)
        session.add(row)
    row.type = record.type
    row.names = {**(row.names or {}), **dict(record.names)}
    row.description = record.description or row.description or ""
    row.source = record.source
    session.flush()
    _add_names(session, row.id, record.variants)
    return row, created


def seed_entities(session: Session, records: Iterable[Any]) -> int:
    """Insert or update every record by key; returns how many were new."""
    records = list(records)
    rows = {row.key: row for row in session.scalars(select(Entity))}
    created = [Entity(key=r.key) for r in records if r.key not in rows]
    session.add_all(created)
    rows.update((row.key, row) for row in created)
    for record in records:
        row = rows[record.key]
        row.type, row.source = record.type, record.source
        row.names = {**(row.names or {}), **dict(record.names)}
        row.description = record.description or row.description or ""
    session.flush()
    known = {tuple(row) for row in session.execute(
        select(EntityName.entity_id, EntityName.language, EntityName.name))}
    for record in records:
        entity_id = rows[record.key].id
        for language, names in record.variants.items():
            for name in names:
                if (entity_id, language, name) not in known:
                    known.add((entity_id, language, name))
                    session.add(EntityName(entity_id=entity_id, language=language, name=name,
                                           normalized=normalize_name(name)))
    session.flush()
    return len(created)


def _resolve(session: Session, row: Entity) -> Entity:
    seen = set()
    while row.merged_into_id is not None and row.id not in seen:
        seen.add(row.id)
        row = session.get(Entity, row.merged_into_id) or row
    return row


def entity_ids(session: Session, keys: Iterable[str],
               describe: Callable[[str], Any | None] | None = None) -> dict[str, int]:
    """Row id per key (the surviving entity after merges); a key without a row is created
    from ``describe(key)`` when given, else left out."""
    keys = set(keys)
    rows = {row.key: row for row in session.scalars(select(Entity).where(Entity.key.in_(keys)))}
    for key in sorted(keys - rows.keys()):
        record = describe(key) if describe else None
        if record is None:
            continue
        try:
            with session.begin_nested():
                rows[key] = _upsert(session, record)[0]
        except IntegrityError:  # another worker created it a moment ago
            rows[key] = session.scalar(select(Entity).where(Entity.key == key))
    return {key: _resolve(session, row).id for key, row in rows.items() if row is not None}


def store_analysis(session: Session, document_id: int, analysis: Any,
                   describe: Callable[[str], Any | None] | None = None) -> None:
    """Replace the document's mentions, figures and quotes with ``analysis``'s."""
    for table in (Mention, Figure, Quote):
        session.execute(delete(table).where(table.document_id == document_id))
    keys = {m.entity for m in analysis.mentions if m.entity}
    keys |= {f.entity for f in analysis.figures if f.entity}
    keys |= {q.entity for q in analysis.quotes if q.entity}
    ids = entity_ids(session, keys, describe)
    session.add_all(Mention(document_id=document_id, entity_id=ids.get(m.entity), type=m.type,
                            surface=m.surface[:300], start=m.start, end=m.end)
                    for m in analysis.mentions)
    session.add_all(Figure(document_id=document_id, entity_id=ids.get(f.entity), value=f.value,
                           unit=f.unit, qualifier=f.qualifier, subject=f.subject[:300],
                           surface=f.surface, start=f.start, end=f.end)
                    for f in analysis.figures)
    session.add_all(Quote(document_id=document_id, speaker_entity_id=ids.get(q.entity),
                          speaker=q.speaker[:300], text=q.text, kind=q.kind, start=q.start,
                          end=q.end)
                    for q in analysis.quotes)
    session.flush()


def document_mentions(session: Session, document_id: int) -> list[tuple[Mention, str | None]]:
    """The document's mentions in text order with their entity keys."""
    rows = session.execute(
        select(Mention, Entity.key).outerjoin(Entity, Entity.id == Mention.entity_id)
        .where(Mention.document_id == document_id).order_by(Mention.start)
    )
    return [(mention, key) for mention, key in rows]


@dataclass(frozen=True, slots=True)
class _DeskRecord:
    key: str
    type: str
    names: dict[str, str]
    variants: dict[str, tuple[str, ...]]
    description: str
    source: str = "desk"


def add_entity(session: Session, key: str, type_: str, names: dict[str, Sequence[str]],
               description: str = "") -> EntityView:
    """A new entity from the desk. Raises PresswatchError for a taken key or no names."""
    if session.scalar(select(Entity.id).where(Entity.key == key)) is not None:
        raise PresswatchError(f"entity {key} exists already")
    variants = {lang: tuple(n for n in names_ if n.strip()) for lang, names_ in names.items()}
    variants = {lang: v for lang, v in variants.items() if v}
    if not variants:
        raise PresswatchError(f"entity {key} needs at least one name")
    record = _DeskRecord(key, type_, {lang: v[0] for lang, v in variants.items()}, variants,
                         description)
    return _view(_upsert(session, record)[0])


def merge_entities(session: Session, source_id: int, target_id: int) -> EntityView:
    """Move everything of ``source_id`` to ``target_id``; the source points at the target."""
    if source_id == target_id:
        raise PresswatchError("cannot merge an entity into itself")
    source, target = session.get(Entity, source_id), session.get(Entity, target_id)
    if source is None or target is None:
        raise PresswatchError("no such entity")
    variants: dict[str, list[str]] = {}
    for name in session.scalars(select(EntityName).where(EntityName.entity_id == source_id)):
        variants.setdefault(name.language, []).append(name.name)
    session.execute(delete(EntityName).where(EntityName.entity_id == source_id))
    _add_names(session, target_id, variants)
    session.execute(update(Mention).where(Mention.entity_id == source_id)
                    .values(entity_id=target_id))
    session.execute(update(Figure).where(Figure.entity_id == source_id)
                    .values(entity_id=target_id))
    session.execute(update(Quote).where(Quote.speaker_entity_id == source_id)
                    .values(speaker_entity_id=target_id))
    target.names = {**dict(source.names or {}), **dict(target.names or {})}
    source.merged_into_id = target_id
    session.flush()
    return _view(target)


def split_entity(session: Session, entity_id: int, names: Sequence[tuple[str, str]],
                 key: str, type_: str | None = None) -> EntityView:
    """A new entity ``key`` takes the (language, name) pairs given from ``entity_id``, and
    the mentions spelled like one of them."""
    old = session.get(Entity, entity_id)
    if old is None:
        raise PresswatchError("no such entity")
    rows = [n for n in session.scalars(select(EntityName).where(EntityName.entity_id == entity_id))
            if (n.language, n.name) in set(names)]
    if not rows:
        raise PresswatchError("none of these names belong to the entity")
    variants: dict[str, list[str]] = {}
    for row in rows:
        variants.setdefault(row.language, []).append(row.name)
    for row in rows:
        session.delete(row)
    session.flush()
    new = add_entity(session, key, type_ or old.type, variants)
    moved = {normalize_name(n) for _, n in names}
    for mention in session.scalars(select(Mention).where(Mention.entity_id == entity_id)):
        if normalize_name(mention.surface) in moved:
            mention.entity_id = new.id
    session.flush()
    return new
