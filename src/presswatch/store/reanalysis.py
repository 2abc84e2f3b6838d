"""What ``presswatch reprocess --analysis-only`` analyses again, and what a document holds.

``documents_for_analysis`` picks documents (stored on or after a time, found on one outlet,
the first N by id); ``analysis_counts`` counts a document's mentions, figures and quotes, so
a run can report what changed. Replacing them is ``store.entities.store_analysis``'s work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from presswatch.store.captures import outlet_filter
from presswatch.store.tables import Article, Document, Figure, Mention, Outlet, Quote

__all__ = ["AnalysisCounts", "analysis_counts", "documents_for_analysis"]


@dataclass(frozen=True, slots=True)
class AnalysisCounts:
    """How many mentions, figures and quotes a document (or a run) has."""

    mentions: int = 0
    figures: int = 0
    quotes: int = 0

    def __add__(self, other: AnalysisCounts) -> AnalysisCounts:
        return AnalysisCounts(self.mentions + other.mentions, self.figures + other.figures,
                              self.quotes + other.quotes)


def documents_for_analysis(session: Session, *, since: datetime | None = None,
                           outlet: str | None = None, limit: int | None = None) -> list[int]:
    """Documents stored at or after ``since`` and found on ``outlet`` (its id or name),
    oldest first."""
    query = select(Document.id)
    if since is not None:
        query = query.where(Document.created_at >= since)
    if outlet:
        found_on = (select(Article.document_id).join(Outlet, Article.outlet_id == Outlet.id)
                    .where(outlet_filter(outlet), Article.document_id.is_not(None)))
        query = query.where(Document.id.in_(found_on))
    query = query.order_by(Document.id)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def analysis_counts(session: Session, document_id: int) -> AnalysisCounts:
    """The document's stored mentions, figures and quotes, counted."""
    def count(table) -> int:
        return session.scalar(select(func.count()).select_from(table)
                              .where(table.document_id == document_id)) or 0

    return AnalysisCounts(count(Mention), count(Figure), count(Quote))
