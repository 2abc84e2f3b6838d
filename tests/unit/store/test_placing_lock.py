"""Placing documents in stories is serialised across processes by the database itself."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from presswatch.settings import Settings
from presswatch.store import migrate
from presswatch.store import stories as store_stories
from presswatch.store.analysis_tables import Story
from presswatch.store.base import Database


def test_a_second_connection_waits_for_the_first_placing_to_commit(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path)
    migrate.upgrade(settings.db_url)
    first, second = Database(settings.db_url), Database(settings.db_url)  # as two processes
    waited: list[float] = []
    holding = threading.Event()

    def other_process() -> None:
        holding.wait()
        start = time.perf_counter()
        with second.session() as s:
            store_stories.lock_placing(s)
            waited.append(time.perf_counter() - start)
            store_stories.create_story(s)

    thread = threading.Thread(target=other_process)
    thread.start()
    with first.session() as s:
        store_stories.lock_placing(s)
        holding.set()
        time.sleep(0.4)
        story = store_stories.create_story(s)
    thread.join(timeout=10)
    assert waited and waited[0] >= 0.3  # it could only start placing after the commit
    with first.session() as s:
        assert s.scalar(select(func.count()).select_from(Story)) == 2
        assert s.get(Story, story) is not None
    first.dispose()
    second.dispose()
