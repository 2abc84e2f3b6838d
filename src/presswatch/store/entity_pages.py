"""Read queries for entity pages: an entity's mentions over time, stories, figures, quotes.

Only published documents count. A merged entity comes back with ``merged_into`` set so the
route can redirect to the entity that took its mentions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from presswatch.store.entities import survivor_id
from presswatch.store.site import PUBLISHED
from presswatch.store.stories import StoryTitle
from presswatch.store.story_pages import Report, entity_name, reports_of, story_title
from presswatch.store.tables import Document, Entity, Figure, Mention, Quote, StoryMember


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    mentions: int
    documents: int


@dataclass(frozen=True, slots=True)
class EntityStory:
    id: int
    title: StoryTitle
    documents: int  # documents of the story that name the entity


@dataclass(frozen=True, slots=True)
class EntityFigure:
    report: Report
    value: float
    unit: str
    qualifier: str
    surface: str


@dataclass(frozen=True, slots=True)
class EntityQuote:
    report: Report
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class EntityPage:
    id: int
    key: str
    type: str
    name: str
    names: dict[str, str]
    description: str
    days: tuple[DayCount, ...]
    reports: tuple[Report, ...]  # newest first
    stories: tuple[EntityStory, ...]
    figures: tuple[EntityFigure, ...]
    quotes: tuple[EntityQuote, ...]
    merged_into: int | None = None

    @property
    def busiest(self) -> int:
        return max((d.mentions for d in self.days), default=0)


def _published_ids(session: Session, column, entity_id: int) -> list[int]:
    table = column.class_
    return list(session.scalars(
        select(table.document_id).distinct().join(Document, Document.id == table.document_id)
        .where(column == entity_id, Document.status == PUBLISHED,
               Document.section.is_not(None))))


def entity_page(session: Session, entity_id: int, lang: str, limit: int = 50
                ) -> EntityPage | None:
    """The page of an entity; None when there is no such entity."""
    entity = session.get(Entity, entity_id)
    if entity is None:
        return None
    name = entity_name(entity.names, entity.key, lang)
    if entity.merged_into_id is not None:
        return EntityPage(entity.id, entity.key, entity.type, name, {}, "", (), (), (), (), (),
                          merged_into=survivor_id(session, entity.id))
    doc_ids = _published_ids(session, Mention.entity_id, entity_id)
    figure_docs = _published_ids(session, Figure.entity_id, entity_id)
    quote_docs = _published_ids(session, Quote.speaker_entity_id, entity_id)
    docs = list(session.scalars(select(Document).where(
        Document.id.in_(set(doc_ids) | set(figure_docs) | set(quote_docs)))))
    reports = {r.id: r for r in reports_of(session, docs, lang)}
    return EntityPage(
        id=entity.id, key=entity.key, type=entity.type, name=name,
        names=dict(entity.names or {}), description=entity.description or "",
        days=_days(session, entity_id, reports, doc_ids),
        reports=tuple(sorted((reports[i] for i in doc_ids), key=lambda r: r.published,
                             reverse=True)[:limit]),
        stories=_stories(session, doc_ids, lang),
        figures=_figures(session, entity_id, reports, figure_docs),
        quotes=_quotes(session, entity_id, reports, quote_docs),
    )


def _days(session: Session, entity_id: int, reports: dict[int, Report], doc_ids: list[int]
          ) -> tuple[DayCount, ...]:
    mentions: Counter = Counter()
    documents: Counter = Counter()
    if doc_ids:
        rows = session.execute(
            select(Mention.document_id, func.count())
            .where(Mention.entity_id == entity_id, Mention.document_id.in_(doc_ids))
            .group_by(Mention.document_id))
        for doc_id, count in rows:
            day = reports[doc_id].published.date()
            mentions[day] += count
            documents[day] += 1
    return tuple(DayCount(day, mentions[day], documents[day]) for day in sorted(mentions))


def _stories(session: Session, doc_ids: list[int], lang: str) -> tuple[EntityStory, ...]:
    if not doc_ids:
        return ()
    rows = session.execute(
        select(StoryMember.story_id, func.count())
        .where(StoryMember.document_id.in_(doc_ids)).group_by(StoryMember.story_id)
        .order_by(func.count().desc(), StoryMember.story_id.desc()).limit(20)).all()
    found = []
    for story_id, count in rows:
        title = story_title(session, story_id, lang)
        if title is not None:
            found.append(EntityStory(story_id, title, count))
    return tuple(found)


def _figures(session: Session, entity_id: int, reports: dict[int, Report],
             doc_ids: list[int]) -> tuple[EntityFigure, ...]:
    rows = session.scalars(select(Figure).where(Figure.entity_id == entity_id,
                                                Figure.document_id.in_(doc_ids)))
    found = [EntityFigure(reports[f.document_id], f.value, f.unit, f.qualifier, f.surface)
             for f in rows]
    return tuple(sorted(found, key=lambda f: (f.report.published, f.report.id)))


def _quotes(session: Session, entity_id: int, reports: dict[int, Report],
            doc_ids: list[int]) -> tuple[EntityQuote, ...]:
    rows = session.scalars(select(Quote).where(Quote.speaker_entity_id == entity_id,
                                               Quote.document_id.in_(doc_ids)))
    found = [EntityQuote(reports[q.document_id], q.text, q.kind) for q in rows]
    return tuple(sorted(found, key=lambda q: (q.report.published, q.report.id)))
