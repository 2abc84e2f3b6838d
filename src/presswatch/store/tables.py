"""All tables. Aggregates: outlets/feeds, articles/documents, translations, users."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from presswatch.store.base import Base, UTCDateTime, utcnow


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    homepage: Mapped[str] = mapped_column(String(1000), unique=True)
    country: Mapped[str] = mapped_column(String(8), default="")
    language: Mapped[str] = mapped_column(String(16), default="")
    # a date-based archive page template for backfills, e.g. https://x/archiv/{yyyy}/{mm}/{dd}/
    archive_url: Mapped[str | None] = mapped_column(String(1000), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    error_count: Mapped[int] = mapped_column(Integer, default=0)

    feeds: Mapped[list[Feed]] = relationship(back_populates="outlet", cascade="all, delete-orphan")


class Feed(Base):
    """A feed with its health: last fetch, last error, items seen, next check."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    etag: Mapped[str | None] = mapped_column(String(500), default=None)
    last_modified: Mapped[str | None] = mapped_column(String(100), default=None)
    last_fetch_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_status: Mapped[int | None] = mapped_column(Integer, default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    items_seen: Mapped[int] = mapped_column(Integer, default=0)
    next_check_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    # feed (RSS/Atom/JSON Feed), sitemap (news sitemap) or page (a front/section page whose
    # article links are crawled)
    kind: Mapped[str] = mapped_column(String(16), default="feed", server_default="feed")

    outlet: Mapped[Outlet] = relationship(back_populates="feeds")


class Document(Base):
    """One unique article text, linked to every place it was found (``Article`` rows)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    title: Mapped[str] = mapped_column(Text)
    blocks: Mapped[list] = mapped_column(JSON)  # [{"kind": "p", "text": "..."}]
    author: Mapped[str | None] = mapped_column(String(500), default=None)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    language: Mapped[str | None] = mapped_column(String(16), default=None)
    canonical_url: Mapped[str | None] = mapped_column(String(1000), default=None)
    paywalled: Mapped[bool] = mapped_column(Boolean, default=False)
    authors: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    modified: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    image_url: Mapped[str | None] = mapped_column(String(1000), default=None)
    outlet_section: Mapped[str | None] = mapped_column(String(200), default=None)
    # revision number of the current text; earlier ones are in ``revisions``
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # the headline changed after publication
    stealth_edit: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    section: Mapped[str | None] = mapped_column(String(64), default=None)
    relevant: Mapped[bool] = mapped_column(Boolean, default=False)
    topics: Mapped[list] = mapped_column(JSON, default=list)
    # new -> candidate -> published | rejected
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    status_by: Mapped[str | None] = mapped_column(String(100), default=None)
    # why, where the last change needed a reason (publishing over the desk's blockers)
    status_note: Mapped[str | None] = mapped_column(Text, default=None)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    articles: Mapped[list[Article]] = relationship(back_populates="document")
    translations: Mapped[list[TranslationRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class Article(Base):
    """A place where an article was found: one URL on one outlet, and its pipeline stage.

    ``stage`` is the truth for the task queue: discovered -> fetched -> done | failed |
    rejected; ``queued_at`` is when a task for it was last enqueued, ``lease_until`` marks work a
    worker owns; the reaper re-enqueues work that is neither queued recently nor leased.
    """

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    outlet_id: Mapped[int | None] = mapped_column(
        ForeignKey("outlets.id", ondelete="SET NULL"), default=None
    )
    feed_id: Mapped[int | None] = mapped_column(
        ForeignKey("feeds.id", ondelete="SET NULL"), default=None
    )
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), default=None, index=True
    )
    feed_title: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(16), default="discovered", index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    reject_reason: Mapped[str | None] = mapped_column(String(64), default=None)
    discovered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    document: Mapped[Document | None] = relationship(back_populates="articles")
    outlet: Mapped[Outlet | None] = relationship()


class TranslationRow(Base):
    """A document in one site language: original, machine translation or untranslated."""

    __tablename__ = "translations"
    __table_args__ = (UniqueConstraint("document_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    blocks: Mapped[list] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))  # original | machine | untranslated
    engine: Mapped[str | None] = mapped_column(String(100), default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # an editor approved this language (with a reason when open checks were overridden)
    approved_by: Mapped[str | None] = mapped_column(String(100), default=None)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    override_reason: Mapped[str | None] = mapped_column(Text, default=None)

    document: Mapped[Document] = relationship(back_populates="translations")
    segments: Mapped[list[Segment]] = relationship(
        back_populates="translation", cascade="all, delete-orphan", order_by="Segment.position"
    )


class Revision(Base):
    """An earlier or current text of a document, kept when a re-fetch finds it changed."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    blocks: Mapped[list] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(String(1000), default=None)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    headline_changed: Mapped[bool] = mapped_column(Boolean, default=False)
    after_publication: Mapped[bool] = mapped_column(Boolean, default=False)


class Capture(Base):
    """One fetched HTTP response, stored in a WARC file (path, offset, length)."""

    __tablename__ = "captures"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), index=True)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), default=None, index=True
    )
    feed_id: Mapped[int | None] = mapped_column(
        ForeignKey("feeds.id", ondelete="SET NULL"), default=None
    )
    status: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(200), default="")
    warc_file: Mapped[str] = mapped_column(String(500))
    offset: Mapped[int] = mapped_column(Integer)
    length: Mapped[int] = mapped_column(Integer)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Backfill(Base):
    """A backfill of an outlet's archive over a date range; ``cursor`` lets it resume."""

    __tablename__ = "backfills"

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"))
    start_date: Mapped[datetime] = mapped_column(UTCDateTime())
    end_date: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="running")  # running|done|failed
    cursor: Mapped[dict] = mapped_column(JSON, default=dict)
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    articles_found: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# The desk's and the analysts' tables live in their own modules; importing them here registers
# them with the metadata, so ``store.tables`` stays the one place that names the whole schema.
from presswatch.store.analysis_tables import (  # noqa: E402
    Entity,
    EntityName,
    Figure,
    Mention,
    Quote,
    Story,
    StoryMember,
)
from presswatch.store.desk_tables import (  # noqa: E402
    GlossaryTerm,
    MemoryUnit,
    Segment,
    SegmentEdit,
)

__all__ = [
    "Article", "Backfill", "Base", "Capture", "Document", "Entity", "EntityName", "Feed",
    "Figure", "GlossaryTerm", "MemoryUnit", "Mention", "Outlet", "Quote", "Revision", "Segment",
    "SegmentEdit", "Story", "StoryMember", "TranslationRow", "User",
]
