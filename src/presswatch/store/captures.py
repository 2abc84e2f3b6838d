"""Captures: where each fetched response lies in the WARC files (file, offset, length).

A capture is tagged with the article or feed it was fetched for; ``reprocess`` reads an
article's latest successful capture back instead of fetching the page again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from presswatch.store.tables import Article, Capture, Outlet


@dataclass(frozen=True, slots=True)
class CaptureRef:
    """Enough to read one capture back."""

    id: int
    url: str
    warc_file: str
    offset: int
    fetched_at: datetime


def _ref(row: Capture) -> CaptureRef:
    return CaptureRef(row.id, row.url, row.warc_file, row.offset, row.fetched_at)


def add_capture(
    session: Session,
    *,
    url: str,
    status: int,
    content_type: str,
    warc_file: str,
    offset: int,
    length: int,
    fetched_at: datetime,
    article_id: int | None = None,
    feed_id: int | None = None,
) -> int:
    row = Capture(
        url=url[:1000], status=status, content_type=content_type[:200], warc_file=warc_file,
        offset=offset, length=length, fetched_at=fetched_at, article_id=article_id,
        feed_id=feed_id,
    )
    session.add(row)
    session.flush()
    return row.id


def _successful(article_id: int):
    return (
        select(Capture)
        .where(Capture.article_id == article_id, Capture.status >= 200, Capture.status < 300)
        .order_by(Capture.fetched_at.desc(), Capture.id.desc())
    )


def latest_capture(session: Session, article_id: int) -> CaptureRef | None:
    """The article's newest capture with a 2xx answer (the page it was extracted from)."""
    row = session.scalar(_successful(article_id).limit(1))
    return _ref(row) if row else None


def capture_before(session: Session, article_id: int, when: datetime) -> CaptureRef | None:
    """The article's newest 2xx capture fetched at or before ``when`` (a revision's page)."""
    row = session.scalar(_successful(article_id).where(Capture.fetched_at <= when).limit(1))
    return _ref(row) if row else None


def outlet_filter(outlet: str) -> ColumnElement[bool]:
    """Outlet by id (digits) or by name, any case."""
    if outlet.isdigit():
        return Outlet.id == int(outlet)
    return func.lower(Outlet.name) == outlet.strip().lower()


def articles_with_captures(
    session: Session,
    *,
    since: datetime | None = None,
    outlet: str | None = None,
    limit: int | None = None,
) -> list[int]:
    """Ids of the articles that have a 2xx capture (fetched at or after ``since``), oldest
    article first, optionally of one outlet (its id or its name, any case)."""
    newest = (
        select(Capture.article_id, func.max(Capture.fetched_at).label("fetched_at"))
        .where(Capture.article_id.is_not(None), Capture.status >= 200, Capture.status < 300)
        .group_by(Capture.article_id)
        .subquery()
    )
    query = select(Article.id).join(newest, newest.c.article_id == Article.id)
    if since is not None:
        query = query.where(newest.c.fetched_at >= since)
    if outlet:
        query = query.join(Outlet, Article.outlet_id == Outlet.id).where(outlet_filter(outlet))
    query = query.order_by(Article.id)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def outlet_exists(session: Session, outlet: str) -> bool:
    return session.scalar(select(func.count()).select_from(Outlet).where(
        outlet_filter(outlet))) > 0
