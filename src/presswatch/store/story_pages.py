"""Read queries for story pages: published documents only, in one site language.

Routes render what these return (frozen dataclasses). A story is shown on the public site
when at least one of its documents is published, and only its published documents are
shown; the desk passes ``published_only=False``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from presswatch.store.site import PUBLISHED, OutletLink, Version, outlets_of
from presswatch.store.stories import StoryTitle, choose_titles, title_sources
from presswatch.store.tables import (
    Document,
    Entity,
    Figure,
    Mention,
    Quote,
    Story,
    StoryMember,
    TranslationRow,
)

SHOWN = ("original", "machine")


@dataclass(frozen=True, slots=True)
class Report:
    """One document of a story as a line of its timeline."""

    id: int
    section: str
    status: str
    language: str
    published: datetime
    version: Version  # the headline in the page's language (or the original, marked)
    outlet: OutletLink | None
    outlets: tuple[OutletLink, ...]


@dataclass(frozen=True, slots=True)
class FigurePoint:
    report: Report
    value: float
    unit: str
    qualifier: str
    surface: str
    previous: float | None  # the value the report before it gave, when it differs


@dataclass(frozen=True, slots=True)
class FigureSeries:
    """One reported quantity (unit, and the entity it describes) over time."""

    unit: str
    entity_id: int | None
    entity_name: str
    points: tuple[FigurePoint, ...]

    @property
    def changed(self) -> bool:
        return any(point.previous is not None for point in self.points)


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """A quote, where it was first published, and how many other reports repeat it."""

    text: str
    kind: str
    speaker: str
    speaker_entity_id: int | None
    first: Report
    repeated: int


@dataclass(frozen=True, slots=True)
class Named:
    entity_id: int
    name: str
    type: str
    reports: int


@dataclass(frozen=True, slots=True)
class Spread:
    """Reports per country, with the outlets and languages."""

    country: str
    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    reports: int


@dataclass(frozen=True, slots=True)
class StoryPage:
    id: int
    title: StoryTitle
    reports: tuple[Report, ...]  # oldest first: the timeline
    countries: tuple[Spread, ...]
    languages: tuple[tuple[str, int], ...]
    figures: tuple[FigureSeries, ...]
    quotes: tuple[QuoteLine, ...]
    entities: tuple[Named, ...]
    merged_into: int | None = None

    @property
    def first(self) -> Report:
        return self.reports[0]


@dataclass(frozen=True, slots=True)
class StoryTeaser:
    id: int
    title: StoryTitle
    reports: int
    languages: tuple[str, ...]
    countries: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class StoryListing:
    items: tuple[StoryTeaser, ...]
    page: int
    pages: int


def entity_name(names: dict | None, key: str, lang: str) -> str:
    names = names or {}
    return names.get(lang) or names.get("en") or next(iter(names.values()), "") or key


def _version(doc: Document, row: TranslationRow | None, lang: str) -> Version:
    if row is None or row.status not in SHOWN:
        status = "original" if doc.language == lang else (row.status if row else "missing")
        return Version(lang, doc.title, (), status, doc.language or "",
                       note=row.note if row else "")
    return Version(lang, row.title or doc.title, (), row.status, lang, engine=row.engine)


def reports_of(session: Session, docs: Sequence[Document], lang: str) -> list[Report]:
    """Timeline lines for these documents, oldest first."""
    ids = [doc.id for doc in docs]
    rows = {row.document_id: row for row in session.scalars(
        select(TranslationRow).where(TranslationRow.document_id.in_(ids),
                                     TranslationRow.language == lang))} if ids else {}
    outlets = outlets_of(session, ids)
    reports = [
        Report(doc.id, doc.section or "", doc.status, doc.language or "",
               doc.published or doc.published_at or doc.created_at,
               _version(doc, rows.get(doc.id), lang),
               (outlets.get(doc.id) or [None])[0], tuple(outlets.get(doc.id, ())))
        for doc in docs
    ]
    return sorted(reports, key=lambda r: (r.published, r.id))


def _visible(query, published_only: bool):
    if published_only:
        return query.where(Document.status == PUBLISHED, Document.section.is_not(None))
    return query


def member_documents(session: Session, story_id: int, published_only: bool) -> list[Document]:
    query = (select(Document).join(StoryMember, StoryMember.document_id == Document.id)
             .where(StoryMember.story_id == story_id))
    return list(session.scalars(_visible(query, published_only)))


def story_title(session: Session, story_id: int, lang: str, published_only: bool = True
                ) -> StoryTitle | None:
    sources = title_sources(session, story_id, published_only=published_only)
    if published_only:
        sources = [src for src in sources if src[0].section]
    return choose_titles(sources, [lang]).get(lang)


def story_page(session: Session, story_id: int, lang: str, published_only: bool = True
               ) -> StoryPage | None:
    """The story's page; None when there is no such story or nothing of it is visible. A
    merged story comes back empty with ``merged_into`` set."""
    story = session.get(Story, story_id)
    if story is None:
        return None
    if story.merged_into_id is not None:
        return StoryPage(story.id, StoryTitle("", "", "", 0), (), (), (), (), (), (),
                         merged_into=story.merged_into_id)
    docs = member_documents(session, story_id, published_only)
    title = story_title(session, story_id, lang, published_only)
    if not docs or title is None:
        return None
    reports = reports_of(session, docs, lang)
    by_id = {r.id: r for r in reports}
    return StoryPage(
        id=story.id, title=title, reports=tuple(reports), countries=_countries(reports),
        languages=tuple(Counter(r.language for r in reports).most_common()),
        figures=_figures(session, by_id, lang), quotes=_quotes(session, by_id, lang),
        entities=_entities(session, list(by_id), lang),
    )


def _countries(reports: Sequence[Report]) -> tuple[Spread, ...]:
    outlets: dict[str, dict[str, None]] = defaultdict(dict)
    languages: dict[str, dict[str, None]] = defaultdict(dict)
    counts: Counter = Counter()
    for report in reports:
        for outlet in report.outlets or (None,):
            country = outlet.country if outlet else ""
            counts[country] += 1
            if outlet:
                outlets[country][outlet.name] = None
            languages[country][report.language] = None
    return tuple(Spread(c, tuple(outlets[c]), tuple(languages[c]), n)
                 for c, n in counts.most_common())


def _names(session: Session, ids: set[int], lang: str) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    rows = session.scalars(select(Entity).where(Entity.id.in_(ids)))
    return {e.id: (entity_name(e.names, e.key, lang), e.type) for e in rows}


def _figures(session: Session, reports: dict[int, Report], lang: str
             ) -> tuple[FigureSeries, ...]:
    rows = list(session.scalars(select(Figure).where(Figure.document_id.in_(list(reports)))))
    names = _names(session, {f.entity_id for f in rows if f.entity_id}, lang)
    groups: dict[tuple[str, int | None], list[Figure]] = defaultdict(list)
    for row in rows:
        groups[(row.unit, row.entity_id)].append(row)
    series = []
    for (unit, entity_id), figures in groups.items():
        figures.sort(key=lambda f: (reports[f.document_id].published, f.document_id, f.start))
        points, last = [], None
        for figure in figures:
            changed = last is not None and last[0] != figure.document_id and last[1] != figure.value
            points.append(FigurePoint(reports[figure.document_id], figure.value, unit,
                                      figure.qualifier, figure.surface,
                                      last[1] if changed else None))
            last = (figure.document_id, figure.value)
        name = names.get(entity_id, (figures[0].subject, ""))[0] if entity_id else ""
        series.append(FigureSeries(unit, entity_id, name or figures[0].subject, tuple(points)))
    series.sort(key=lambda s: (not s.changed, -len(s.points), s.unit))
    return tuple(series)


_PUNCTUATION = re.compile(r"[^\w\s]+")


def _quote_key(quote: Quote) -> tuple:
    text = " ".join(_PUNCTUATION.sub(" ", quote.text.casefold()).split())
    return (quote.speaker_entity_id or quote.speaker.casefold(), text)


def _quotes(session: Session, reports: dict[int, Report], lang: str) -> tuple[QuoteLine, ...]:
    rows = list(session.scalars(select(Quote).where(Quote.document_id.in_(list(reports)))))
    names = _names(session, {q.speaker_entity_id for q in rows if q.speaker_entity_id}, lang)
    groups: dict[tuple, list[Quote]] = defaultdict(list)
    for row in rows:
        groups[_quote_key(row)].append(row)
    lines = []
    for quotes in groups.values():
        quotes.sort(key=lambda q: (reports[q.document_id].published, q.document_id))
        first = quotes[0]
        speaker = (names[first.speaker_entity_id][0] if first.speaker_entity_id in names
                   else first.speaker)
        lines.append(QuoteLine(first.text, first.kind, speaker, first.speaker_entity_id,
                               reports[first.document_id],
                               len({q.document_id for q in quotes}) - 1))
    lines.sort(key=lambda line: (line.first.published, line.first.id))
    return tuple(lines)


def _entities(session: Session, doc_ids: list[int], lang: str, limit: int = 12
              ) -> tuple[Named, ...]:
    rows = session.execute(
        select(Mention.entity_id, func.count(func.distinct(Mention.document_id)))
        .where(Mention.document_id.in_(doc_ids), Mention.entity_id.is_not(None))
        .group_by(Mention.entity_id)).all()
    names = _names(session, {entity_id for entity_id, _ in rows}, lang)
    named = [Named(entity_id, *names[entity_id], count) for entity_id, count in rows
             if entity_id in names]
    named.sort(key=lambda n: (-n.reports, n.name))
    return tuple(named[:limit])


def story_listing(session: Session, lang: str, page: int = 1, per_page: int = 20,
                  min_reports: int = 2, published_only: bool = True) -> StoryListing:
    """Stories with at least ``min_reports`` visible documents, most recently seen first."""
    counted = _visible(
        select(StoryMember.story_id, func.count().label("n"))
        .join(Document, Document.id == StoryMember.document_id), published_only
    ).group_by(StoryMember.story_id).having(func.count() >= min_reports).subquery()
    total = session.scalar(select(func.count()).select_from(counted)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    stories = list(session.scalars(
        select(Story).join(counted, counted.c.story_id == Story.id)
        .where(Story.merged_into_id.is_(None))
        .order_by(Story.last_seen.desc(), Story.id.desc())
        .offset((page - 1) * per_page).limit(per_page)))
    items = []
    for story in stories:
        reports = reports_of(session, member_documents(session, story.id, published_only), lang)
        title = story_title(session, story.id, lang, published_only)
        if not reports or title is None:
            continue
        countries = dict.fromkeys(o.country for r in reports for o in r.outlets if o.country)
        items.append(StoryTeaser(story.id, title, len(reports),
                                 tuple(dict.fromkeys(r.language for r in reports)),
                                 tuple(countries), reports[0].published, reports[-1].published))
    return StoryListing(tuple(items), page, pages)


def story_of_document(session: Session, document_id: int, min_reports: int = 2
                      ) -> int | None:
    """The story of a published document when it has ``min_reports`` published documents."""
    story_id = session.scalar(
        select(StoryMember.story_id).where(StoryMember.document_id == document_id))
    if story_id is None:
        return None
    count = session.scalar(_visible(
        select(func.count()).select_from(StoryMember)
        .join(Document, Document.id == StoryMember.document_id)
        .where(StoryMember.story_id == story_id), True))
    return story_id if (count or 0) >= min_reports else None
