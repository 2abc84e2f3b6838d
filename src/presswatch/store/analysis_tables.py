"""Tables of the analysts' picture: the entity base, mentions, figures, quotes, stories."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from presswatch.store.base import Base, UTCDateTime, utcnow


class Entity(Base):
    """A person, organisation, place, military unit or event, one across languages."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # e.g. person/zelenskyy
    type: Mapped[str] = mapped_column(String(8), index=True)  # PER | ORG | LOC | UNIT | EVT
    names: Mapped[dict] = mapped_column(JSON, default=dict)  # {"uk": "Київ", "en": "Kyiv"}
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(32), default="curated")  # curated|pycountry|desk
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class EntityName(Base):
    """A name or variant of an entity in one language (lemma form, for matching)."""

    __tablename__ = "entity_names"
    __table_args__ = (UniqueConstraint("entity_id", "language", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(300))
    normalized: Mapped[str] = mapped_column(String(300), index=True)


class Mention(Base):
    """An entity mentioned in a document (character offsets in the document's plain text)."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), default=None, index=True
    )
    type: Mapped[str] = mapped_column(String(8))
    surface: Mapped[str] = mapped_column(String(300))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Figure(Base):
    """A reported number: value, unit, qualifier, what it describes, who reported it."""

    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), default=None, index=True
    )
    value: Mapped[float] = mapped_column()
    unit: Mapped[str] = mapped_column(String(64))  # troops, people, USD, EUR, km, percent...
    qualifier: Mapped[str] = mapped_column(String(16), default="exact")  # exact|approx|min|max
    subject: Mapped[str] = mapped_column(String(300), default="")
    surface: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Quote(Base):
    """Direct or reported speech with its speaker."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    speaker_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), default=None, index=True
    )
    speaker: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="direct")  # direct | reported
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Story(Base):
    """One event across outlets and languages."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    titles: Mapped[dict] = mapped_column(JSON, default=dict)  # {"uk": ..., "en": ..., "ru": ...}
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    first_seen: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    size: Mapped[int] = mapped_column(Integer, default=0)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StoryMember(Base):
    """A document's place in a story."""

    __tablename__ = "story_members"
    __table_args__ = (UniqueConstraint("document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    score: Mapped[float] = mapped_column(default=0.0)
    added_by: Mapped[str] = mapped_column(String(100), default="pipeline")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
