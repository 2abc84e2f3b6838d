"""A worker killed with SIGKILL mid-crawl loses nothing and duplicates nothing."""

from __future__ import annotations

import signal
import time

import pytest
from sqlalchemy import func, select

from presswatch.store.tables import Article, Document, TranslationRow
from tests.integration.conftest import deploy, wait_until_settled
from tests.support import run_cli, start_process, stop_process

pytestmark = pytest.mark.integration


def count_done(db) -> tuple[int, int]:
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(Article))
        done = s.scalar(select(func.count()).where(Article.stage == "done"))
    return done, total


def test_killed_worker_resumes_through_leases(tmp_path):
    press, env, db = deploy(
        tmp_path, PRESSWATCH_LEASE_SECONDS="3", PRESSWATCH_REAP_INTERVAL="1",
        PRESSWATCH_WORKER_THREADS="2",
    )
    worker = start_process("worker", env=env, log=tmp_path / "worker1.log")
    try:
        run_cli("crawl", "--once", env=env)
        deadline = time.monotonic() + 120
        while count_done(db)[0] < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        done, total = count_done(db)
        assert 0 < done < total, "the kill must land while work is in flight"
        stop_process(worker, signal.SIGKILL)
        worker = start_process("worker", env=env, log=tmp_path / "worker2.log")
        wait_until_settled(db)
        with db.session() as s:
            rows = s.execute(select(Article.stage, func.count()).group_by(Article.stage))
            stages = {stage: count for stage, count in rows}
            docs = s.scalar(select(func.count()).select_from(Document))
            translations = s.scalar(select(func.count()).select_from(TranslationRow))
            hashes = s.scalar(select(func.count(func.distinct(Document.content_hash))))
        assert stages.get("failed", 0) == 0, stages
        assert docs == hashes
        stored = {a.title for a in press.articles if a.kind not in ("paywall", "hidden")}
        assert docs == len(stored)
        assert translations == 3 * docs
    finally:
        stop_process(worker)
        press.stop()
        db.dispose()
