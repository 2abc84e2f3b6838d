"""The cluster deployment: PostgreSQL as the database, Redis as the queue, worker processes."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from presswatch.samplepress.server import SamplePress
from presswatch.store.base import Database
from tests.integration.cluster.services import Postgres, Redis, postgres_server, redis_server
from tests.support import presswatch_env, run_cli

QUEUE_KEY = "huey.redis.presswatch"  # RedisHuey("presswatch")'s list of pending tasks

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def redis_queue() -> Iterator[Redis]:
    with redis_server() as server:
        yield server


@dataclass
class Cluster:
    press: SamplePress
    env: dict[str, str]
    db: Database
    redis: Redis
    redis_db: int
    data_dir: Path
    upgrade_output: str
    crawl_output: str = ""
    queued_after_crawl: int = 0
    workers: list[subprocess.Popen] = field(default_factory=list)
    base_url: str = ""

    def queued(self) -> int:
        client = self.redis.client(self.redis_db)
        try:
            return int(client.llen(QUEUE_KEY))
        finally:
            client.close()


@contextmanager
def deploy_cluster(
    postgres: Postgres, redis_queue: Redis, data_dir: Path, **extra: str
) -> Iterator[Cluster]:
    """A fresh database and Redis db, the schema migrated and outlets imported via the CLI.

    ``data_dir`` holds only the WARC files and the translation cache; the articles live in
    PostgreSQL and the tasks in Redis.
    """
    number = next(_numbers)
    url = postgres.create_database(f"presswatch_{number}")
    redis_db = number  # Redis has 16 numbered databases: one per deployment, emptied first
    assert redis_db < 16, "more cluster deployments than Redis databases"
    client = redis_queue.client(redis_db)
    client.flushdb()
    client.close()
    data_dir.mkdir(parents=True, exist_ok=True)
    press = SamplePress()
    press.start()
    db = Database(url)
    try:
        env = presswatch_env(
            data_dir, PRESSWATCH_AUTO_PUBLISH="true", PRESSWATCH_DATABASE_URL=url,
            PRESSWATCH_QUEUE_BACKEND="redis", PRESSWATCH_REDIS_URL=redis_queue.url(redis_db),
            **extra,
        )
        catalog = data_dir / "catalog.toml"
        catalog.write_text(press.catalog_toml(), encoding="utf-8")
        upgraded = run_cli("db", "upgrade", env=env)
        run_cli("sources", "import", str(catalog), env=env)
        yield Cluster(press, env, db, redis_queue, redis_db, data_dir,
                      upgraded.stdout + upgraded.stderr)
    finally:
        press.stop()
        db.dispose()
