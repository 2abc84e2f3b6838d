"""Stories and their members: what assignment reads and writes, merges and splits.

A story's ``centroid`` column holds the sum of its members' centred unit vectors (float32
bytes; the stories stage normalises it when comparing), so a new member is one addition and
a merge is one sum. ``story_members.embedding`` keeps each member's raw e5 vector, from
which the stage can centre again (a split, the running language means). A merged story
keeps its row, empty, with ``merged_into_id`` pointing at the story that took its members.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from presswatch.errors import InputError
from presswatch.store.base import utcnow
from presswatch.store.tables import Document, Mention, Story, StoryMember, TranslationRow

__all__ = [
    "DocumentInput",
    "MemberRow",
    "StoryRow",
    "add_member",
    "StoryTitle",
    "candidate_stories",
    "choose_titles",
    "create_story",
    "document_input",
    "documents_without_story",
    "entity_frequencies",
    "entity_sets",
    "get_story",
    "list_stories",
    "live_story_id",
    "members",
    "move_members",
    "recent_embeddings",
    "set_stats",
    "set_titles",
    "story_entities",
    "story_of",
    "title_sources",
]


@dataclass(frozen=True, slots=True)
class DocumentInput:
    """What assignment reads of a document."""

    id: int
    title: str
    lead: str
    language: str
    when: datetime


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: int
    centroid: bytes | None
    first_seen: datetime | None
    last_seen: datetime | None
    size: int
    titles: dict
    merged_into_id: int | None = None


@dataclass(frozen=True, slots=True)
class MemberRow:
    document_id: int
    language: str
    embedding: bytes | None
    when: datetime
    added_by: str
    score: float


def _lead(blocks: Sequence[dict] | None) -> str:
    for block in blocks or ():
        if block.get("kind") == "p" and block.get("text"):
            return block["text"]
    return next((b.get("text", "") for b in blocks or () if b.get("text")), "")


def _input(doc: Document) -> DocumentInput:
    return DocumentInput(doc.id, doc.title, _lead(doc.blocks), doc.language or "",
                         doc.published or doc.created_at or utcnow())


def document_input(session: Session, document_id: int) -> DocumentInput | None:
    doc = session.get(Document, document_id)
    return None if doc is None else _input(doc)


def documents_without_story(session: Session, limit: int | None = None) -> list[DocumentInput]:
    """Documents no story holds yet, oldest publication first."""
    query = (select(Document).outerjoin(StoryMember, StoryMember.document_id == Document.id)
             .where(StoryMember.id.is_(None))
             .order_by(func.coalesce(Document.published, Document.created_at), Document.id))
    if limit is not None:
        query = query.limit(limit)
    return [_input(doc) for doc in session.scalars(query)]


def story_of(session: Session, document_id: int) -> int | None:
    return session.scalar(
        select(StoryMember.story_id).where(StoryMember.document_id == document_id))


def entity_sets(session: Session, document_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """The linked entities of each document (from its mentions)."""
    ids = list(document_ids)
    found: dict[int, set[int]] = {doc_id: set() for doc_id in ids}
    if ids:
        rows = session.execute(
            select(Mention.document_id, Mention.entity_id).distinct()
            .where(Mention.document_id.in_(ids), Mention.entity_id.is_not(None)))
        for doc_id, entity_id in rows:
            found[doc_id].add(entity_id)
    return {doc_id: frozenset(entities) for doc_id, entities in found.items()}


def entity_frequencies(session: Session) -> tuple[int, Counter]:
    """How many documents have linked mentions, and in how many each entity is."""
    documents = session.scalar(
        select(func.count(func.distinct(Mention.document_id)))
        .where(Mention.entity_id.is_not(None))) or 0
    rows = session.execute(
        select(Mention.entity_id, func.count(func.distinct(Mention.document_id)))
        .where(Mention.entity_id.is_not(None)).group_by(Mention.entity_id))
    return documents, Counter(dict(rows.all()))


def recent_embeddings(session: Session, per_language: int = 1000) -> list[tuple[str, bytes]]:
    """(language, raw embedding) of the newest members, at most ``per_language`` each."""
    rows = session.execute(
        select(Document.language, StoryMember.embedding)
        .join(Document, Document.id == StoryMember.document_id)
        .where(StoryMember.embedding.is_not(None))
        .order_by(StoryMember.id.desc()).limit(per_language * 8))
    taken: Counter = Counter()
    found = []
    for language, embedding in rows:
        language = language or ""
        if taken[language] < per_language:
            taken[language] += 1
            found.append((language, embedding))
    return found


def _row(story: Story) -> StoryRow:
    return StoryRow(story.id, story.centroid, story.first_seen, story.last_seen, story.size,
                    dict(story.titles or {}), story.merged_into_id)


#: The PostgreSQL advisory lock placing holds (any constant the deployment does not use).
PLACING_LOCK = 0x70726573


def lock_placing(session: Session) -> None:
    """Hold the placing of documents in stories for the rest of ``session``'s transaction,
    across processes: PostgreSQL's transaction advisory lock; on SQLite the database's write
    lock, taken by a write that changes nothing. Call it first in the transaction (a SQLite
    transaction that has read cannot take the write lock if another process wrote since)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PLACING_LOCK})
    else:
        session.execute(text("UPDATE stories SET size = size WHERE 0 = 1"))


def candidate_stories(session: Session, start: datetime, end: datetime) -> list[StoryRow]:
    """Live stories whose span, widened to [start, end], could take a document (their
    titles are not read: rows, not ORM objects, as this runs for every new document)."""
    query = select(Story.id, Story.centroid, Story.first_seen, Story.last_seen, Story.size).where(
        Story.merged_into_id.is_(None), Story.size > 0,
        Story.last_seen >= start, Story.first_seen <= end)
    return [StoryRow(row.id, row.centroid, row.first_seen, row.last_seen, row.size, {}, None)
            for row in session.execute(query)]


def story_entities(session: Session, story_ids: Iterable[int]) -> dict[int, Counter]:
    """Per story, in how many of its members each entity is mentioned."""
    ids = list(story_ids)
    found: dict[int, Counter] = {story_id: Counter() for story_id in ids}
    if ids:
        rows = session.execute(
            select(StoryMember.story_id, Mention.entity_id, Mention.document_id).distinct()
            .join(Mention, Mention.document_id == StoryMember.document_id)
            .where(StoryMember.story_id.in_(ids), Mention.entity_id.is_not(None)))
        for story_id, entity_id, _doc in rows:
            found[story_id][entity_id] += 1
    return found


def create_story(session: Session) -> int:
    story = Story(titles={}, size=0)
    session.add(story)
    session.flush()
    return story.id


def add_member(session: Session, story_id: int, document_id: int, *, embedding: bytes | None,
               centroid: bytes, when: datetime, score: float, added_by: str = "pipeline"
               ) -> None:
    """Put the document in the story (its new centroid sum given) and widen the story's span."""
    session.add(StoryMember(story_id=story_id, document_id=document_id, embedding=embedding,
                            score=score, added_by=added_by, added_at=utcnow()))
    story = session.get(Story, story_id)
    story.centroid = centroid
    story.size = (story.size or 0) + 1
    story.first_seen = when if story.first_seen is None else min(story.first_seen, when)
    story.last_seen = when if story.last_seen is None else max(story.last_seen, when)
    session.flush()


def get_story(session: Session, story_id: int) -> StoryRow:
    story = session.get(Story, story_id)
    if story is None:
        raise InputError(f"no story {story_id}")
    return _row(story)


def live_story_id(session: Session, story_id: int) -> int | None:
    """The story that now holds ``story_id``'s members (itself unless merged); None if
    there is no such story."""
    seen: set[int] = set()
    story = session.get(Story, story_id)
    while story is not None and story.merged_into_id is not None and story.id not in seen:
        seen.add(story.id)
        story = session.get(Story, story.merged_into_id)
    return None if story is None else story.id


def members(session: Session, story_id: int) -> list[MemberRow]:
    rows = session.execute(
        select(StoryMember, Document.language, Document.published, Document.created_at)
        .join(Document, Document.id == StoryMember.document_id)
        .where(StoryMember.story_id == story_id)
        .order_by(func.coalesce(Document.published, Document.created_at), Document.id))
    return [MemberRow(m.document_id, language or "", m.embedding, published or created,
                      m.added_by, m.score)
            for m, language, published, created in rows]


def move_members(session: Session, document_ids: Iterable[int], story_id: int,
                 added_by: str) -> int:
    """Move these documents' memberships to ``story_id``; returns how many moved."""
    ids = list(document_ids)
    if not ids:
        return 0
    result = session.execute(
        update(StoryMember).where(StoryMember.document_id.in_(ids))
        .values(story_id=story_id, added_by=added_by, added_at=utcnow()))
    return result.rowcount or 0


def set_stats(session: Session, story_id: int, *, centroid: bytes | None, size: int,
              first_seen: datetime | None, last_seen: datetime | None,
              merged_into_id: int | None = None) -> None:
    story = session.get(Story, story_id)
    story.centroid, story.size = centroid, size
    story.first_seen, story.last_seen = first_seen, last_seen
    story.merged_into_id = merged_into_id
    session.flush()


def set_titles(session: Session, story_id: int, titles: dict) -> None:
    session.get(Story, story_id).titles = titles


def title_sources(session: Session, story_id: int, published_only: bool = False
                  ) -> list[tuple[Document, bytes | None, list[TranslationRow]]]:
    """Each member document with its raw embedding and translation rows, oldest first."""
    query = (select(Document, StoryMember.embedding)
             .join(StoryMember, StoryMember.document_id == Document.id)
             .where(StoryMember.story_id == story_id)
             .order_by(func.coalesce(Document.published, Document.created_at), Document.id))
    if published_only:
        query = query.where(Document.status == "published")
    pairs = session.execute(query).all()
    ids = [doc.id for doc, _ in pairs]
    rows: dict[int, list[TranslationRow]] = {doc_id: [] for doc_id in ids}
    if ids:
        for row in session.scalars(
                select(TranslationRow).where(TranslationRow.document_id.in_(ids))):
            rows[row.document_id].append(row)
    return [(doc, embedding, rows[doc.id]) for doc, embedding in pairs]


def list_stories(session: Session, limit: int = 50, min_size: int = 1) -> list[StoryRow]:
    """Live stories, most recently seen first."""
    query = (select(Story).where(Story.merged_into_id.is_(None), Story.size >= min_size)
             .order_by(Story.last_seen.desc(), Story.id.desc()).limit(limit))
    return [_row(story) for story in session.scalars(query)]


@dataclass(frozen=True, slots=True)
class StoryTitle:
    """A story's title in one site language: whose, in which language, original or not."""

    text: str
    language: str  # the language the text is in
    status: str  # original | machine | untranslated
    document_id: int

    def as_json(self) -> dict:
        return {"text": self.text, "language": self.language, "status": self.status,
                "document": self.document_id}

    @classmethod
    def from_json(cls, data: object) -> StoryTitle | None:
        if not isinstance(data, dict) or not data.get("text"):
            return None
        return cls(str(data["text"]), str(data.get("language", "")),
                   str(data.get("status", "original")), int(data.get("document", 0)))


def _centrality(sources: Sequence[tuple[Document, bytes | None, list]]) -> dict[int, float]:
    """Cosine of each member's raw vector to the members' mean (0 without vectors)."""
    vectors = {doc.id: np.frombuffer(emb, dtype="<f4") for doc, emb, _ in sources
               if emb and len(emb) % 4 == 0}
    if not vectors:
        return {}
    mean = np.mean(list(vectors.values()), axis=0)
    norm = float(np.linalg.norm(mean)) or 1.0
    return {doc_id: float(vector @ mean) / norm for doc_id, vector in vectors.items()}


def choose_titles(sources: Sequence[tuple[Document, bytes | None, list[TranslationRow]]],
                  languages: Sequence[str]) -> dict[str, StoryTitle]:
    """Per language: the headline of the most central member written in it; else the
    most central member's machine translation into it; else the most central member's
    original headline, marked untranslated. Ties go to the earliest member."""
    if not sources:
        return {}
    central = _centrality(sources)
    order = sorted(range(len(sources)), key=lambda i: (-central.get(sources[i][0].id, 0.0), i))
    ranked = [sources[i] for i in order]
    titles = {}
    for language in languages:
        titles[language] = _title_for(ranked, language)
    return titles


def _title_for(ranked: Sequence[tuple[Document, bytes | None, list[TranslationRow]]],
               language: str) -> StoryTitle:
    for doc, _, _ in ranked:
        if doc.language == language:
            return StoryTitle(doc.title, language, "original", doc.id)
    for doc, _, rows in ranked:
        for row in rows:
            if row.language == language and row.status == "machine" and row.title:
                return StoryTitle(row.title, language, "machine", doc.id)
    doc = ranked[0][0]
    return StoryTitle(doc.title, doc.language or "", "untranslated", doc.id)
