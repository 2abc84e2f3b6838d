"""Helpers shared by every test layer: loopback processes, ports, ../shared datasets."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from presswatch.models import OutletEntry
    from presswatch.store.base import Database

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PRESSWATCH = str(Path(sys.executable).with_name("presswatch"))


def shared_dataset(name: str) -> Path:
    """A folder of ../shared/datasets, or a skip with the reason when it is absent."""
    path = SHARED / "datasets" / name
    if not path.is_dir():
        pytest.skip(f"../shared/datasets/{name} is absent; this check needs it")
    return path


def import_outlets(data_dir: Path, env: dict[str, str], entries: Iterable[OutletEntry]) -> None:
    """Schema created and the outlets ``entries`` imported, through the real CLI."""
    from presswatch.samplepress.server import render_catalog

    data_dir.mkdir(parents=True, exist_ok=True)
    catalog = data_dir / "catalog.toml"
    catalog.write_text(render_catalog(entries), encoding="utf-8")
    run_cli("db", "upgrade", env=env)
    run_cli("sources", "import", str(catalog), env=env)


@contextmanager
def migrated_database(path: Path) -> Iterator[Database]:
    """A SQLite file at ``path`` with the schema created by the migrations, disposed after."""
    from presswatch.store import migrate
    from presswatch.store.base import Database

    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    database = Database(url)
    try:
        yield database
    finally:
        database.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def presswatch_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for a presswatch process working on ``data_dir`` over loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSWATCH_")}
    env.update(
        PRESSWATCH_DATA_DIR=str(data_dir),
        PRESSWATCH_ALLOW_PRIVATE_URLS="true",
        PRESSWATCH_MIN_HOST_INTERVAL="0.01",
        PRESSWATCH_FETCH_BACKOFF="0.05",
        **extra,
    )
    return env


def run_cli(*args: str, env: dict[str, str], input: str | None = None, timeout: float = 300):
    """Run the real ``presswatch`` command; fail the test with its output when it fails."""
    done = subprocess.run(
        [PRESSWATCH, *args], env=env, input=input, capture_output=True, text=True,
        timeout=timeout, cwd=ROOT,
    )
    assert done.returncode == 0, f"presswatch {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done


def start_process(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """A long-running presswatch process in its own session (killed as a group)."""
    handle = log.open("w")
    return subprocess.Popen(
        [PRESSWATCH, *args], env=env, stdout=handle, stderr=subprocess.STDOUT,
        start_new_session=True, cwd=ROOT,
    )


def stop_process(proc: subprocess.Popen, sig: int = 15) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait(timeout=15)


def wait_http(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {timeout} s")
