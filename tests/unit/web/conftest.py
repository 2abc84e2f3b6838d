"""A seeded SQLite site, the app over it, and a TestClient (no server, no network)."""

from __future__ import annotations

import warnings

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 instead of httpx; the TestClient works the same with both.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from presswatch.settings import Settings
from presswatch.store import migrate
from presswatch.store import users as store_users
from presswatch.store.base import Database
from presswatch.web.app import create_app
from tests.unit.web.seed import SeededSite, seed_site

EDITOR, PASSWORD = "editor", "correct horse battery"


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, secret_key="unit-test-secret")


@pytest.fixture
def db(settings: Settings):
    migrate.upgrade(settings.db_url)
    database = Database(settings.db_url)
    yield database
    database.dispose()


@pytest.fixture
def seeded(db: Database) -> SeededSite:
    site = seed_site(db)
    with db.session() as session:
        store_users.create_user(session, EDITOR, PASSWORD)
    return site


@pytest.fixture
def client(settings: Settings, db: Database, seeded: SeededSite):
    with TestClient(create_app(settings, db), follow_redirects=False) as test_client:
        yield test_client
