"""A migrated SQLite file per test, for the store and CLI tests of the sources stage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from presswatch.store import migrate
from presswatch.store.base import Database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'sources.db'}"
    migrate.upgrade(url)
    database = Database(url)
    yield database
    database.dispose()
