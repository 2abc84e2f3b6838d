"""The real app under ``presswatch serve`` on loopback, and Debian's Chromium for Playwright.

``site_database_url`` is its own fixture so that another layer (the pipeline integration) can
point the browser at a database the pipeline produced instead of the seeded one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support import free_port, presswatch_env, start_process, stop_process, wait_http
from tests.unit.web.seed import seed_site

from presswatch.store import migrate
from presswatch.store.base import Database

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: `apt-get install -y chromium` (or `make apt`)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox"]}


@pytest.fixture(scope="session")
def site_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser-site")


@pytest.fixture(scope="session")
def site_database_url(site_data_dir: Path) -> str:
    """A migrated SQLite database with the unit tests' sample site in it."""
    url = f"sqlite:///{site_data_dir / 'presswatch.db'}"
    migrate.upgrade(url)
    db = Database(url)
    seed_site(db)
    db.dispose()
    return url


@pytest.fixture(scope="session")
def live_server(site_data_dir: Path, site_database_url: str) -> Iterator[str]:
    """``presswatch serve`` on a free loopback port over ``site_database_url``; its base URL."""
    port = free_port()
    env = presswatch_env(site_data_dir, PRESSWATCH_DATABASE_URL=site_database_url)
    proc = start_process("serve", "--host", "127.0.0.1", "--port", str(port), env=env,
                         log=site_data_dir / "serve.log")
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base_url}/healthz")
        yield base_url
    finally:
        stop_process(proc)


@pytest.fixture(scope="session")
def results_dir() -> Path:
    path = Path(__file__).resolve().parents[2] / "test-results"
    path.mkdir(exist_ok=True)
    return path

