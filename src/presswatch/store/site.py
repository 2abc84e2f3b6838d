"""Read queries for the public site: only published documents, already in a site language.

Routes call these and render what they return (frozen dataclasses, no ORM objects), so no
SQL lives in a route.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from presswatch.store.tables import Article, Document, Outlet, TranslationRow

PUBLISHED = "published"
SHOWN = ("original", "machine")  # translation statuses that are real text in that language


@dataclass(frozen=True, slots=True)
class OutletLink:
    """One place the document was found: the outlet and the article's URL there."""

    name: str
    url: str
    country: str
    language: str


@dataclass(frozen=True, slots=True)
class Version:
    """A document as shown in one site language.

    ``status`` is ``original``, ``machine``, ``untranslated`` (no engine: the original text,
    with ``note`` saying why) or ``missing`` (no translation row yet: the original text).
    ``text_language`` is the language the title and blocks are really in.
    """

    language: str
    title: str
    blocks: tuple[dict, ...]
    status: str
    text_language: str
    engine: str | None = None
    note: str = ""

    @property
    def translated(self) -> bool:
        return self.status in SHOWN


@dataclass(frozen=True, slots=True)
class Teaser:
    """A published document in a list or feed, in one site language."""

    id: int
    section: str
    version: Version
    published: datetime | None
    published_at: datetime
    outlet: OutletLink | None
    author: str | None


@dataclass(frozen=True, slots=True)
class SectionPage:
    items: tuple[Teaser, ...]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class PublishedDocument:
    id: int
    section: str
    language: str
    title: str
    blocks: tuple[dict, ...]
    author: str | None
    published: datetime | None
    published_at: datetime
    outlets: tuple[OutletLink, ...]
    versions: dict[str, Version]
    revision: int = 1  # the current text's revision number (1: never changed)

    def version(self, lang: str) -> Version:
        """The text for ``lang``: its translation row, the original, or the original marked
        ``missing`` when the pipeline has not produced that language."""
        if lang in self.versions:
            return self.versions[lang]
        status = "original" if lang == self.language else "missing"
        return Version(lang, self.title, self.blocks, status, self.language)


def _version(doc: Document, row: TranslationRow | None, lang: str) -> Version:
    source = doc.language or ""
    if row is None:
        status = "original" if lang == source else "missing"
        return Version(lang, doc.title, tuple(doc.blocks or ()), status, source)
    text_language = lang if row.status in SHOWN else source
    return Version(
        language=lang, title=row.title or doc.title, blocks=tuple(row.blocks or doc.blocks or ()),
        status=row.status, text_language=text_language, engine=row.engine, note=row.note or "",
    )


def outlets_of(session: Session, doc_ids: Sequence[int]) -> dict[int, list[OutletLink]]:
    """The outlets of each document, first found first, one link per outlet name."""
    if not doc_ids:
        return {}
    rows = session.execute(
        select(Article.document_id, Article.url, Outlet.name, Outlet.country, Outlet.language)
        .join(Outlet, Article.outlet_id == Outlet.id)
        .where(Article.document_id.in_(doc_ids))
        .order_by(Article.discovered_at, Article.id)
    )
    found: dict[int, list[OutletLink]] = {}
    for doc_id, url, name, country, language in rows:
        links = found.setdefault(doc_id, [])
        if all(link.name != name for link in links):
            links.append(OutletLink(name, url, country or "", language or ""))
    return found


def _rows(session: Session, doc_ids: Sequence[int], lang: str) -> dict[int, TranslationRow]:
    if not doc_ids:
        return {}
    rows = session.scalars(
        select(TranslationRow).where(
            TranslationRow.document_id.in_(doc_ids), TranslationRow.language == lang
        )
    )
    return {row.document_id: row for row in rows}


def _teasers(session: Session, docs: Sequence[Document], lang: str) -> tuple[Teaser, ...]:
    ids = [doc.id for doc in docs]
    rows = _rows(session, ids, lang)
    outlets = outlets_of(session, ids)
    return tuple(
        Teaser(
            id=doc.id, section=doc.section or "", version=_version(doc, rows.get(doc.id), lang),
            published=doc.published, published_at=doc.published_at or doc.created_at,
            outlet=(outlets.get(doc.id) or [None])[0], author=doc.author,
        )
        for doc in docs
    )


def _published(section: str | None = None):
    query = select(Document).where(Document.status == PUBLISHED, Document.section.is_not(None))
    if section is not None:
        query = query.where(Document.section == section)
    return query.order_by(Document.published_at.desc(), Document.id.desc())


def latest_by_section(
    session: Session, lang: str, sections: Sequence[str], per_section: int = 5
) -> dict[str, tuple[Teaser, ...]]:
    """The newest published documents of each section (sections without any are left out)."""
    result: dict[str, tuple[Teaser, ...]] = {}
    for slug in sections:
        docs = list(session.scalars(_published(slug).limit(per_section)))
        if docs:
            result[slug] = _teasers(session, docs, lang)
    return result


def section_page(
    session: Session, lang: str, section: str, page: int = 1, per_page: int = 20
) -> SectionPage:
    """One page of a section, newest first; ``page`` is clamped to the pages there are."""
    total = session.scalar(
        select(func.count()).select_from(Document).where(
            Document.status == PUBLISHED, Document.section == section
        )
    ) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    docs = list(session.scalars(_published(section).offset((page - 1) * per_page).limit(per_page)))
    return SectionPage(_teasers(session, docs, lang), page, pages, total)


def feed_entries(
    session: Session, lang: str, section: str | None = None, limit: int = 30
) -> tuple[Teaser, ...]:
    """The newest published documents for a language's feed (all sections or one)."""
    docs = list(session.scalars(_published(section).limit(limit)))
    return _teasers(session, docs, lang)


def published_document(session: Session, doc_id: int) -> PublishedDocument | None:
    """A published document with every translation and outlet; None if not published."""
    doc = session.get(Document, doc_id)
    if doc is None or doc.status != PUBLISHED or not doc.section:
        return None
    rows = session.scalars(select(TranslationRow).where(TranslationRow.document_id == doc_id))
    versions = {row.language: _version(doc, row, row.language) for row in rows}
    return PublishedDocument(
        id=doc.id, section=doc.section, language=doc.language or "", title=doc.title,
        blocks=tuple(doc.blocks or ()), author=doc.author, published=doc.published,
        published_at=doc.published_at or doc.created_at,
        outlets=tuple(outlets_of(session, [doc.id]).get(doc.id, ())), versions=versions,
        revision=doc.revision or 1,
    )


def ping(session: Session) -> bool:
    """True when the database answers a trivial query."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return session.execute(text("SELECT 1")).scalar() == 1
    except SQLAlchemyError:
        return False
