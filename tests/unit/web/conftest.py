"""A seeded SQLite site, the app over it, and a TestClient (no server, no network)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 instead of httpx; the TestClient works the same with both.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from tests.unit.web.seed import SeededSite, seed_site

from presswatch.settings import Settings
from presswatch.store import migrate
from presswatch.store import users as store_users
from presswatch.store.base import Database
from presswatch.web.app import create_app

EDITOR, PASSWORD = "editor", "correct horse battery"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> tuple[Path, SeededSite]:
    """One migrated and seeded SQLite file (with an editor) that each test copies."""
    path = tmp_path_factory.mktemp("site-template") / "presswatch.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    database = Database(url)
    site = seed_site(database)
    with database.session() as session:
        store_users.create_user(session, EDITOR, PASSWORD)
    database.dispose()
    return path, site


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, secret_key="unit-test-secret")


@pytest.fixture
def db(settings: Settings, seeded_template):
    shutil.copyfile(seeded_template[0], settings.data_dir / "presswatch.db")
    database = Database(settings.db_url)
    yield database
    database.dispose()


@pytest.fixture
def seeded(db: Database, seeded_template) -> SeededSite:
    return seeded_template[1]


@pytest.fixture
def client(settings: Settings, db: Database, seeded: SeededSite):
    with TestClient(create_app(settings, db), follow_redirects=False) as test_client:
        yield test_client
