"""`presswatch worker --processes 2`: two worker processes share the queue, a dead helper is
started again, and stopping the worker stops its helpers."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from presswatch.store.tables import Article, Document
from tests.integration.conftest import deploy, wait_until_settled
from tests.support import PRESSWATCH, run_cli, start_process, stop_process

pytestmark = pytest.mark.integration


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def wait_for(condition, timeout: float = 60):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_two_processes_share_the_work_and_stop_together(tmp_path) -> None:
    press, env, db = deploy(tmp_path, PRESSWATCH_WORKER_THREADS="1")
    worker = start_process("worker", "--processes", "2", env=env, log=tmp_path / "worker.log")
    try:
        (helper,) = wait_for(lambda: children(worker.pid))
        run_cli("crawl", "--once", env=env)
        wait_until_settled(db)
        with db.session() as s:
            rows = s.execute(select(Article.stage, func.count()).group_by(Article.stage))
            stages = {stage: count for stage, count in rows}
            docs = s.scalar(select(func.count()).select_from(Document))
            hashes = s.scalar(select(func.count(func.distinct(Document.content_hash))))
        assert stages.get("failed", 0) == 0 and docs == hashes
        stored = {a.title for a in press.articles if a.kind not in ("paywall", "hidden")}
        assert docs == len(stored)
        # both processes took tasks: each logs the articles it processed
        log = (tmp_path / "worker.log").read_text()
        assert f"worker process {helper} started" in log
        assert f"(process {worker.pid})" in log and f"(process {helper})" in log

        os.kill(helper, signal.SIGKILL)  # a helper that dies is started again
        (again,) = wait_for(lambda: children(worker.pid) - {helper} or None, timeout=30)
        assert again != helper
        assert "starting another" in (tmp_path / "worker.log").read_text()

        worker.send_signal(signal.SIGINT)  # stopping the worker stops its helper
        assert worker.wait(timeout=60) is not None
        wait_for(lambda: not Path(f"/proc/{again}").exists()
                 or "zombie" in Path(f"/proc/{again}/status").read_text(), timeout=30)
    finally:
        stop_process(worker)
        press.stop()
        db.dispose()


def test_processes_must_be_one_or_more(tmp_path) -> None:
    _, env, db = deploy(tmp_path)
    db.dispose()
    done = subprocess.run([PRESSWATCH, "worker", "--processes", "-1"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "--processes" in done.stdout + done.stderr
