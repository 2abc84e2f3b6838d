"""Revisions: every text a document has had, numbered from 1 (the first text seen).

The ``documents`` row holds the current text and its number (``Document.revision``); the
``revisions`` rows hold every text including the current one, with the URL it was read from
and when. A re-fetch that finds another text or headline adds the next number
(``revise``); a headline that changes once the document was published on the site marks the
revision ``after_publication`` and ``headline_changed`` and the document ``stealth_edit``.
Re-reading a stored page with a changed extractor corrects a revision in place
(``reread``): it is the same page, so it is not a new revision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from presswatch.models import Article as ExtractedArticle
from presswatch.store.articles import blocks_to_json
from presswatch.store.captures import CaptureRef, capture_before, outlet_filter
from presswatch.store.tables import Article, Document, Outlet, Revision


@dataclass(frozen=True, slots=True)
class RevisionView:
    """One revision as pages show it (no ORM object leaves the store)."""

    number: int
    title: str
    blocks: tuple[dict, ...]
    url: str | None
    fetched_at: datetime
    headline_changed: bool
    after_publication: bool


@dataclass(frozen=True, slots=True)
class TextUpdate:
    """A new reading of a document's page: the text and what identifies it."""

    article: ExtractedArticle
    content_hash: str
    minhash: bytes
    url: str
    fetched_at: datetime


def add_first(session: Session, doc: Document, *, url: str | None,
              fetched_at: datetime | None) -> Revision:
    """Revision 1: the document's text as first stored."""
    row = Revision(
        document_id=doc.id, number=1, title=doc.title, blocks=list(doc.blocks or []),
        content_hash=doc.content_hash, url=url, fetched_at=fetched_at or doc.created_at,
    )
    session.add(row)
    session.flush()
    return row


def _rows(session: Session, doc_id: int) -> list[Revision]:
    return list(session.scalars(
        select(Revision).where(Revision.document_id == doc_id).order_by(Revision.number)
    ))


def ensure_first(session: Session, doc: Document) -> None:
    """Give a document stored before revisions were kept its revision 1."""
    if not _rows(session, doc.id):
        first = session.scalar(
            select(Article).where(Article.document_id == doc.id).order_by(Article.id).limit(1)
        )
        add_first(session, doc, url=first.url if first else doc.canonical_url,
                  fetched_at=(first.fetched_at if first else None) or doc.created_at)
        doc.revision = 1


def history(session: Session, doc_id: int) -> tuple[RevisionView, ...]:
    """Every revision of a document, oldest first."""
    return tuple(
        RevisionView(row.number, row.title, tuple(row.blocks or ()), row.url, row.fetched_at,
                     row.headline_changed, row.after_publication)
        for row in _rows(session, doc_id)
    )


def source_url(session: Session, doc_id: int) -> str | None:
    """The URL the document's current text was read from: only that article revises it (a
    republished copy elsewhere is the same story, not the document's source)."""
    url = session.scalar(
        select(Revision.url).where(Revision.document_id == doc_id)
        .order_by(Revision.number.desc()).limit(1)
    )
    if url is None:
        url = session.scalar(
            select(Article.url).where(Article.document_id == doc_id).order_by(Article.id).limit(1)
        )
    return url


def _hash_taken(session: Session, doc_id: int, content_hash: str) -> bool:
    other = session.scalar(
        select(Document.id).where(Document.content_hash == content_hash, Document.id != doc_id)
    )
    return other is not None


def _set_text(doc: Document, update: TextUpdate) -> None:
    article = update.article
    doc.title = article.title
    doc.blocks = blocks_to_json(article.blocks)
    doc.content_hash = update.content_hash
    doc.minhash = update.minhash
    doc.author = article.author
    doc.authors = list(article.authors)
    doc.modified = article.modified
    doc.image_url = article.image
    doc.paywalled = article.paywalled


def revise(session: Session, doc_id: int, update: TextUpdate) -> RevisionView | None:
    """Store a re-fetched text as the next revision; None when text and headline are the
    same (or the new text is already another document's)."""
    doc = session.get(Document, doc_id)
    article = update.article
    if doc is None or (doc.content_hash == update.content_hash and doc.title == article.title):
        return None
    if _hash_taken(session, doc_id, update.content_hash):
        return None
    ensure_first(session, doc)
    headline_changed = doc.title != article.title
    after_publication = doc.published_at is not None
    number = doc.revision + 1
    row = Revision(
        document_id=doc_id, number=number, title=article.title,
        blocks=blocks_to_json(article.blocks), content_hash=update.content_hash, url=update.url,
        fetched_at=update.fetched_at, headline_changed=headline_changed,
        after_publication=after_publication,
    )
    session.add(row)
    _set_text(doc, update)
    doc.revision = number
    if headline_changed and after_publication:
        doc.stealth_edit = True
    session.flush()
    return RevisionView(number, row.title, tuple(row.blocks), row.url, row.fetched_at,
                        headline_changed, after_publication)


def revision_times(session: Session, doc_id: int) -> list[tuple[int, datetime]]:
    """(number, fetched_at) of each revision, oldest first."""
    return [(row.number, row.fetched_at) for row in _rows(session, doc_id)]


def reread(session: Session, doc_id: int, number: int, update: TextUpdate) -> bool:
    """Correct revision ``number`` with a new reading of the same stored page (and the
    document too when it is the current one). True when the current text changed."""
    row = session.scalar(
        select(Revision).where(Revision.document_id == doc_id, Revision.number == number)
    )
    doc = session.get(Document, doc_id)
    if row is None or doc is None:
        return False
    row.title = update.article.title
    row.blocks = blocks_to_json(update.article.blocks)
    row.content_hash = update.content_hash
    changed = (
        number == doc.revision
        and (doc.content_hash != update.content_hash or doc.title != update.article.title)
        and not _hash_taken(session, doc_id, update.content_hash)
    )
    if changed:
        _set_text(doc, update)
    session.flush()
    return changed


def refresh_flags(session: Session, doc_id: int) -> None:
    """Recompute ``headline_changed`` between consecutive revisions and the document's
    ``stealth_edit`` after revisions were re-read (an extractor fix may undo a "change")."""
    rows = _rows(session, doc_id)
    doc = session.get(Document, doc_id)
    for earlier, row in zip(rows, rows[1:], strict=False):
        row.headline_changed = earlier.title != row.title
    if doc is not None:
        doc.stealth_edit = any(r.headline_changed and r.after_publication for r in rows[1:])
    session.flush()


def revision_captures(session: Session, article_id: int,
                      doc_id: int) -> list[tuple[int, CaptureRef | None]]:
    """Each revision's number with the stored page it was read from (the article's newest
    2xx capture fetched at or before the revision), oldest first; None where none is kept."""
    return [(number, capture_before(session, article_id, when))
            for number, when in revision_times(session, doc_id)]


def record_check(session: Session, article_id: int, now: datetime,
                 error: str | None = None) -> None:
    """Note that an article's page was fetched again (``fetched_at``), with the error if any."""
    row = session.get(Article, article_id)
    if row is not None:
        row.fetched_at = now
        row.last_error = error
        session.flush()


def due_rechecks(session: Session, *, seen_after: datetime, checked_before: datetime,
                 limit: int = 200) -> list[int]:
    """Finished articles first seen after ``seen_after`` and not fetched since
    ``checked_before``, longest unchecked first."""
    query = (
        select(Article.id)
        .where(Article.stage == "done", Article.document_id.is_not(None))
        .where(Article.discovered_at >= seen_after)
        .where((Article.fetched_at.is_(None)) | (Article.fetched_at < checked_before))
        .order_by(Article.fetched_at, Article.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def finished_articles(session: Session, *, since: datetime | None = None,
                      outlet: str | None = None, limit: int | None = None) -> list[int]:
    """Finished articles with a document (first seen at or after ``since``, of one outlet:
    its id or name), oldest first: what ``reprocess --refetch`` fetches again."""
    query = select(Article.id).where(Article.stage == "done", Article.document_id.is_not(None))
    if since is not None:
        query = query.where(Article.discovered_at >= since)
    if outlet:
        query = query.join(Outlet, Article.outlet_id == Outlet.id).where(outlet_filter(outlet))
    query = query.order_by(Article.id)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def source_article(session: Session, doc_id: int) -> int | None:
    """The id of the article the document's current text was read from."""
    url = source_url(session, doc_id)
    if url is None:
        return None
    return session.scalar(
        select(Article.id).where(Article.document_id == doc_id, Article.url == url).limit(1)
    )
