"""Tables of the translation desk: segments, their edit history, translation memory, terms."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from presswatch.store.base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from presswatch.store.tables import TranslationRow


class Segment(Base):
    """One paragraph (heading, quote, list item) of a translation, with its origin and checks."""

    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("translation_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)  # 0 = title, then the blocks in order
    kind: Mapped[str] = mapped_column(String(8))  # title | h2 | h3 | p | quote | li
    source_text: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # "engine:apertium", "memory:exact", "memory:fuzzy:92", "editor:alice", "original"
    origin: Mapped[str] = mapped_column(String(100), default="")
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    accepted_by: Mapped[str | None] = mapped_column(String(100), default=None)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    checks: Mapped[list] = mapped_column(JSON, default=list)  # findings of the checks

    translation: Mapped[TranslationRow] = relationship(back_populates="segments")


class SegmentEdit(Base):
    """The history of a segment: every edit with its author and time."""

    __tablename__ = "segment_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MemoryUnit(Base):
    """Translation memory: a source segment and the translation an editor accepted."""

    __tablename__ = "memory_units"
    __table_args__ = (UniqueConstraint("source_language", "target_language", "source_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_language: Mapped[str] = mapped_column(String(16))
    target_language: Mapped[str] = mapped_column(String(16))
    source_hash: Mapped[str] = mapped_column(String(64))  # of the normalized source text
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(100), default="")  # editor:alice, tmx:file
    created_by: Mapped[str | None] = mapped_column(String(100), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    use_count: Mapped[int] = mapped_column(Integer, default=0)


class GlossaryTerm(Base):
    """A house term in one language, edited in the desk (overrides the built-in file)."""

    __tablename__ = "glossary_terms"
    __table_args__ = (UniqueConstraint("concept", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concept: Mapped[str] = mapped_column(String(100))  # e.g. kyiv, volodymyr-zelenskyy
    language: Mapped[str] = mapped_column(String(16))
    term: Mapped[str] = mapped_column(String(300))  # the house form (nominative)
    forms: Mapped[list] = mapped_column(JSON, default=list)  # inflected house forms
    variants: Mapped[list] = mapped_column(JSON, default=list)  # wrong forms to replace
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str | None] = mapped_column(String(100), default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
