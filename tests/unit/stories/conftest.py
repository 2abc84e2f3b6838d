"""A migrated SQLite file, documents written the way the pipeline writes them."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from presswatch.models import Article, Block, Enrichment, Translation
from presswatch.settings import Settings
from presswatch.store import articles as store_articles
from presswatch.store import migrate
from presswatch.store.base import Database

T0 = datetime(2026, 2, 12, 20, 40, tzinfo=UTC)
_numbers = itertools.count(1)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path)


@pytest.fixture
def db(settings):
    migrate.upgrade(settings.db_url)
    database = Database(settings.db_url)
    yield database
    database.dispose()


def add_document(db: Database, title: str, language: str, hours: float = 0.0,
                 lead: str = "", translations: dict[str, str] | None = None) -> int:
    """A stored document (and its machine translations' titles) published at T0 + hours."""
    article = Article(url=f"https://example.org/{next(_numbers)}", title=title,
                      blocks=(Block("p", lead or f"{title}. More follows."),),
                      language=language, published=T0 + timedelta(hours=hours))
    with db.session() as s:
        doc = store_articles.create_document(
            s, article, Enrichment(section="politics", relevant=True),
            content_hash=f"{title}/{language}", minhash=b"")
        for target, translated in (translations or {}).items():
            store_articles.save_translation(s, doc.id, Translation(
                language=target, title=translated, blocks=article.blocks, status="machine",
                engine="test-engine"))
        return doc.id
