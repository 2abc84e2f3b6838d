"""Articles (places an article was found), documents (unique texts) and translations.

The ``stage`` and ``lease_until`` columns of ``articles`` are the truth for the task queue:
a worker claims an article by taking its lease, and the reaper hands expired leases back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from presswatch.models import Article as ExtractedArticle
from presswatch.models import Block, Enrichment, FeedItem, Translation
from presswatch.store import segments as store_segments
from presswatch.store.base import utcnow
from presswatch.store.tables import Article, Document, TranslationRow

OPEN_STAGES = ("discovered", "extracted")
DONE_STAGES = ("done", "rejected", "failed")


def add_discovered(
    session: Session, items: Iterable[FeedItem], *, outlet_id: int | None, feed_id: int | None
) -> list[int]:
    """Insert the items whose URL is new; return the new article ids.

    Safe against a concurrent crawl of the same URLs (another worker, a CLI crawl): the insert
    skips URLs that exist by then instead of failing.
    """
    items = list({item.url: item for item in items}.values())
    if not items:
        return []
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    now = utcnow()
    rows = [
        {"url": i.url, "outlet_id": outlet_id, "feed_id": feed_id, "feed_title": i.title,
         "stage": "discovered", "attempts": 0, "discovered_at": now}
        for i in items
    ]
    statement = insert(Article).values(rows).on_conflict_do_nothing(index_elements=["url"])
    return sorted(session.scalars(statement.returning(Article.id)))


def claim(
    session: Session, article_id: int, stage: str, *, now: datetime, lease_seconds: int
) -> Article | None:
    """Take the lease on an article in ``stage``; None when it is done or leased elsewhere."""
    result = session.execute(
        update(Article)
        .where(Article.id == article_id, Article.stage == stage)
        .where(or_(Article.lease_until.is_(None), Article.lease_until < now))
        .values(lease_until=now + timedelta(seconds=lease_seconds), attempts=Article.attempts + 1)
    )
    if result.rowcount != 1:
        return None
    return session.get(Article, article_id)


def advance(session: Session, article_id: int, stage: str, **fields: object) -> None:
    """Move an article to ``stage`` and release its lease."""
    session.execute(
        update(Article)
        .where(Article.id == article_id)
        .values(stage=stage, lease_until=None, **fields)
    )


def postpone(session: Session, article_id: int, error: str, *, until: datetime) -> None:
    """Keep the stage, record the error, and let the reaper retry after ``until``."""
    session.execute(
        update(Article).where(Article.id == article_id).values(last_error=error, lease_until=until)
    )


def mark_queued(session: Session, article_ids: Iterable[int], *, now: datetime) -> None:
    ids = list(article_ids)
    if ids:
        session.execute(update(Article).where(Article.id.in_(ids)).values(queued_at=now))


def orphaned(
    session: Session, *, now: datetime, grace_seconds: int, limit: int = 500
) -> list[tuple[int, str]]:
    """Open articles nobody owns: the lease expired, or queued long ago and never claimed."""
    stale = now - timedelta(seconds=grace_seconds)
    never_claimed = and_(
        Article.lease_until.is_(None),
        or_(Article.queued_at.is_(None), Article.queued_at < stale),
    )
    rows = session.execute(
        select(Article.id, Article.stage)
        .where(Article.stage.in_(OPEN_STAGES))
        .where(or_(Article.lease_until < now, never_claimed))
        .order_by(Article.id)
        .limit(limit)
    )
    return [(r.id, r.stage) for r in rows]


def stage_counts(session: Session, article_ids: Iterable[int] | None = None) -> dict[str, int]:
    query = select(Article.stage, func.count()).group_by(Article.stage)
    if article_ids is not None:
        query = query.where(Article.id.in_(list(article_ids)))
    return {stage: count for stage, count in session.execute(query)}


def document_for_url(session: Session, url: str) -> Document | None:
    """The document already stored for an article URL or a canonical URL."""
    doc_id = session.scalar(
        select(Article.document_id).where(Article.url == url, Article.document_id.is_not(None))
    )
    if doc_id is None:
        doc_id = session.scalar(select(Document.id).where(Document.canonical_url == url))
    return session.get(Document, doc_id) if doc_id else None


def document_by_hash(session: Session, content_hash: str) -> Document | None:
    return session.scalar(select(Document).where(Document.content_hash == content_hash))


def near_duplicate(
    session: Session,
    signature: bytes,
    similarity: Callable[[bytes, bytes], float],
    *,
    threshold: float,
    since: datetime,
) -> Document | None:
    """The most similar recent document at or above ``threshold`` (MinHash estimate)."""
    best, best_score = None, threshold
    rows = session.execute(
        select(Document.id, Document.minhash).where(
            Document.created_at >= since, Document.minhash.is_not(None)
        )
    )
    for doc_id, other in rows:
        score = similarity(signature, other)
        if score >= best_score:
            best, best_score = doc_id, score
    return session.get(Document, best) if best else None


def create_document(
    session: Session,
    article: ExtractedArticle,
    enrichment: Enrichment,
    *,
    content_hash: str,
    minhash: bytes,
) -> Document:
    doc = Document(
        content_hash=content_hash,
        minhash=minhash,
        title=article.title,
        blocks=blocks_to_json(article.blocks),
        author=article.author,
        published=article.published,
        language=article.language,
        canonical_url=article.canonical_url,
        paywalled=article.paywalled,
        authors=list(article.authors),
        modified=article.modified,
        image_url=article.image,
        outlet_section=article.outlet_section,
        section=enrichment.section,
        relevant=enrichment.relevant,
        topics=list(enrichment.topics),
    )
    session.add(doc)
    session.flush()
    return doc


def missing_languages(session: Session, document_id: int, languages: Iterable[str]) -> list[str]:
    have = set(
        session.scalars(
            select(TranslationRow.language).where(TranslationRow.document_id == document_id)
        )
    )
    return [lang for lang in languages if lang not in have]


def save_translation(
    session: Session, document_id: int, tr: Translation,
    checks: Sequence[list[dict]] | None = None,
) -> None:
    """Insert or replace the document's row for ``tr.language`` (idempotent).

    A machine translation also gets one segment per title and block with its origin (and
    the checks' findings, one list per segment, when given); a paragraph an editor changed
    keeps the editor's text while its source is the same, and a changed text withdraws the
    language's approval (see ``presswatch.store.segments``).
    """
    row = session.scalar(
        select(TranslationRow).where(
            TranslationRow.document_id == document_id, TranslationRow.language == tr.language
        )
    )
    if row is None:
        row = TranslationRow(document_id=document_id, language=tr.language)
        session.add(row)
    row.title = tr.title
    row.blocks = blocks_to_json(tr.blocks)
    row.status = tr.status
    row.engine = tr.engine
    row.note = tr.note
    if store_segments.sync_segments(session, row, tr, checks):
        store_segments.clear_approval(row)
    session.flush()


def blocks_to_json(blocks: Iterable[Block]) -> list[dict[str, str]]:
    return [asdict(b) for b in blocks]


def blocks_from_json(data: Iterable[dict[str, str]]) -> tuple[Block, ...]:
    return tuple(Block(kind=d["kind"], text=d["text"]) for d in data)
