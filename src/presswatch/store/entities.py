"""Entities, their names, and the mentions, figures and quotes of documents.

Entities arrive as records with ``key``, ``type``, ``names`` (display name per language),
``variants`` (every name per language), ``description`` and ``source`` — the enrich stage's
``EntityRecord`` has that shape; the store does not import it. ``seed_entities`` upserts them
by key (idempotent: a second run changes nothing), ``entity_ids`` maps keys to row ids and
creates the rows it is missing on demand, following merges to the entity that survived.

``store_analysis`` replaces a document's mentions, figures and quotes (re-running enrichment
on a document duplicates nothing). Editors ``add_entity``, ``add_names``, ``merge_entities``
(names, mentions, figures and quotes move to the target; the source points at it) and
``split_entity`` (chosen names, and the mentions spelled that way, move to a new entity).
A key is a type's prefix and a slug (``person/ivan-petrenko``, see ``KEY_PREFIXES``).

``stored_entities`` gives the pipeline every entity as the database holds it now, so names
editors added, moved or merged reach the analyzer; ``entities_version`` changes whenever
they may have changed (a cheap check before reading them all).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from presswatch.errors import InputError
from presswatch.store.tables import Entity, EntityName, Figure, Mention, Quote

__all__ = [
    "KEY_PREFIXES",
    "EntityView",
    "StoredEntity",
    "add_entity",
    "add_names",
    "document_mentions",
    "entities_version",
    "entity_ids",
    "find_entity",
    "key_problem",
    "merge_entities",
    "normalize_name",
    "seed_entities",
    "split_entity",
    "store_analysis",
    "stored_entities",
    "survivor_id",
]

#: The prefixes a key of each type starts with (the packaged entities use exactly these).
KEY_PREFIXES = {
    "PER": ("person",),
    "ORG": ("org",),
    "LOC": ("city", "country", "region", "oblast", "place"),
    "UNIT": ("unit",),
    "EVT": ("event",),
}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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
    rows = {  # one executemany per table: far cheaper than ORM objects for ~20 rows a text
        Mention: [dict(document_id=document_id, entity_id=ids.get(m.entity), type=m.type,
                       surface=m.surface[:300], start=m.start, end=m.end)
                  for m in analysis.mentions],
        Figure: [dict(document_id=document_id, entity_id=ids.get(f.entity), value=f.value,
                      unit=f.unit, qualifier=f.qualifier, subject=f.subject[:300],
                      surface=f.surface, start=f.start, end=f.end)
                 for f in analysis.figures],
        Quote: [dict(document_id=document_id, speaker_entity_id=ids.get(q.entity),
                     speaker=q.speaker[:300], text=q.text, kind=q.kind, start=q.start,
                     end=q.end)
                for q in analysis.quotes],
    }
    for table, values in rows.items():
        if values:
            session.execute(insert(table), values)


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


def key_problem(key: str, type_: str) -> str | None:
    """Why ``key`` cannot name a new entity of ``type_`` (None when it can)."""
    if type_ not in KEY_PREFIXES:
        return f"the type must be one of {', '.join(KEY_PREFIXES)}"
    prefixes = KEY_PREFIXES[type_]
    prefix, _, slug = key.partition("/")
    if prefix not in prefixes or not _SLUG.fullmatch(slug) or len(key) > 200:
        return (f"a key of type {type_} is {' or '.join(p + '/' for p in prefixes)} and a slug "
                "of small Latin letters, digits and hyphens, e.g. "
                f"{prefixes[0]}/ivan-petrenko")
    return None


def _clean(names: dict[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    variants = {lang: tuple(dict.fromkeys(" ".join(n.split()) for n in names_ if n.strip()))
                for lang, names_ in names.items()}
    return {lang: v for lang, v in variants.items() if v}


def add_entity(session: Session, key: str, type_: str, names: dict[str, Sequence[str]],
               description: str = "") -> EntityView:
    """A new entity from the desk. Raises InputError for a bad or taken key, or no names."""
    problem = key_problem(key, type_)
    if problem:
        raise InputError(f"{key or '(no key)'}: {problem}")
    if session.scalar(select(Entity.id).where(Entity.key == key)) is not None:
        raise InputError(f"entity {key} exists already")
    variants = _clean(names)
    if not variants:
        raise InputError(f"entity {key} needs at least one name")
    record = _DeskRecord(key, type_, {lang: v[0] for lang, v in variants.items()}, variants,
                         description.strip())
    return _view(_upsert(session, record)[0])


def _live(session: Session, entity_id: int) -> Entity:
    row = session.get(Entity, entity_id)
    if row is None:
        raise InputError(f"no entity {entity_id}")
    if row.merged_into_id is not None:
        raise InputError(f"entity {row.key} was merged into another entity")
    return row


def add_names(session: Session, entity_id: int, names: dict[str, Sequence[str]]) -> EntityView:
    """Teach an entity more names (spellings); raises InputError when none is new."""
    row = _live(session, entity_id)
    known = {(n.language, n.name) for n in session.scalars(
        select(EntityName).where(EntityName.entity_id == entity_id))}
    variants = {lang: [n for n in v if (lang, n) not in known]
                for lang, v in _clean(names).items()}
    variants = {lang: v for lang, v in variants.items() if v}
    if not variants:
        raise InputError(f"no new name for {row.key}")
    _add_names(session, entity_id, variants)
    row.names = {**{lang: v[0] for lang, v in variants.items()}, **dict(row.names or {})}
    session.flush()
    return _view(row)


def survivor_id(session: Session, entity_id: int) -> int | None:
    """The entity that holds ``entity_id``'s mentions now (itself unless merged)."""
    row = session.get(Entity, entity_id)
    return _resolve(session, row).id if row is not None else None


def find_entity(session: Session, ref: str) -> int | None:
    """The surviving entity a key (or a number) names, None when none does."""
    ref = ref.strip()
    row = session.scalar(select(Entity).where(Entity.key == ref))
    if row is None and ref.isdigit():
        row = session.get(Entity, int(ref))
    return _resolve(session, row).id if row is not None else None


def merge_entities(session: Session, source_id: int, target_id: int) -> EntityView:
    """Move everything of ``source_id`` to ``target_id``; the source points at the target."""
    source = _live(session, source_id)
    target = session.get(Entity, target_id)
    target = _resolve(session, target) if target is not None else None
    if target is None:
        raise InputError(f"no entity {target_id}")
    if target.id == source_id:
        raise InputError("cannot merge an entity into itself")
    target_id = target.id
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
                 key: str, type_: str | None = None, surfaces: Sequence[str] = ()) -> EntityView:
    """A new entity ``key`` takes the (language, name) pairs given from ``entity_id``, and
    the mentions spelled like one of them or like one of ``surfaces``."""
    old = _live(session, entity_id)
    rows = [n for n in session.scalars(select(EntityName).where(EntityName.entity_id == entity_id))
            if (n.language, n.name) in set(names)]
    if not rows:
        raise InputError("none of these names belong to the entity")
    left = session.scalar(select(func.count()).where(EntityName.entity_id == entity_id))
    if left == len(rows):
        raise InputError(f"{old.key} would keep no name; leave it at least one")
    variants: dict[str, list[str]] = {}
    for row in rows:
        variants.setdefault(row.language, []).append(row.name)
    problem = key_problem(key, type_ or old.type)
    if problem:  # checked before anything moves
        raise InputError(f"{key or '(no key)'}: {problem}")
    for row in rows:
        session.delete(row)
    session.flush()
    new = add_entity(session, key, type_ or old.type, variants)
    _keep_display_names(session, old)
    moved = {normalize_name(n) for _, n in names} | {normalize_name(s) for s in surfaces}
    for mention in session.scalars(select(Mention).where(Mention.entity_id == entity_id)):
        if normalize_name(mention.surface) in moved:
            mention.entity_id = new.id
    session.flush()
    return new


def _keep_display_names(session: Session, row: Entity) -> None:
    """After a split: a display name that left is replaced by a name the entity kept."""
    kept: dict[str, list[str]] = {}
    for name in session.scalars(select(EntityName).where(EntityName.entity_id == row.id)
                                .order_by(EntityName.id)):
        kept.setdefault(name.language, []).append(name.name)
    row.names = {lang: name if name in kept.get(lang, ()) else kept[lang][0]
                 for lang, name in (row.names or {}).items() if kept.get(lang)}


# -- what the analyzer needs -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredEntity:
    """An entity as the database holds it (the shape of the enrich stage's records), with the
    key of the entity it was merged into, if any."""

    key: str
    type: str
    names: dict[str, str]
    variants: dict[str, tuple[str, ...]]
    description: str
    source: str
    merged_into: str | None = None


def entities_version(session: Session) -> tuple[object, ...]:
    """Changes whenever an entity or a name is added, moved or merged (counts and last ids:
    a name that moves is deleted and inserted again, so its id grows)."""
    entities = session.execute(select(func.count(), func.max(Entity.id),
                                      func.count(Entity.merged_into_id))).one()
    names = session.execute(select(func.count(), func.max(EntityName.id))).one()
    return (*entities, *names)


def stored_entities(session: Session) -> list[StoredEntity]:
    """Every entity with every name it holds now, in key order."""
    variants: dict[int, dict[str, list[str]]] = {}
    for entity_id, language, name in session.execute(
            select(EntityName.entity_id, EntityName.language, EntityName.name)
            .order_by(EntityName.id)):
        variants.setdefault(entity_id, {}).setdefault(language, []).append(name)
    rows = {row.id: row for row in session.scalars(select(Entity).order_by(Entity.key))}
    return [StoredEntity(
        row.key, row.type, dict(row.names or {}),
        {lang: tuple(v) for lang, v in variants.get(row.id, {}).items()},
        row.description or "", row.source,
        rows[row.merged_into_id].key if row.merged_into_id in rows else None)
        for row in rows.values()]
