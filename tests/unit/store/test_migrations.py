"""The Alembic migrations build exactly the schema the tables describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from presswatch.store import migrate
from presswatch.store.base import make_engine
from presswatch.store.tables import Base


def test_upgrade_head_matches_the_tables(tmp_path):
    url = f"sqlite:///{tmp_path / 'pw.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()
    assert migrate.current(url) == migrate.head()
