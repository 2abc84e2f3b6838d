"""The whole system on loopback: sample press, CLI, worker and web processes, SQLite files."""

from __future__ import annotations

import dataclasses
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from presswatch.models import Article as ExtractedArticle
from presswatch.models import Block
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


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every HTTP request of this process refused and recorded (work that must read only the
    stored pages); the list of URLs asked for."""
    asked: list[str] = []

    def refuse(transport, request):  # noqa: ANN001, ANN202 - httpx's transport hook
        asked.append(str(request.url))
        raise AssertionError(f"fetched {request.url} over the network")

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", refuse)
    return asked


def change_cleanup(monkeypatch: pytest.MonkeyPatch,
                   keep: Callable[[tuple[Block, ...]], tuple[Block, ...]]) -> None:
    """Re-extraction with a changed cleanup rule: ``keep`` decides which blocks stay of an
    extracted article with more than two."""
    from presswatch import revisits

    real = revisits.extract_article

    def changed(body, url, settings, **kwargs):  # noqa: ANN001, ANN003, ANN202
        result = real(body, url, settings, **kwargs)
        if isinstance(result, ExtractedArticle) and len(result.blocks) > 2:
            result = dataclasses.replace(result, blocks=keep(result.blocks))
        return result

    monkeypatch.setattr(revisits, "extract_article", changed)


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
