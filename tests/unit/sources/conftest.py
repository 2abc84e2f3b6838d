"""A migrated SQLite file per test, for the store and CLI tests of the sources stage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support import migrated_database

from presswatch.store.base import Database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with migrated_database(tmp_path / "sources.db") as database:
        yield database
