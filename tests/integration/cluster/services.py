"""Throwaway PostgreSQL and Redis servers for the cluster tests (COOKBOOK §2).

Each server lives in its own temporary directory on a free loopback port and is stopped and
removed afterwards, also when a test fails. As root, PostgreSQL's tools run as the
``postgres`` user (initdb refuses root). Missing binaries fail the run under CI (``make test``
installs them through ``make apt``) and skip it locally.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from tests.support import free_port

INSTALL = "install them with `make apt` (apt-get install postgresql redis-server)"


def require(what: str, found: object) -> None:
    """Fail under CI, skip locally, when a server binary is missing."""
    if found:
        return
    message = f"{what} not found; the cluster tests need it: {INSTALL}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's bin directory (Debian keeps it off PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass
class Postgres:
    bin: Path
    dir: Path
    port: int
    as_postgres: list[str]

    def tool(self, name: str, *args: str, timeout: float = 60) -> None:
        done = subprocess.run(
            [*self.as_postgres, str(self.bin / name), *args],
            capture_output=True, text=True, timeout=timeout,
        )
        if done.returncode != 0:
            log = self.dir / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise AssertionError(f"{name} {' '.join(args)}:\n{done.stdout}{done.stderr}{tail}")

    def create_database(self, name: str) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        self.tool("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"


@contextmanager
def postgres_server() -> Iterator[Postgres]:
    pg_bin = postgres_bin()
    require("PostgreSQL (initdb, pg_ctl)", pg_bin)
    assert pg_bin is not None
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    # Not under /root or a pytest tmp dir: the postgres user must reach it.
    root = Path(tempfile.mkdtemp(prefix="presswatch-pg-"))
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    server = Postgres(pg_bin, root, free_port(), as_postgres)
    data = str(root / "data")
    started = False
    try:
        server.tool("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        started = True  # a failed start may still leave a postmaster to stop
        server.tool("pg_ctl", "-D", data, "-l", str(root / "log"), "-w", "-o", options, "start")
        yield server
    finally:
        if started:
            subprocess.run([*as_postgres, str(pg_bin / "pg_ctl"), "-D", data, "-m", "immediate",
                            "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Redis:
    port: int
    process: subprocess.Popen

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, db=db)


@contextmanager
def redis_server() -> Iterator[Redis]:
    binary = shutil.which("redis-server")
    require("redis-server", binary)
    assert binary is not None
    root = Path(tempfile.mkdtemp(prefix="presswatch-redis-"))
    port = free_port()
    log = (root / "log").open("w")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(root), "--save", "",
         "--appendonly", "no", "--daemonize", "no"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = Redis(port, process)
    try:
        wait_ping(server, root / "log")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()
        shutil.rmtree(root, ignore_errors=True)


def wait_ping(server: Redis, log: Path, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    client = server.client(0)
    try:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise AssertionError(f"redis-server exited:\n{log.read_text(errors='replace')}")
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.02)
        raise AssertionError(f"redis-server did not answer PING within {timeout} s")
    finally:
        client.close()
