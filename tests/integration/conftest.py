"""The whole system on loopback: sample press, CLI, worker and web processes, SQLite files."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from presswatch.samplepress.server import SamplePress
from presswatch.store.base import Database
from presswatch.store.tables import Article
from tests.support import (
    free_port,
    import_outlets,
    presswatch_env,
    run_cli,
    start_process,
    stop_process,
    wait_http,
)

OPEN = ("discovered", "extracted")


@dataclass
class Deployment:
    press: SamplePress
    data_dir: Path
    env: dict[str, str]
    db: Database
    base_url: str
    worker: subprocess.Popen


def wait_until_settled(db: Database, timeout: float = 300) -> None:
    """Block until every discovered article reached a final stage."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.session() as s:
            total = s.scalar(select(func.count()).select_from(Article))
            open_ = s.scalar(select(func.count()).where(Article.stage.in_(OPEN)))
        if total and not open_:
            return
        time.sleep(0.3)
    raise AssertionError(f"{open_} of {total} articles still open after {timeout} s")


def deploy(data_dir: Path, **extra: str) -> tuple[SamplePress, dict[str, str], Database]:
    """Sample press up, schema created, outlets imported through the real CLI."""
    press = SamplePress()
    press.start()
    env = presswatch_env(data_dir, PRESSWATCH_AUTO_PUBLISH="true", **extra)
    import_outlets(data_dir, env, press.outlets)
    return press, env, Database(f"sqlite:///{data_dir / 'presswatch.db'}")


@contextmanager
def crawled_then_stopped(data_dir: Path) -> Iterator[tuple[SamplePress, dict[str, str], Database]]:
    """The sample press crawled and processed (``crawl --once --process``), then stopped: no
    page can be fetched again."""
    press, env, db = deploy(data_dir)
    try:
        run_cli("crawl", "--once", "--process", env=env)
    finally:
        press.stop()
    try:
        yield press, env, db
    finally:
        db.dispose()


@pytest.fixture(scope="session")
def deployment(tmp_path_factory: pytest.TempPathFactory):
    """A worker process and `crawl --once` over the sample press, then `presswatch serve`."""
    data_dir = tmp_path_factory.mktemp("deployment")
    press, env, db = deploy(data_dir)
    worker = start_process("worker", env=env, log=data_dir / "worker.log")
    port = free_port()
    web = None
    try:
        run_cli("crawl", "--once", env=env)
        wait_until_settled(db)
        web = start_process("serve", "--port", str(port), env=env, log=data_dir / "web.log")
        base_url = f"http://127.0.0.1:{port}"
        wait_http(f"{base_url}/healthz")
        yield Deployment(press, data_dir, env, db, base_url, worker)
    finally:
        for proc in (web, worker):
            if proc is not None:
                stop_process(proc)
        press.stop()
        db.dispose()
